"""ui: `gradflow render` - command-line options for headless pictures: PNG/SVG, frames, GIF."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from gradflow.core.errors import GradflowError
from gradflow.core.i18n import _
from gradflow.core.limits import DEFAULT_MAX_ELEMENTS, set_max_elements
from gradflow.core.text import error_line
from gradflow.expr_cli import add_expr_option, graph_of

MAX_SIDE = 10000


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(
            _('size must look like 1280x720, not "{text}"').format(text=text)
        )
    w, h = int(match[1]), int(match[2])
    if not (16 <= w <= MAX_SIDE and 16 <= h <= MAX_SIDE):
        raise argparse.ArgumentTypeError(
            _("size sides must be between 16 and {most} pixels").format(most=MAX_SIDE)
        )
    return w, h


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one `gradflow: error:` line (exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(error_line(message))
        raise SystemExit(2)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            _('must be a whole number >= 1, not "{text}"').format(text=text)
        )
    return int(text)


def add_max_elements(parser: argparse.ArgumentParser) -> None:
    """`--max-elements N`, as on the other commands (see `gradflow run --help`)."""
    parser.add_argument(
        "--max-elements",
        type=_positive,
        default=DEFAULT_MAX_ELEMENTS,
        metavar="N",
        help=_("refuse a node holding more than N numbers (default {default})").format(
            default=f"{DEFAULT_MAX_ELEMENTS:,}"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    """The options of `gradflow render`."""
    p = _Parser(
        prog="gradflow render",
        description=_("Draw the canvas of a graph at a step into a PNG or SVG, without a window."),
    )
    p.add_argument(
        "target", metavar="FILE|EXAMPLE", nargs="?", help=_("a .gflow file or an example name")
    )
    add_expr_option(p)
    p.add_argument(
        "--out", metavar="PNG|SVG", help=_("the picture to write (.png or .svg by its extension)")
    )
    p.add_argument(
        "--step",
        default="end",
        metavar="N|end",
        help=_("steps revealed: 0 (nothing) to the trace length, or end (default)"),
    )
    p.add_argument(
        "--size",
        type=_size,
        default=None,
        metavar="WxH",
        help=_("image size in pixels (default: fitted to the graph)"),
    )
    p.add_argument("--theme", choices=("light", "dark"), default="light")
    p.add_argument(
        "--fit",
        action="store_true",
        help=_("show the whole graph (default with --size: the player's camera at that step)"),
    )
    add_max_elements(p)
    p.add_argument(
        "--caption", action="store_true", help=_("write the step's caption under the picture")
    )
    p.add_argument(
        "--frames",
        metavar="DIR",
        help=_("also write one captioned PNG per step into DIR (frame_000.png ...)"),
    )
    p.add_argument("--gif", metavar="FILE", help=_("also write the walk as one animated GIF"))
    return p  # fmt: skip


def _fail(message: str) -> int:
    sys.stderr.write(error_line(message))
    return 2


def main(argv: list[str]) -> int:
    """Run `gradflow render` with `argv` (the words after "render"); returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        from gradflow.ui.render import OVERVIEW_NODES, render_png
        from gradflow.ui.render_walk import check_walk, render_frames, render_gif

        set_max_elements(args.max_elements)
        _check_outputs(args)
        graph = graph_of(args.target, args.expr)
        for option, asked in (("--frames", args.frames), ("--gif", args.gif)):
            if asked:
                check_walk(graph, option)  # refused before anything is written
        written = []
        if args.out:
            written.append(
                render_png(
                    graph, args.out, args.step, args.size, args.theme, args.caption, args.fit
                )
            )
        if args.frames:
            written += render_frames(graph, args.frames, args.size, args.theme, args.fit)
        if args.gif:
            written.append(render_gif(graph, args.gif, args.size, args.theme, args.fit))
    except GradflowError as err:
        return _fail(str(err))
    except OSError as err:
        return _fail(err.strerror or str(err))
    except MemoryError:
        return _fail(_("out of memory: the graph is too big to draw on this machine"))
    except RecursionError:
        return _fail(_("the graph is nested too deeply to draw"))
    if len(graph) > OVERVIEW_NODES:
        said = _(
            "note: {count} nodes, drawn as an overview without numbers "
            "(graphs of up to {most} nodes are drawn in full)"
        )
        sys.stderr.write(said.format(count=f"{len(graph):,}", most=f"{OVERVIEW_NODES:,}") + "\n")
    sys.stdout.write(_wrote(args, written) + "\n")
    return 0


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse a missing or misnamed output before anything is drawn or written."""
    if not (args.out or args.frames or args.gif):
        raise GradflowError(_("say where to draw: --out PICTURE, --frames DIR or --gif FILE"))
    if args.out and Path(args.out).suffix.lower() not in (".png", ".svg"):
        raise GradflowError(
            _("cannot write {name}: the picture must end in .png or .svg").format(
                name=Path(args.out).name
            )
        )
    if args.gif and Path(args.gif).suffix.lower() != ".gif":
        raise GradflowError(
            _("cannot write {name}: --gif needs a .gif file").format(name=Path(args.gif).name)
        )


def _wrote(args: argparse.Namespace, written: list) -> str:
    """What was written: one line per kind (the picture and its frames, the GIF)."""
    lines = []
    if args.out and args.frames:
        n = len(written) - 1 - bool(args.gif)
        lines.append(
            _("wrote {path} and {count} frames in {folder}").format(
                path=written[0], count=n, folder=args.frames
            )
        )
    elif args.out:
        lines.append(_("wrote {path}").format(path=written[0]))
    elif args.frames:
        n = len(written) - bool(args.gif)
        lines.append(_("wrote {count} frames in {folder}").format(count=n, folder=args.frames))
    if args.gif:
        lines.append(_("wrote {path}").format(path=written[-1]))
    return "\n".join(lines)
