"""ui: `gradflow handout` - a walk-through or a blank worksheet as PDF or HTML, no window."""

from __future__ import annotations

import argparse
import sys

from gradflow.core.errors import GradflowError


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one `gradflow: error:` line (exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"gradflow: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The options of `gradflow handout`."""
    p = _Parser(
        prog="gradflow handout",
        description="Write every step of a graph's walk-through, with its picture and "
        "explanation, as a PDF or a self-contained HTML file.",
    )
    p.add_argument("target", metavar="FILE|EXAMPLE", help="a .gflow file or an example name")
    p.add_argument("--out", required=True, metavar="FILE", help="walk.pdf or walk.html")
    p.add_argument("--steps", metavar="RANGE", help="the steps to include: 1-10, 3, 2,5-7 (all)")
    p.add_argument(
        "--blank", action="store_true", help="a worksheet: gradients left blank, key at the end"
    )
    p.add_argument("--theme", choices=("light", "dark"), default="light")
    return p


def main(argv: list[str]) -> int:
    """Run `gradflow handout` with `argv` (the words after "handout"); the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        from gradflow.core.examples import resolve
        from gradflow.ui.handout import Handout
        from gradflow.ui.render import ensure_app

        ensure_app()
        handout = Handout(resolve(args.target), args.steps, args.blank, args.theme)
        path = handout.write(args.out)
    except GradflowError as err:
        sys.stderr.write(f"gradflow: error: {' '.join(str(err).split())}\n")
        return 2
    except OSError as err:
        sys.stderr.write(f"gradflow: error: {err.strerror or err}\n")
        return 2
    n = len(handout.pages)
    sys.stdout.write(f"wrote {path}: {n} step{'s' if n != 1 else ''}\n")
    return 0
