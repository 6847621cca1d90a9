"""Packaging: no build warning, a complete sdist, a wheel with every package and resource."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

import gradflow

ROOT = Path(__file__).resolve().parents[1]
# what the sdist must carry besides the package: the suite, the docs, the benches, the scripts
SHIPPED_TREES = ("tests", "docs", "bench", "scripts", "resources")


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def _project_files(tree: str) -> set[str]:
    """The files of `tree` the project holds: git's list in a checkout, else what is on disk."""
    if (ROOT / ".git").exists():
        out = subprocess.run(
            ["git", "ls-files", "-z", "--", tree],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return {name for name in out.split("\0") if name and (ROOT / name).is_file()}
    return {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / tree).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def _resource_packages() -> set[str]:
    """gradflow.resources and one package per folder of resources/ that holds a file."""
    found = {"gradflow.resources"}
    for name in _project_files("resources"):
        folder = Path(name).parent.relative_to("resources")
        if folder.parts:
            found.add(".".join(("gradflow.resources", *folder.parts)))
    return found


def test_every_package_and_resource_folder_is_listed_in_pyproject() -> None:
    listed = set(_config()["tool"]["setuptools"]["packages"])
    code = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "gradflow").rglob("__init__.py")
    }
    missing = sorted((code | _resource_packages()) - listed)
    assert missing == [], f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"
    assert sorted(listed - code - _resource_packages()) == []  # nothing listed that is not there


def test_metadata_is_complete() -> None:
    project = _config()["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text("utf-8")
    assert set(project["urls"]) >= {"Repository", "Documentation", "Issues"}
    classifiers = set(project["classifiers"])
    assert "Intended Audience :: Education" in classifiers
    assert "Intended Audience :: Science/Research" in classifiers
    assert "Environment :: X11 Applications :: Qt" in classifiers
    for minor in (10, 11, 12, 13):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # SPDX expression instead
    dev = " ".join(project["optional-dependencies"]["dev"])
    for tool in ("ruff", "mypy", "import-linter", "build"):
        assert tool in dev


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """`python -m build` of the project (the sdist, then the wheel built FROM that sdist)."""
    out = tmp_path_factory.mktemp("dist")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-3000:]
    (sdist,) = out.glob("gradflow-*.tar.gz")
    (wheel,) = out.glob("gradflow-*.whl")
    return sdist, wheel, log


def test_build_prints_no_warning(built: tuple[Path, Path, str]) -> None:
    warnings = [line for line in built[2].splitlines() if re.search(r"(?i)\bwarning\b", line)]
    assert warnings == []


def test_sdist_carries_license_tests_docs_bench_and_scripts(
    built: tuple[Path, Path, str],
) -> None:
    with tarfile.open(built[0]) as archive:
        names = archive.getnames()
    top = names[0].split("/")[0]
    inside = {name[len(top) + 1 :] for name in names if "/" in name}
    assert {"LICENSE", "README.md", "pyproject.toml", ".ci/run"} <= inside
    for tree in SHIPPED_TREES:
        expected = _project_files(tree)
        assert expected, tree
        assert sorted(expected - inside) == [], f"{tree} files missing from the sdist"
    assert len([n for n in inside if re.fullmatch(r"tests/.*test_\w+\.py", n)]) > 30
    assert not [n for n in inside if "__pycache__" in n or n.endswith(".pyc")]


def test_wheel_ships_every_package_resources_and_license(built: tuple[Path, Path, str]) -> None:
    """A non-editable install gets the examples: they are inside the built wheel."""
    with zipfile.ZipFile(built[1]) as wheel:
        names = set(wheel.namelist())
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(wheel.read(metadata_name).decode("utf-8"))
    for name in _project_files("resources"):
        if not name.endswith(".py") or name.endswith("__init__.py"):
            assert "gradflow/" + name in names
    for init in (ROOT / "gradflow").rglob("__init__.py"):
        assert init.relative_to(ROOT).as_posix() in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not [n for n in names if n.startswith(("tests/", "docs/")) or n.endswith(".pyc")]
    assert metadata["Version"] == gradflow.__version__
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Author"] == "gradflow developers"
    urls = metadata.get_all("Project-URL")
    assert "Repository, https://github.com/gradflow/gradflow" in urls
    assert "Intended Audience :: Education" in metadata.get_all("Classifier")


def test_version_command_shows_the_installed_version() -> None:
    from importlib.metadata import version

    done = subprocess.run(
        [sys.executable, "-m", "gradflow", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"gradflow {version('gradflow')}"
    assert version("gradflow") == gradflow.__version__
