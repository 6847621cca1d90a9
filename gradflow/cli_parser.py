"""cli: the `gradflow` command's argument parser - commands, options, help, argument types.

Every help text goes through `_`, built after the language is chosen, so `--help` reads
Korean under `--lang ko`; a usage error is one translated line on stderr, exit 2, like
every other error (argparse's own texts: cli_argparse.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from typing import NoReturn

from gradflow import __version__
from gradflow.core.i18n import LANGUAGES, _
from gradflow.core.limits import DEFAULT_MAX_ELEMENTS
from gradflow.core.text import error_line
from gradflow.expr_cli import add_commands as add_expr_commands
from gradflow.expr_cli import add_expr_option

EXIT_USAGE = 2
Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        said = _("{message} (see `{prog} --help`)").format(message=message, prog=self.prog)
        sys.stderr.write(error_line(said))
        raise SystemExit(EXIT_USAGE)


def make_parser(
    handlers: Mapping[str, Handler], delegated: Mapping[str, str]
) -> argparse.ArgumentParser:
    """The argument parser of the `gradflow` command: `handlers` run the commands by name,
    `delegated` names the commands handed to their own module (with their help text)."""
    parser = _Parser(
        prog="gradflow",
        description=_("A gradient-flow simulator: build a graph, step through backprop."),
        epilog=_("With no command, the GUI opens on an example."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"gradflow {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("the language of every text, here or after any command (default: the locale)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    target_help = _(
        "a .gflow file, a .gfx program or the name of a bundled example (see `gradflow examples`)"
    )

    def command(
        name: str,
        help_text: str,
        handler: Callable[[argparse.Namespace], int],
        target: bool = True,
        json_flag: bool = True,
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if target:
            p.add_argument("target", metavar="FILE|EXAMPLE", nargs="?", help=target_help)
            add_expr_option(p)
            add_max_elements(p)
        if json_flag:
            p.add_argument("--json", action="store_true", help=_("machine-readable output"))
        p.set_defaults(handler=handler)
        return p

    command("examples", _("list the bundled examples"), handlers["examples"], target=False)
    command("run", _("forward and backward: each node's value and gradient"), handlers["run"])
    command("trace", _("every step of forward and backward, numbered"), handlers["trace"])
    p = command(
        "check",
        _("compare gradients with finite differences (exit 1 on mismatch)"),
        handlers["check"],
    )
    p.add_argument(
        "--nodes",
        metavar="ID,ID",
        help=_("check only these inputs (comma-separated ids); big graphs check faster"),
    )
    exercise_help = _("make a practice graph of a level (1-5)")
    p = command("exercise", exercise_help, handlers["exercise"], False, False)
    p.add_argument("--level", type=int, required=True, choices=range(1, 6), metavar="1..5")
    p.add_argument("--seed", type=_seed, default=0, metavar="N", help=_("same seed, same file"))
    p.add_argument("--ops", type=_op_list, metavar="OPS", help=_("gates to draw, e.g. add,mul,max"))
    p.add_argument("--out", metavar="FILE", help=_("the .gflow file to write (default: print it)"))
    p = command("grade", _("grade answers (JSON) against a graph"), handlers["grade"])
    p.add_argument(
        "answers", metavar="ANSWERS", help=_("an answers .json file, or a folder of them")
    )
    p.add_argument("--tolerance", type=_tolerance, default=1e-2, help=_("relative (default 1e-2)"))
    p.add_argument("--reveal", action="store_true", help=_("show the expected numbers"))
    p.add_argument("--csv", metavar="FILE", help=_("for a folder: also write one row per file"))
    p = command(
        "open", _("open the GUI on a graph"), handlers["open"], target=False, json_flag=False
    )
    p.add_argument("target", metavar="FILE|EXAMPLE", nargs="?", help=target_help)
    add_expr_option(p)
    add_max_elements(p)
    add_expr_commands(sub)
    for name, help_text in delegated.items():
        p = sub.add_parser(name, help=_(help_text), add_help=False)
        p.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def add_max_elements(parser: argparse.ArgumentParser) -> None:
    """The `--max-elements N` option: the most numbers one node's value may hold."""
    parser.add_argument(
        "--max-elements",
        type=_positive_int,
        default=None,
        metavar="N",
        help=_("refuse a node holding more than N numbers (default {default})").format(
            default=f"{DEFAULT_MAX_ELEMENTS:,}"
        ),
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            _('must be a whole number >= 1, not "{text}"').format(text=text)
        )
    return value


def _tolerance(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(
            _('the tolerance must be between 0 and 1, not "{text}"').format(text=text)
        )
    return value


def _seed(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(
            _('the seed must be a whole number ≥ 0, not "{text}"').format(text=text)
        )
    return int(text)


def _op_list(text: str) -> list[str]:
    ops = [op.strip() for op in text.split(",") if op.strip()]
    if not ops:
        raise argparse.ArgumentTypeError(_("--ops needs at least one op, e.g. add,mul"))
    return ops
