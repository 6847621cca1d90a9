"""core: text that is safe to show - control characters and lone surrogates found or escaped.

Ids and labels come from files and the clipboard. A raw control character printed to a
terminal can set its title or clear the screen, and a lone surrogate cannot even be
written as UTF-8, so names are checked when they enter a graph (`name_problem`) and
every message the CLI prints passes through `printable`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from gradflow.core.i18n import _

# C0 and C1 controls, DEL, and the surrogate range (never valid on its own in text)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character and lone surrogate written as an escape (`\\x1b`)."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """`text` as a single printable line: runs of whitespace (newlines too) become one space."""
    return printable(" ".join(text.split()))


def display_width(text: str) -> int:
    """How many terminal columns `text` takes: a Hangul or other wide character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def align_columns(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows of cells as lines with aligned columns (two spaces between), measured in
    terminal columns, so a Korean header or verdict keeps the table straight."""
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(c + " " * (w - display_width(c)) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in rows
    ]


def error_line(message: str) -> str:
    """The one line a command prints for an error: "gradflow: error: ...", translated,
    with a newline (the message made one printable line)."""
    return _("gradflow: error: {message}").format(message=one_line(message)) + "\n"


def name_problem(text: str, allow_newlines: bool = False) -> str | None:
    """Why `text` cannot be an id or label (a control character or lone surrogate), or None."""
    if _UNSAFE.search(text) is None:
        return None
    for i, ch in enumerate(text):
        if allow_newlines and ch in "\n\t":
            continue
        if _UNSAFE.match(ch):
            kind = (
                _("a lone surrogate")
                if unicodedata.category(ch) == "Cs"
                else _("a control character")
            )
            return _("contains {kind} ({code}) at character {pos}").format(
                kind=kind, code=printable(ch), pos=i + 1
            )
    return None
