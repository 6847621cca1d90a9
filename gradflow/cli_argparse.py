"""cli: argparse in gradflow's language - its usage, headings and errors through our catalog.

argparse translates its own texts ("usage: ", "options", "the following arguments are
required: %s", ...) with the standard library's global gettext domain, which knows
nothing of gradflow's catalog or of `--lang`. `argparse_in_our_language()` points
argparse's module-level `_` and `ngettext` at `gradflow.core.i18n` for the duration of a
command, so `gradflow --lang ko run` says "사용법:" and its errors in Korean, and puts
them back afterwards (a program that imports gradflow keeps its own argparse).

The texts are argparse's own msgids (Python 3.10 to 3.13), listed here so the extractor
puts them in core.pot and core_ko.po translates them; a text a newer Python adds stays
English until it is listed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from gradflow.core import i18n
from gradflow.core.i18n import N_, ngettext

# argparse's translated texts, as it writes them (the %-placeholders are argparse's)
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("optional arguments"),  # Python 3.9 and older, and some help formatters
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_('argument "-" with mode %r'),
    N_("can't open '%(filename)s': %(error)s"),
)


def argparse_plural_texts(n: int) -> tuple[str, ...]:
    """argparse's plural texts in the form for `n` (listed here for the extractor)."""
    return (
        ngettext("expected %s argument", "expected %s arguments", n),
        ngettext("conflicting option string: %s", "conflicting option strings: %s", n),
    )


@contextmanager
def argparse_in_our_language() -> Iterator[None]:
    """While the block runs, argparse's texts come from gradflow's catalog (in the
    language `i18n.set_language` chose); afterwards argparse is as it was."""
    saved: dict[str, Callable[..., Any]] = {
        name: getattr(argparse, name) for name in ("_", "ngettext") if hasattr(argparse, name)
    }
    ours: dict[str, Callable[..., Any]] = {"_": i18n._, "ngettext": i18n.ngettext}
    for name in saved:
        setattr(argparse, name, ours[name])
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(argparse, name, function)
