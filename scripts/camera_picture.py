"""scripts: the camera picture - tiny-mlp at backward step 33 in a real window.

    python scripts/camera_picture.py OUT.png

A private Xvfb server (1280x800), gradflow on the xcb platform, xdotool pressing Home and
33 times →, and the X screen grabbed once two grabs in a row agree (the camera has
settled). Where Xvfb or xdotool is missing, the same steps are taken offscreen instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
QGuiApplication.primaryScreen().grabWindow(0).save(sys.argv[1])
"""
STEPS = 33  # tiny-mlp: 27 forward steps, so this is a backward one


def _free_display() -> int:
    for number in range(91, 140):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


def _wait(condition, seconds: float) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise RuntimeError("timed out")
        time.sleep(0.2)


def _offscreen(out: Path, tmp: Path) -> None:
    script = Path(__file__).with_name("screenshot.py")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GRADFLOW_SETTINGS=str(tmp / "s.ini"))
    subprocess.run(
        [sys.executable, str(script), str(out), "tiny-mlp", "--step", str(STEPS)],
        env=env,
        check=True,
        timeout=300,
    )


def camera_picture(out: Path, tmp: Path) -> None:
    """Save the picture as `out`; `tmp` is a scratch folder."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        sys.stderr.write("Xvfb or xdotool missing: the camera picture is taken offscreen\n")
        _offscreen(out, tmp)
        return
    number = _free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = dict(
        os.environ,
        DISPLAY=f":{number}",
        QT_QPA_PLATFORM="xcb",
        LANGUAGE="en",
        GRADFLOW_SETTINGS=str(tmp / "settings.ini"),
    )
    app = None
    try:
        _wait(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 20)
        app = subprocess.Popen(
            [sys.executable, "-m", "gradflow", "open", "tiny-mlp"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def xdotool(*args: str) -> str:
            done = subprocess.run(
                ["xdotool", *args], env=env, capture_output=True, text=True, timeout=30, check=False
            )
            return done.stdout.strip()

        found: list[str] = []
        _wait(
            lambda: bool(
                found.extend(xdotool("search", "--onlyvisible", "--name", "gradflow").split())
                or found
            ),
            60,
        )
        wid = found[0]
        xdotool("windowsize", wid, "1280", "800")
        xdotool("windowactivate", "--sync", wid)
        xdotool("key", "--window", wid, "Home")
        time.sleep(1.0)
        xdotool("key", "--window", wid, "--delay", "80", *["Right"] * STEPS)
        shots = [tmp / "a.png", tmp / "b.png"]

        def settled() -> bool:
            time.sleep(0.6)
            subprocess.run(
                [sys.executable, "-c", GRAB, str(shots[0])], env=env, check=True, timeout=60
            )
            same = shots[1].exists() and shots[0].read_bytes() == shots[1].read_bytes()
            shots[0].replace(shots[1])
            return same

        _wait(settled, 90)
        shutil.copyfile(shots[1], out)
    finally:
        if app is not None:
            app.terminate()
            app.wait(10)
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        camera_picture(Path(sys.argv[1]), Path(scratch))
