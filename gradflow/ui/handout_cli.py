"""ui: `gradflow handout` - a walk-through or a blank worksheet as PDF or HTML, no window."""

from __future__ import annotations

import argparse
import sys

from gradflow.core.errors import GradflowError
from gradflow.core.i18n import _, ngettext
from gradflow.core.text import error_line


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one `gradflow: error:` line (exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(error_line(message))
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The options of `gradflow handout`."""
    p = _Parser(
        prog="gradflow handout",
        description=_(
            "Write every step of a graph's walk-through, with its picture and "
            "explanation, as a PDF or a self-contained HTML file."
        ),
    )
    p.add_argument("target", metavar="FILE|EXAMPLE", help=_("a .gflow file or an example name"))
    p.add_argument("--out", required=True, metavar="FILE", help=_("walk.pdf or walk.html"))
    p.add_argument("--steps", metavar="RANGE", help=_("the steps to include: 1-10, 3, 2,5-7 (all)"))
    p.add_argument(
        "--blank", action="store_true", help=_("a worksheet: gradients left blank, key at the end")
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
        sys.stderr.write(error_line(str(err)))
        return 2
    except OSError as err:
        sys.stderr.write(error_line(str(err.strerror or err)))
        return 2
    n = len(handout.pages)
    said = ngettext("wrote {path}: {n} step", "wrote {path}: {n} steps", n)
    sys.stdout.write(said.format(path=path, n=n) + "\n")
    return 0
