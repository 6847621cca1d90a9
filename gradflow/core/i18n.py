"""Core: the one catalog of user-visible texts of core, nn and the CLI (gettext).

Every sentence that core renders for a person goes through `_` (or `ngettext` for
counts) so that one catalog can translate it. Format after translating:
``_("sends {grad} to {node}").format(grad=..., node=...)`` - numbers and formulas are
never part of a translated string's identity. English is the source language; with no
catalog loaded every text is returned as written.
"""

from __future__ import annotations

import gettext

_translation: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    """Return `message` in the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the singular or plural form for `n` in the current language."""
    return _translation.ngettext(singular, plural, n)


def install(translation: gettext.NullTranslations) -> None:
    """Make `translation` the catalog every later `_` call reads."""
    global _translation
    _translation = translation
