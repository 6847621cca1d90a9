"""core: where a program comes from - typed text or a `.gfx` file - and its graph.

`program_graph("x = 2; f = x * x")` and `program_graph("neuron.gfx")` both give the
laid-out graph; a bad program in a file is reported as `neuron.gfx:2:9: ...` (the
compiler convention), a typed one as `line 2, col 9: ...`.
"""

from __future__ import annotations

import os
from pathlib import Path

from gradflow.core.errors import ExpressionError, GraphFileError
from gradflow.core.expression import EXTENSION, build
from gradflow.core.graph import Graph
from gradflow.core.i18n import _

MAX_FILE_BYTES = 1024 * 1024


def is_program_file(target: str | os.PathLike[str]) -> bool:
    """Whether `target` names a `.gfx` program file that exists."""
    path = Path(target)
    return path.suffix == EXTENSION and path.is_file()


def read_program(path: str | os.PathLike[str]) -> str:
    """The text of a `.gfx` file (UTF-8); GraphFileError if it cannot be read."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise GraphFileError(_("{path}: a program file is at most 1 MB").format(path=path))
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GraphFileError(
            _("{path}: not UTF-8 text (bad byte at offset {at})").format(path=path, at=err.start)
        ) from None
    except OSError as err:
        raise GraphFileError(
            _("cannot read {path}: {why}").format(path=path, why=err.strerror or err)
        ) from None


def program_graph(source: str, *, explicit_copies: bool = False) -> Graph:
    """The graph of a program given as text, or as the path of a `.gfx` file."""
    if is_program_file(source):
        return file_graph(source, explicit_copies=explicit_copies)
    return build(source, explicit_copies=explicit_copies)


def file_graph(path: str | os.PathLike[str], *, explicit_copies: bool = False) -> Graph:
    """The graph of a `.gfx` file; its errors start with `file:line:col:`."""
    text = read_program(path)
    try:
        return build(text, explicit_copies=explicit_copies)
    except ExpressionError as err:
        located = ExpressionError(err.message, err.line, err.col, err.source)
        located.args = (f"{Path(path).name}:{err.line}:{err.col}: {err.message}",)
        raise located from None
