"""Core catalog: Korean and English texts through gettext, chosen by name or by the locale."""

from __future__ import annotations

import importlib.util
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from gradflow.core import i18n
from gradflow.core.i18n import _
from gradflow.core.words import gate_phrase, role_name

ROOT = Path(__file__).resolve().parents[2]
HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def tools():
    """scripts/update_translations.py (it needs Babel, the test extra's catalog tool)."""
    pytest.importorskip("babel", reason="Babel (in the test extra) reads the .po catalogs")
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_korean_keeps_the_lectures_terms(korean: None) -> None:
    assert i18n.language() == "ko"
    assert HANGUL.search(gate_phrase("distributes"))
    assert "upstream gradient" in gate_phrase("distributes")  # the lecture's term, in English
    assert gate_phrase("adds").startswith("copy gate")
    assert role_name("upstream") == "upstream"


def test_english_is_the_source_language() -> None:
    i18n.set_language("en")
    assert gate_phrase("distributes") == "add distributes"
    assert _("no such text anywhere") == "no such text anywhere"


def test_an_untranslated_text_falls_back_to_english(korean: None) -> None:
    assert _("no such text anywhere") == "no such text anywhere"


def test_unknown_language_is_refused_and_changes_nothing(korean: None) -> None:
    with pytest.raises(ValueError, match='"fr"'):
        i18n.set_language("fr")
    assert i18n.language() == "ko"
    assert HANGUL.search(gate_phrase("swaps"))


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LC_ALL": "ko_KR.eucKR", "LANG": "en_US.UTF-8"}, "ko"),
        ({"LANGUAGE": "en", "LC_ALL": "ko_KR.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:ko", "LANG": "fr_FR"}, "ko"),  # the first supported one
        ({"LANG": "de_DE.UTF-8"}, "en"),  # not offered: the source language
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ko"}, "ko"),
        ({"LANGUAGE": "", "LANG": "ko_KR"}, "ko"),  # empty means unset
        ({}, None),
    ],
)
def test_system_language_reads_the_locale_like_gettext(environ, expected) -> None:
    assert i18n.system_language(environ) == expected


def test_every_text_of_the_source_has_a_korean_translation(tools) -> None:
    """New or changed `_()` texts: run scripts/update_translations.py and translate them."""
    catalog = tools.read_catalog(tools.TRANSLATIONS / "core_ko.po")
    untranslated = []
    for message in tools.extract_core():
        if not message.id:
            continue
        entry = catalog.get(message.id, message.context)
        strings = [] if entry is None else entry.string
        strings = [strings] if isinstance(strings, str) else list(strings)
        if entry is None or entry.fuzzy or not all(strings):
            untranslated.append(message.id)
    assert untranslated == []


def _fields(text: str) -> list[str]:
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name)


def _numbers(text: str) -> list[str]:
    return sorted(re.findall(r"\d+(?:\.\d+)?", text))


def _pairs(catalog) -> Iterator[tuple[str, str]]:
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strs = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in strs:
            yield ids[-1], text


def test_translations_keep_every_placeholder_and_number(tools) -> None:
    """Numbers and formulas are identical in both languages; so are the {fields}."""
    catalog = tools.read_catalog(tools.TRANSLATIONS / "core_ko.po")
    pairs = list(_pairs(catalog))
    assert len(pairs) > 50
    bad = [(src, ko) for src, ko in pairs if _fields(src) != _fields(ko)]
    bad += [(src, ko) for src, ko in pairs if _numbers(src) != _numbers(ko)]
    assert bad == []


def test_the_compiled_catalog_is_current(tools) -> None:
    """core_ko.mo (what gettext reads) says exactly what core_ko.po says."""
    from babel.messages.mofile import read_mo

    po = tools.read_catalog(tools.TRANSLATIONS / "core_ko.po")
    with (tools.TRANSLATIONS / "core_ko.mo").open("rb") as fp:
        mo = read_mo(fp)

    def table(catalog, skip_fuzzy: bool) -> dict:
        def key(text):  # a plural entry's id and strings are sequences
            return text if isinstance(text, str) else tuple(text)

        return {
            key(m.id): key(m.string)
            for m in catalog
            if m.id and m.string and not (skip_fuzzy and m.fuzzy) and any(m.string)
        }

    assert table(mo, False) == table(po, True)


def test_the_catalog_ships_as_a_resource() -> None:
    assert (i18n.translations_dir() / "core_ko.mo").is_file()
    assert (i18n.translations_dir() / "core_ko.po").is_file()


def test_no_translated_text_is_written_inside_an_f_string() -> None:
    """Babel (and lupdate) do not look inside f-strings: a `_("...")` there is never
    extracted, so it stays English in every language (the handout's "Answer key")."""
    import ast

    marks = {"_", "N_", "ngettext", "tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
    hidden = []
    for path in sorted((ROOT / "gradflow").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                name = getattr(func, "id", None) or getattr(func, "attr", None)
                texts = [a for a in call.args if isinstance(a, ast.Constant)]
                if name in marks and any(isinstance(a.value, str) for a in texts):
                    hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert hidden == []
