"""A real window under Xvfb: keys sent with xdotool, the screen read back.

gradflow runs in its own process on the xcb platform (not offscreen) against a private
Xvfb server; xdotool presses Home and → until a backward step of tiny-mlp; a screenshot
of the X screen (grabbed by a tiny Qt helper on the same display) must then show the
gradient numbers (red text) that the start of the run does not. Skipped where Xvfb or
xdotool is missing; .ci/run installs both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)

GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
QGuiApplication.primaryScreen().grabWindow(0).save(sys.argv[1])
"""


def _wait(condition, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def xserver(tmp_path):
    """A private Xvfb display at 1280x800; yields the environment to run X clients in."""
    for number in range(91, 140):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            break
    display = f":{number}"
    proc = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 20, "Xvfb")
        env = dict(os.environ)
        env.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            GRADFLOW_SETTINGS=str(tmp_path / "settings.ini"),
            LANGUAGE="en",
        )
        yield env
    finally:
        proc.terminate()
        proc.wait(10)


def _xdotool(env, *args: str) -> str:
    done = subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    return done.stdout.strip()


def _reddish(path: Path) -> int:
    """Pixels of the gradients' red (theme.grad #c62828, antialiased) on the screen."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if c.red() > 150 and c.green() < 90 and c.blue() < 90:
                count += 1
    return count


def _settled(measure, tries: int = 20) -> int:
    """`measure()` once two readings in a row agree (the window has finished drawing)."""
    last = measure()
    for _ in range(tries):
        now = measure()
        if now == last:
            return now
        last = now
    raise AssertionError("the screen kept changing")


def _shot(env, path: Path) -> Path:
    subprocess.run([sys.executable, "-c", GRAB, str(path)], env=env, check=True, timeout=60)
    return path


def test_tiny_mlp_numbers_show_at_a_backward_step_in_a_real_window(xserver, tmp_path):
    log = tmp_path / "gradflow.log"
    with log.open("wb") as err:
        app = subprocess.Popen(
            [sys.executable, "-m", "gradflow", "open", "tiny-mlp"],
            env=xserver,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        found: list[str] = []

        def window_up() -> bool:
            found[:] = _xdotool(xserver, "search", "--onlyvisible", "--name", "gradflow").split()
            return bool(found)

        _wait(window_up, 60, "the gradflow window")
        wid = found[0]
        _xdotool(xserver, "windowsize", wid, "1280", "800")
        _xdotool(xserver, "windowactivate", "--sync", wid)
        _xdotool(xserver, "key", "--window", wid, "Home")
        start = _settled(lambda: _reddish(_shot(xserver, tmp_path / "start.png")))
        # tiny-mlp: 27 forward steps; 33 presses end on a backward step
        _xdotool(xserver, "key", "--window", wid, "--delay", "50", *["Right"] * 33)
        counts: list[int] = []

        def gradients_shown() -> bool:  # the last step's pulse lands, the camera settles
            counts.append(_reddish(_shot(xserver, tmp_path / "backward.png")))
            return counts[-1] > start + 40

        _wait(gradients_shown, 60, "the gradients drawn in red")
        assert app.poll() is None, log.read_text()
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
