"""scripts/make_pictures.py: one command makes every picture the README and docs show;
run here for two of them (a canvas render and a window screenshot) into a temp folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_pictures.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=600
    )


def test_every_picture_the_docs_show_has_a_command():
    done = _run("--check")
    assert done.returncode == 0, done.stderr
    listed = _run("--list").stdout
    for page in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        text = page.read_text("utf-8")
        for name in (p.name for p in (ROOT / "docs" / "images").iterdir()):
            if f"images/{name}" in text:
                assert f"{name}: " in listed


def test_two_pictures_made_in_a_temp_folder_are_pngs_of_the_right_size(tmp_path):
    done = _run("--only", "add-mul-end.png", "first-session.png", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["add-mul-end.png", "first-session.png"]
    with Image.open(tmp_path / "first-session.png") as shot:
        assert shot.format == "PNG"
        assert shot.size == (1280, 800)
        assert len(shot.getcolors(1 << 20) or range(1000)) > 50  # a picture, not a blank
    with Image.open(tmp_path / "add-mul-end.png") as render:
        assert render.format == "PNG"
        assert render.size[0] == 1280
        assert 300 < render.size[1] <= 800
    assert "first-session.png: 1280x800" in done.stdout


def test_an_unknown_picture_is_refused_in_one_line(tmp_path):
    done = _run("--only", "nope.png", "--out", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["unknown picture: nope.png (see --list)"]
    assert not list(tmp_path.iterdir())
