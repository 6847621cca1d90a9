"""cli: `gradflow build` and `gradflow export-expr`, and the `--expr` option of the others.

    gradflow build "x = -2; y = 5; z = -4; f = (x + y) * z" --out f.gflow
    gradflow build neuron.gfx --out neuron.gflow
    gradflow export-expr f.gflow          # prints the program
    gradflow run --expr "x = 3; f = x * x"

Pure core (no Qt). Errors are GradflowErrors: the command line prints one line, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from gradflow.core.errors import GradflowError
from gradflow.core.i18n import N_, _

EXPR_HELP = N_("a program of the expression language (or a .gfx file) instead of FILE|EXAMPLE")


def add_expr_option(parser: argparse.ArgumentParser) -> None:
    """`--expr PROGRAM`: the graph comes from a program instead of a file or an example."""
    parser.add_argument("--expr", metavar="PROGRAM", help=_(EXPR_HELP))


def graph_of(target: str | None, expr: str | None) -> Any:
    """The graph a command works on: from `--expr`, else from FILE|EXAMPLE (.gfx included)."""
    if expr is not None and target is not None:
        raise GradflowError(_("give either FILE|EXAMPLE or --expr PROGRAM, not both"))
    if expr is not None:
        from gradflow.core.expr_source import program_graph

        return program_graph(expr)
    if target is None:
        raise GradflowError(_("give a FILE|EXAMPLE or --expr PROGRAM"))
    from gradflow.core.examples import resolve

    return resolve(target)


def add_commands(sub: Any) -> None:
    """The `build` and `export-expr` subcommands."""
    p = sub.add_parser(
        "build",
        help=_("build a graph from a program and save it (laid out)"),
        description=_("Build a graph from a program (text or a .gfx file) and save it."),
    )
    p.add_argument("program", metavar="PROGRAM|FILE.gfx", help=_("the program, or its .gfx file"))
    p.add_argument("--out", required=True, metavar="GRAPH.gflow", help=_("the graph file to write"))
    p.add_argument(
        "--copies", action="store_true", help=_("draw a copy gate wherever a name is used twice")
    )
    p.set_defaults(handler=cmd_build)
    p = sub.add_parser(
        "export-expr",
        help=_("print a graph as a program of the expression language"),
        description=_("Print the program that rebuilds a graph (a .gflow file or an example)."),
    )
    p.add_argument("target", metavar="GRAPH", help=_("a .gflow file or the name of an example"))
    p.add_argument("--out", metavar="FILE.gfx", help=_("write the program here instead"))
    p.set_defaults(handler=cmd_export_expr)


def cmd_build(ns: argparse.Namespace) -> int:
    """Build PROGRAM into a laid-out graph and save it atomically to --out."""
    from gradflow.core.expr_source import program_graph
    from gradflow.core.fileformat import save

    graph = program_graph(ns.program, explicit_copies=ns.copies)
    save(graph, ns.out)
    sys.stdout.write(
        _("wrote {path}: {n} nodes, output {out}").format(
            path=ns.out, n=len(graph), out=graph.output_node()
        )
        + "\n"
    )
    return 0


def cmd_export_expr(ns: argparse.Namespace) -> int:
    """Print (or write) the program of a graph."""
    from gradflow.core.examples import resolve
    from gradflow.core.expression import to_program

    text = to_program(resolve(ns.target))
    if ns.out:
        from pathlib import Path

        Path(ns.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
