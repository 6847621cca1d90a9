"""cli: the `gradflow` command - examples, run, trace, check; open/render/train delegate.

run, trace and check import only the core (no Qt, no nn). `open` and a bare `gradflow`
start the GUI through `gradflow.app`; `render` and `train` hand their arguments to
`gradflow.ui.render_cli` and `gradflow.train_cli`, imported only when asked for. Bad
input of any kind gives one line on stderr, `gradflow: error: ...`, and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from gradflow.cli_argparse import argparse_in_our_language
from gradflow.cli_parser import EXIT_USAGE, Handler, make_parser
from gradflow.core import i18n
from gradflow.core.errors import GradflowError
from gradflow.core.i18n import LANGUAGES, N_, _
from gradflow.core.limits import set_max_elements
from gradflow.core.text import error_line, printable
from gradflow.expr_cli import graph_of

EXIT_INTERRUPTED = 130
# command -> (module, what it does); each module has main(argv: list[str]) -> int
DELEGATED = {
    "render": ("gradflow.ui.render_cli", N_("draw a graph at a step to a PNG, no window")),
    "train": ("gradflow.train_cli", N_("train an MLP headless (see gradflow train --help)")),
    "handout": ("gradflow.ui.handout_cli", N_("a walk-through or worksheet as PDF or HTML")),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `gradflow` command (gradflow/cli_parser.py)."""
    handlers: dict[str, Handler] = {
        "examples": _cmd_examples,
        "run": _cmd_run,
        "trace": _cmd_trace,
        "check": _cmd_check,
        "exercise": _cmd_exercise,
        "grade": _cmd_grade,
        "open": _cmd_open,
    }
    return make_parser(handlers, {name: text for name, (_m, text) in DELEGATED.items()})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 check mismatch, 2 bad input).

    `--lang ko|en` anywhere before `--` picks the language of every text (the GUI's too);
    without it the locale decides (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). The language
    in force before the call is restored after it.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    previous = i18n.language()
    try:
        args, requested = take_language(args)
    except GradflowError as err:
        _say_error(str(err))
        return EXIT_USAGE
    i18n.set_language(requested or i18n.system_language() or i18n.SOURCE_LANGUAGE)
    try:
        with argparse_in_our_language():
            return _main(args, requested)
    finally:
        i18n.set_language(previous)


def take_language(args: list[str]) -> tuple[list[str], str | None]:
    """`args` without its `--lang X` / `--lang=X` option, and X (None if absent)."""
    rest: list[str] = []
    requested: str | None = None
    items = iter(args)
    for arg in items:
        if arg == "--":
            rest.append(arg)
            rest.extend(items)
            break
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg.partition("=")[2] if "=" in arg else next(items, "")
            if value not in LANGUAGES:
                raise GradflowError(
                    _('--lang: unknown language "{language}" (choose {choices})').format(
                        language=value, choices=" or ".join(LANGUAGES)
                    )
                )
            requested = value
            continue
        rest.append(arg)
    return rest, requested


def _main(args: list[str], requested_language: str | None) -> int:
    try:
        if args and args[0] in DELEGATED:  # before argparse: their options are theirs
            return _delegate(args[0], args[1:])
        try:
            ns = build_parser().parse_args(args)
        except SystemExit as done:  # --help, --version or a usage error already printed
            return int(done.code or 0)
        ns.lang = requested_language
        if ns.command is None:
            return _launch(None, requested_language)
        if getattr(ns, "max_elements", None) is not None:  # given: it wins over preferences
            set_max_elements(ns.max_elements, pin=True)
        return int(ns.handler(ns))
    except KeyboardInterrupt:
        _clear_progress()
        sys.stderr.write(_("gradflow: interrupted") + "\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `gradflow trace big.gflow | head`
        _silence_stdout()
        return 0
    except GradflowError as err:
        _say_error(str(err))
    except OSError as err:
        _say_error(f"{err.strerror or err}: {err.filename}" if err.filename else str(err))
    except MemoryError:
        _say_error(_("out of memory: the graph's values are too big for this machine"))
    except RecursionError:
        _say_error(_("the input is nested too deeply to process"))
    return EXIT_USAGE


# --- commands ----------------------------------------------------------------------------


def _cmd_examples(ns: argparse.Namespace) -> int:
    from gradflow.core.examples import list_examples

    found = list_examples()
    if ns.json:
        return _print_json([{"name": n, "description": d} for n, d in found])
    width = max(len(n) for n, _ in found)
    _print_lines([f"{n:<{width}}  {d}" for n, d in found])
    return 0


def _cmd_run(ns: argparse.Namespace) -> int:
    import numpy as np

    from gradflow.core import report
    from gradflow.core.engine import run
    from gradflow.core.json_stream import write_json

    graph = graph_of(ns.target, ns.expr)
    result = run(graph, record=False)
    if ns.json:
        write_json(report.run_json(graph, result, arrays=np.asarray), sys.stdout)
    else:
        _print_lines(report.run_table(graph, result))
    _print_notes(report.non_finite_notes(graph, result))
    return 0


def _cmd_trace(ns: argparse.Namespace) -> int:
    import numpy as np

    from gradflow.core import report
    from gradflow.core.engine import run
    from gradflow.core.json_stream import write_json

    graph = graph_of(ns.target, ns.expr)
    result = run(graph, record=True)
    if ns.json:
        doc = {
            "output": result.output,
            "steps": report.trace_steps(result, graph, arrays=np.asarray),
        }
        write_json(doc, sys.stdout)
        return 0
    _print_lines(report.trace_lines(result, graph))
    return 0


def _cmd_check(ns: argparse.Namespace) -> int:
    from gradflow.core import report
    from gradflow.core.gradcheck import gradcheck

    graph = graph_of(ns.target, ns.expr)
    nodes = None
    if ns.nodes is not None:
        nodes = [n.strip() for n in ns.nodes.split(",") if n.strip()]
        if not nodes:
            raise GradflowError(_("--nodes needs at least one input id"))
    bar = _CheckProgress() if sys.stderr.isatty() else None
    try:
        check = gradcheck(graph, nodes=nodes, progress=bar)
    finally:
        _clear_progress()
    if ns.json:
        _print_json(report.check_json(check))
    else:
        _print_lines(report.check_table(check))
    return 0 if check.ok else 1


def _cmd_exercise(ns: argparse.Namespace) -> int:
    from gradflow.core.exercises import make_exercise
    from gradflow.core.fileformat import dumps, save

    graph = make_exercise(ns.level, ns.seed, ns.ops)
    if ns.out is None:
        sys.stdout.write(dumps(graph))
        return 0
    save(graph, ns.out)
    sys.stdout.write(f"wrote {ns.out}: {graph.title}\n")
    return 0


def _cmd_grade(ns: argparse.Namespace) -> int:
    from pathlib import Path

    from gradflow.core import grade_report as gr
    from gradflow.core.grading import AnswersError, grade, grade_folder, load_answers

    graph = graph_of(ns.target, ns.expr)
    if Path(ns.answers).is_dir():
        files = grade_folder(graph, ns.answers, ns.tolerance)
        if ns.csv:
            Path(ns.csv).write_text(gr.folder_csv(files), encoding="utf-8")
        if ns.json:
            return _print_json(
                {f.name: None if f.grade is None else gr.grade_json(f.grade) for f in files}
            )
        _print_lines(gr.folder_lines(files))
        return 0
    if ns.csv:
        raise GradflowError("--csv is for grading a folder of answers files")
    try:
        result = grade(graph, load_answers(ns.answers), ns.tolerance)
    except AnswersError as err:
        name = Path(ns.answers).name
        raise AnswersError(str(err) if str(err).startswith(name) else f"{name}: {err}") from None
    if ns.json:
        return _print_json(gr.grade_json(result, ns.reveal))
    _print_lines(gr.grade_lines(result, ns.reveal))
    return 0


def _cmd_open(ns: argparse.Namespace) -> int:
    if ns.expr is not None:
        return _launch(None, ns.lang, graph_of(ns.target, ns.expr))  # bad program: said here
    if ns.target is not None:
        _resolve(ns.target)  # a bad target is reported here, before a window appears
    return _launch(ns.target, ns.lang)


# --- helpers -----------------------------------------------------------------------------


def _resolve(target: str) -> Any:
    from gradflow.core.examples import resolve

    return resolve(target)


def _launch(target: str | None, language: str | None, graph: Any = None) -> int:
    module = _import("gradflow.app", "the GUI")
    if graph is not None:
        return int(module.launch(target, language, graph=graph))
    return int(module.launch(target, language))


def _delegate(command: str, argv: list[str]) -> int:
    module_name, _help = DELEGATED[command]
    module = _import(module_name, f"`gradflow {command}`")
    return int(module.main(argv))


def _import(name: str, what: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as err:
        raise GradflowError(f"{what} is not available: {err}") from None


def _print_lines(lines: list[str]) -> None:
    sys.stdout.write("".join(printable(line) + "\n" for line in lines))


def _print_notes(notes: list[str]) -> None:
    sys.stderr.write("".join(printable(line) + "\n" for line in notes))


class _CheckProgress:
    """`check`'s progress on a terminal: entries done of all, redrawn at most 10 times a second."""

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        global _progress_shown
        _progress_shown = True
        sys.stderr.write(
            "\r"
            + _("checking entry {done:,} of {total:,} (Ctrl+C stops)").format(
                done=done, total=total
            )
        )
        sys.stderr.flush()


_progress_shown = False


def _clear_progress() -> None:
    global _progress_shown
    if _progress_shown:
        sys.stderr.write("\r" + " " * 79 + "\r")
        sys.stderr.flush()
        _progress_shown = False


def _print_json(data: Any) -> int:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 0


def _say_error(message: str) -> None:
    # one line, whatever the message holds, and no raw control character for the terminal
    sys.stderr.write(error_line(message))


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
