"""ui: what the window says when user input fails - one message, never a traceback.

Slots that handle user input (open, paste, ...) catch GradflowError and, because a
hostile file can still exhaust memory or nest too deeply for Python, MemoryError and
RecursionError too; `user_message` turns any of them into one sentence.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication

from gradflow.core.text import one_line

USER_ERRORS = (MemoryError, RecursionError)  # caught beside GradflowError in slots


def user_message(err: BaseException, what: str) -> str:
    """'Cannot open graph: <reason>' as one printable line."""
    if isinstance(err, MemoryError):
        reason = QCoreApplication.translate("errors", "there is not enough memory for it")
    elif isinstance(err, RecursionError):
        reason = QCoreApplication.translate("errors", "it is nested too deeply")
    else:
        reason = str(err)
    return one_line(f"{what}: {reason}")


def install_last_resort(show: Callable[[str], None]) -> None:
    """Make a MemoryError or RecursionError that escapes any slot one message via `show`.

    Slots that handle user input catch these themselves; this is the net under the rest,
    so the window never dies with a traceback when memory runs out. Other exceptions
    are bugs and still reach the previous hook (and the terminal).
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if isinstance(value, USER_ERRORS):
            what = QCoreApplication.translate("errors", "The last action was not completed")
            show(user_message(value, what))
            return
        previous(kind, value, tb)

    sys.excepthook = hook
