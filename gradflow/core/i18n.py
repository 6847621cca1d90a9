"""Core: the one catalog of user-visible texts of core, nn and the CLI (gettext).

Every sentence that core renders for a person goes through `_` (or `ngettext` for
counts) so that one catalog can translate it. Format after translating:
``_("sends {grad} to {node}").format(grad=..., node=...)`` - numbers and formulas are
never part of a translated string's identity. English is the source language; with no
catalog loaded every text is returned as written.

The catalogs are the standard library's gettext `.mo` files, compiled from the `.po`
sources in `resources/translations/` (`python scripts/update_translations.py` extracts,
merges and compiles them; tests/core/test_i18n.py checks the compiled file is current
and that no text is left untranslated). `set_language("ko")` switches every later `_`
call; `system_language()` reads the locale the way gettext does.
"""

from __future__ import annotations

import gettext
import importlib.resources
import os
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from pathlib import Path

LANGUAGES = ("en", "ko")
SOURCE_LANGUAGE = "en"
DOMAIN = "core"  # resources/translations/core_<lang>.po / .mo
# gettext's own order: the first of these that is set names the language
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    """Return `message` in the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the singular or plural form for `n` in the current language."""
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it now (a table's text,
    translated by `_` where it is shown: `_(op.description)`)."""
    return message


def install(translation: gettext.NullTranslations) -> None:
    """Make `translation` the catalog every later `_` call reads."""
    global _translation
    _translation = translation


def translations_dir() -> Traversable:
    """The folder holding the compiled catalogs (`gradflow.resources.translations`)."""
    try:
        return importlib.resources.files("gradflow.resources") / "translations"
    except ModuleNotFoundError:  # a source checkout used without installing
        return Path(__file__).resolve().parents[2] / "resources" / "translations"


def translation(language: str) -> gettext.NullTranslations:
    """The catalog of `language` ("en" or "ko"); ValueError for any other."""
    if language not in LANGUAGES:
        raise ValueError(
            _('unknown language "{language}" (choose {choices})').format(
                language=language, choices=" or ".join(LANGUAGES)
            )
        )
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    with (translations_dir() / f"{DOMAIN}_{language}.mo").open("rb") as fp:
        return gettext.GNUTranslations(fp)


def set_language(language: str) -> None:
    """Translate every later `_` call into `language` ("en" or "ko")."""
    global _language
    install(translation(language))
    _language = language


def language() -> str:
    """The language `_` currently translates into."""
    return _language


def parse_language(value: str | None) -> str | None:
    """The supported language a locale name means: "ko_KR.UTF-8" -> "ko"; None if none."""
    for part in (value or "").split(":"):  # LANGUAGE may list several, best first
        code = part.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
        if code in ("c", "posix"):
            return SOURCE_LANGUAGE
    return None


def system_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).

    None when none of them is set; an unsupported language (say "fr") gives English,
    the source language.
    """
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name)
        if value:
            return parse_language(value) or SOURCE_LANGUAGE
    return None
