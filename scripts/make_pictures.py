"""scripts: regenerate every picture of the app that README.md and docs/*.md show.

    python scripts/make_pictures.py                      # all of them, into docs/images
    python scripts/make_pictures.py --only first-session.png add-mul-end.png --out /tmp/p
    python scripts/make_pictures.py --list               # each picture and its command
    python scripts/make_pictures.py --check              # exit 1 if a referenced one has none

Each picture is made by the tool that shows it to a user, in its own process with fresh
settings (offscreen Qt): `gradflow render` for canvas pictures, scripts/screenshot.py,
scripts/training_views.py, scripts/practice_picture.py and scripts/program_bar.py for
window pictures, `gradflow train --templates` for the digits' templates, `gradflow
handout` with pdftoppm (poppler-utils) for handout pages, and a real window under Xvfb,
driven by xdotool, for the camera picture (offscreen instead where Xvfb is missing).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
RENDER = [PY, "-m", "gradflow", "render"]
SHOT = [PY, str(ROOT / "scripts" / "screenshot.py")]
VIEWS = [PY, str(ROOT / "scripts" / "training_views.py")]


def _render(*args: str) -> Callable[[Path], list[list[str]]]:
    return lambda out: [[*RENDER, args[0], "--out", str(out), *args[1:]]]


def _gif(*args: str) -> Callable[[Path], list[list[str]]]:
    return lambda out: [[*RENDER, args[0], "--gif", str(out), *args[1:]]]


def _shot(*args: str) -> Callable[[Path], list[list[str]]]:
    return lambda out: [[*SHOT, str(out), *args]]


def _views(*args: str) -> Callable[[Path], list[list[str]]]:
    return lambda out: [[*VIEWS, *args, "--out", str(out)]]


def _practice(out: Path) -> list[list[str]]:
    return [[PY, str(ROOT / "scripts" / "practice_picture.py"), "1280x800", str(out)]]


def _program_bar(out: Path) -> list[list[str]]:
    return [[PY, str(ROOT / "scripts" / "program_bar.py"), str(out)]]


def _templates(out: Path) -> list[list[str]]:
    train = ["train", "--dataset", "digits", "--hidden", "none", "--weight-decay", "0.01"]
    return [[PY, "-m", "gradflow", *train, "--templates", str(out)]]


def _handout(blank: bool) -> Callable[[Path], list[list[str]]]:
    def commands(out: Path) -> list[list[str]]:
        pdf = out.with_suffix(".pdf")
        extra = ["--blank"] if blank else []
        handout = [PY, "-m", "gradflow", "handout", "gate-patterns", "--steps", "13"]
        # page 1 is the title page, page 2 step 13; 1280 px wide so every number reads
        to_png = ["pdftoppm", "-png", "-f", "2", "-l", "2", "-singlefile", "-scale-to", "1280"]
        return [
            [*handout, *extra, "--out", str(pdf)],
            [*to_png, str(pdf), str(out.with_suffix(""))],
        ]

    return commands


# every picture README.md and docs/*.md show, and the commands that make it (OUT: the file)
PICTURES: dict[str, Callable[[Path], list[list[str]]]] = {
    # the canvas, drawn by `gradflow render` (no window)
    "add-mul-end.png": _render("add-mul"),
    "sigmoid-neuron-step-16.png": _render(
        "sigmoid-neuron", "--step", "16", "--size", "1800x760", "--fit"
    ),
    "tiny-mlp-step-33-framed.png": _render(
        "tiny-mlp", "--step", "33", "--size", "1280x720", "--caption"
    ),
    "add-mul-walk.gif": _gif("add-mul", "--size", "640x300"),
    "gate-patterns-step-14.png": _render("gate-patterns", "--step", "14"),
    "vector-l2-end.png": _render("vector-l2"),
    "linear-regression.png": _render("linear-regression", "--size", "1280x420", "--fit"),
    # the window
    "first-session.png": _shot("add-mul", "--step", "6", "--select", "f", "--docks", "160,330"),
    "window-korean.png": _shot(
        "add-mul", "--step", "6", "--select", "f", "--docks", "160,330", "--lang", "ko"
    ),
    "window-sigmoid-neuron.png": _shot(
        "sigmoid-neuron", "--step", "16", "--select", "exp", "--docks", "160,330"
    ),
    "window-add-mul-dark.png": _shot("add-mul", "--dark", "--docks", "160,250"),
    "player-vector-l2-step-8.png": _shot("vector-l2", "--step", "8", "--docks", "160,420"),
    "player-tiny-mlp-step-41.png": _shot("tiny-mlp", "--step", "41", "--docks", "160,420"),
    "presentation-gate-patterns-step-14.png": _shot("gate-patterns", "--present", "--step", "14"),
    "activation-plot-sigmoid.png": _shot(
        "vanishing-sigmoid",
        "--step",
        "20",
        "--select",
        "h3",
        "--docks",
        "160,300",
        "--hide",
        "program",
    ),
    "window-training-spiral.png": _shot(
        "add-mul", "--training", "25", "--size", "1280x800", "--docks", "160,250"
    ),
    "player-tiny-mlp-step-33-1024.png": _shot("tiny-mlp", "--step", "33", "--size", "1024x700"),
    "practice-gate-patterns-max.png": _practice,
    "program-bar.png": _program_bar,
    # the training dock's views (scripts/training_views.py)
    "training-step-1024.png": _views("--run", "step", "--size", "1024x700"),
    "training-history.png": _views("--run", "spiral", "--history", "3"),
    "training-fit-sine.png": _views("--run", "sine", "--tab", "Fit"),
    "training-fit-plane.png": _views("--run", "plane", "--tab", "Fit"),
    "training-hidden-units.png": _views("--run", "spiral", "--tab", "Units"),
    "training-templates-digits.png": _views("--run", "digits", "--tab", "Templates"),
    "training-templates-digits-1024.png": _views(
        "--run", "digits", "--tab", "Templates", "--size", "1024x700"
    ),
    "training-linear-map.png": _views("--run", "linear-spiral", "--tab", "Linear map"),
    "training-compare-linear-relu.png": _views("--run", "compare"),
    "network-graph.png": _views("--run", "net-2-8-3", "--open-network", "1"),
    "neuron-view.png": _views(
        "--run", "net-2-8-3", "--open-network", "4", "--neuron", "--step", "16", "--sample", "2"
    ),
    "neuron-view-1024.png": _views(
        "--run",
        "net-2-8-3",
        "--open-network",
        "4",
        "--neuron",
        "--step",
        "16",
        "--sample",
        "2",
        "--size",
        "1024x700",
    ),
    "digits-templates.png": _templates,
    # handout pages (PDF by `gradflow handout`, page 2 rendered by pdftoppm)
    "handout-gate-patterns-step-13.png": _handout(blank=False),
    "worksheet-gate-patterns-step-13.png": _handout(blank=True),
}
CAMERA = "camera-tiny-mlp-step-33.png"  # a real window under Xvfb (below)


def referenced() -> list[str]:
    """Every picture in docs/images that README.md or docs/*.md shows."""
    names: set[str] = set()
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for name in re.findall(r"images/([\w.-]+\.(?:png|gif|svg))", page.read_text("utf-8")):
            names.add(name)
    return sorted(names)


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["GRADFLOW_SETTINGS"] = str(tmp / "settings.ini")  # never the user's settings
    env["LANGUAGE"] = "en"
    return env


def make(name: str, out: Path) -> None:
    """Make picture `name` as `out` (each command in a fresh process and settings file)."""
    with tempfile.TemporaryDirectory() as tmp:
        if name == CAMERA:
            from camera_picture import camera_picture  # scripts/camera_picture.py

            camera_picture(out, Path(tmp))
            return
        for command in PICTURES[name](out):
            subprocess.run(
                command,
                env=_env(Path(tmp)),
                check=True,
                cwd=ROOT,
                timeout=900,
                stdout=subprocess.DEVNULL,
            )
    pdf = out.with_suffix(".pdf")
    if name.startswith(("handout-", "worksheet-")) and pdf.exists():
        pdf.unlink()


def main() -> int:
    """Make the pictures asked for (all by default), saying each one's size."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "images", help="folder")
    p.add_argument("--only", nargs="+", metavar="NAME", help="just these pictures")
    p.add_argument("--list", action="store_true", help="print each picture's commands")
    p.add_argument("--check", action="store_true", help="every referenced picture is made")
    args = p.parse_args()
    known = [*PICTURES, CAMERA]
    if args.check:
        missing = [n for n in referenced() if n not in known]
        for name in missing:
            sys.stderr.write(f"no command makes {name}\n")
        return 1 if missing else 0
    if args.list:
        for name in known:
            if name == CAMERA:
                sys.stdout.write(f"{name}: a real window under Xvfb (scripts/camera_picture.py)\n")
                continue
            for command in PICTURES[name](Path("docs/images") / name):
                shown = [Path(c).name if c in (PY,) else c for c in command]
                sys.stdout.write(f"{name}: " + " ".join(shown).replace(str(ROOT) + "/", "") + "\n")
        return 0
    names = args.only or known
    unknown = [n for n in names if n not in known]
    if unknown:
        sys.stderr.write(f"unknown picture: {', '.join(unknown)} (see --list)\n")
        return 2
    if any(n.startswith(("handout-", "worksheet-")) for n in names) and not shutil.which(
        "pdftoppm"
    ):
        sys.stderr.write("pdftoppm (poppler-utils) is needed for the handout pages\n")
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    from PIL import Image

    for name in names:
        out = args.out / name
        make(name, out)
        with Image.open(out) as image:
            sys.stdout.write(
                f"{name}: {image.size[0]}x{image.size[1]}, {out.stat().st_size // 1024} KB" + "\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
