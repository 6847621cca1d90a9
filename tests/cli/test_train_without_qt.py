"""`gradflow train --templates` where Qt cannot be loaded (the Qt-less CI venv, a server
without PySide6): one clear line and exit 2, before any training, nothing written.

The child process blocks PySide6 in sys.modules, so this runs the same with or without
Qt installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BLOCKED = """
import sys
sys.modules["PySide6"] = None  # as if PySide6 were not installed: every import fails
from gradflow.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _train(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKED, "train", *args, "--lang", lang],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_templates_without_qt_is_one_line_and_exit_2_before_training(tmp_path: Path) -> None:
    png = tmp_path / "templates.png"
    done = _train(
        "--dataset", "digits", "--hidden", "none", "--epochs", "50", "--templates", str(png)
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("gradflow: error: --templates draws its picture with Qt")
    assert "leave --templates out" in done.stderr
    assert done.stdout == ""  # refused before the first epoch: no progress printed
    assert not png.exists()


def test_the_refusal_speaks_korean_too(tmp_path: Path) -> None:
    done = _train("--dataset", "digits", "--templates", str(tmp_path / "t.png"), lang="ko")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Qt(PySide6)로 그리는데" in done.stderr


def test_training_without_templates_still_works_without_qt(tmp_path: Path) -> None:
    model = tmp_path / "m.npz"
    done = _train("--dataset", "xor", "--epochs", "1", "--samples", "64", "--save", str(model))
    assert done.returncode == 0, done.stderr
    assert model.exists()
