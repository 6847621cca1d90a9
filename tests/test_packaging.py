"""Packaging: every package of the source tree is installed, and examples ship as resources."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "gradflow").rglob("__init__.py")
    }
    assert found - listed == set()


def test_examples_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["gradflow.resources"]
    assert "examples/*.gflow" in patterns
    assert list((ROOT / "resources" / "examples").glob("*.gflow"))


def test_wheel_ships_every_package_and_the_examples(tmp_path: Path) -> None:
    """A non-editable install gets the examples: they are inside the built wheel."""
    import subprocess
    import zipfile

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("gradflow-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for example in (ROOT / "resources" / "examples").glob("*.gflow"):
        assert f"gradflow/resources/examples/{example.name}" in names
    for init in (ROOT / "gradflow").rglob("__init__.py"):
        assert init.relative_to(ROOT).as_posix() in names
    assert "gradflow/resources/datasets/digits.npz" in names  # the bundled UCI digits
