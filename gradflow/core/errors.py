"""core: the exceptions the core raises; the UI and CLI show their messages as they are."""

from __future__ import annotations


class GradflowError(Exception):
    """Base of every error gradflow raises on purpose; its message is meant for a user."""


class GraphError(GradflowError):
    """A graph mutation or evaluation that cannot be done (cycle, port taken, wrong shape...)."""


class GraphFileError(GradflowError):
    """A `.gflow` document that cannot be loaded or saved; the message names the location."""


class DatasetError(GradflowError):
    """A data set that cannot be made or read (missing folder, bad file, NaN, bad labels...)."""


class ExpressionError(GradflowError):
    """A program of the expression language that cannot be built; it points at the spot.

    `line` and `col` are 1-based; `source` is the program's line there. str() is one line,
    `line 2, col 9: unknown function "sigmod" (did you mean "sigmoid"?)`; `caret()` adds
    the program line and a ^ under the column.
    """

    def __init__(self, message: str, line: int = 1, col: int = 1, source: str = "") -> None:
        self.message, self.line, self.col, self.source = message, max(1, line), max(1, col), source
        super().__init__(f"line {self.line}, col {self.col}: {message}")

    def caret(self) -> str:
        """Three lines: the message, the program line, and a caret under the column."""
        shown = self.source.expandtabs(1)
        return f"{self}\n  {shown}\n  {' ' * (self.col - 1)}^"
