"""Korean and English in the window: Qt's translation (.ts/.qm), View ▸ Language, Hangul fonts."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox

from gradflow.core import i18n
from gradflow.core.examples import load_example
from gradflow.ui import language
from gradflow.ui.fonts import HANGUL_FAMILIES, install_hangul_fallbacks, missing_glyphs

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ui_ko.ts"
HANGUL = re.compile("[\uac00-\ud7a3]")


def _tools():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name"), msg.findtext("source")): msg.find("translation")
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


def test_every_source_string_of_the_ts_has_a_korean_translation() -> None:
    untranslated = [
        f"{ctx}: {source!r}"
        for (ctx, source), tr in _messages(TS).items()
        if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not tr.text
    ]
    assert untranslated == []  # translate them in resources/translations/ui_ko.ts
    assert len(_messages(TS)) > 150


def test_the_ts_holds_every_tr_string_of_the_ui(tmp_path: Path) -> None:
    """A new tr() text: run scripts/update_translations.py and translate it in ui_ko.ts."""
    tools = _tools()
    fresh = tmp_path / "ui_ko.ts"
    shutil.copy(TS, fresh)
    tools.lupdate(fresh)
    missing = sorted(set(_messages(fresh)) - set(_messages(TS)))
    stale = sorted(set(_messages(TS)) - set(_messages(fresh)))
    # new texts: `python scripts/update_translations.py`, then translate them in ui_ko.ts
    assert (missing, stale) == ([], [])


def test_the_qm_is_the_compiled_ts(tmp_path: Path) -> None:
    tools = _tools()
    tools.lrelease(TS, tmp_path / "ui_ko.qm")
    assert (tmp_path / "ui_ko.qm").read_bytes() == (TS.with_suffix(".qm")).read_bytes()


def test_translations_keep_placeholders_and_mnemonics() -> None:
    fields = re.compile(r"\{[^{}]*\}")
    bad = []
    for (ctx, source), tr in _messages(TS).items():
        text = tr.text or ""
        if sorted(fields.findall(source)) != sorted(fields.findall(text)):
            bad.append((ctx, source, text))
        if re.search(r"&\w", source) and not re.search(r"&\w", text):
            bad.append((ctx, source, text))  # the menu keeps its Alt+letter
    assert bad == []


def test_qt_and_core_switch_together(korean, qapp) -> None:
    assert i18n.language() == "ko"
    assert QCoreApplication.translate("Menu", "&File") == "파일(&F)"
    assert HANGUL.search(i18n._("add distributes"))
    # Qt's own dialogs: qtbase_ko.qm is loaded from PySide6's translations folder
    assert HANGUL.search(QCoreApplication.translate("QPlatformTheme", "Cancel"))
    language.install_language("en", qapp)
    assert QCoreApplication.translate("Menu", "&File") == "&File"
    assert i18n._("add distributes") == "add distributes"


def test_the_window_in_korean_shows_korean_menus(korean, qtbot, make_window) -> None:
    win = make_window(show=False)
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles[:4] == ["파일(&F)", "편집(&E)", "보기(&V)", "재생(&P)"]
    assert titles[-1] == "도움말(&H)"
    assert all(HANGUL.search(t) for t in titles), titles
    assert win.menu("File").actions()[0].text() == "새로 만들기(&N)"
    assert win.menu("View/Language").title() == "언어(&L)"
    assert win.languages.actions["ko"].isChecked()
    assert win.palette.windowTitle() == "팔레트"
    win.load_graph(load_example("add-mul"))
    assert HANGUL.search(win.notice.text())  # "node 5개 · 계산 완료"


# items named by what they are in any language: example ids, formats, a language's own
# name, speeds
NAMES = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*|PNG…|SVG…|English|[0-9.]+×)$")


def test_every_menu_item_and_sub_menu_reads_korean(korean, make_window) -> None:
    """View > Precision was left in English: every item reads Korean but names."""
    win = make_window(show=False)
    english = []

    def walk(menu) -> None:
        menu.aboutToShow.emit()  # menus filled when first opened (the examples)
        for action in menu.actions():
            text = action.text()
            if not action.isSeparator() and not HANGUL.search(text) and not NAMES.match(text):
                english.append(text)
            if action.menu() is not None:
                walk(action.menu())

    for top in win.menuBar().actions():
        walk(top.menu())
    assert english == []
    assert win.menu("View/Precision").title() == "정밀도(&P)"


def test_view_language_is_saved_and_offers_a_restart(window, qtbot, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    window.languages.actions["ko"].trigger()
    assert (
        QSettings(window.settings.fileName(), QSettings.Format.IniFormat).value("language") == "ko"
    )
    assert window.languages.actions["ko"].isChecked()
    # in the window's language, then in the one chosen (who picks 한국어 may not read English)
    assert shown == [
        "gradflow will be in 한국어 from its next start.\n"
        "gradflow를 다음에 시작할 때부터 한국어(으)로 표시합니다."
    ]
    assert i18n.language() == "en"  # this window keeps its language until the restart


def test_the_language_is_chosen_from_lang_then_settings_then_system(tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setenv("LANGUAGE", "ko_KR")
    assert language.choose_language(None, settings) == "ko"
    settings.setValue("language", "en")
    assert language.choose_language(None, settings) == "en"
    assert language.choose_language("ko", settings) == "ko"
    settings.setValue("language", "fr")  # no longer offered: ignored
    monkeypatch.setenv("LANGUAGE", "en")
    assert language.choose_language(None, settings) == "en"


def test_a_korean_render_has_hangul_captions_and_no_missing_glyphs(korean) -> None:
    from PySide6.QtWidgets import QGraphicsSimpleTextItem, QGraphicsTextItem

    from gradflow.ui.render import Renderer
    from gradflow.ui.render_frame import caption_font

    renderer = Renderer(load_example("add-mul"), caption=True)
    image = renderer.image(6)
    assert not image.isNull()
    texts = [
        (item.toPlainText() if isinstance(item, QGraphicsTextItem) else item.text(), item.font())
        for item in renderer.scene.items()
        if isinstance(item, (QGraphicsTextItem, QGraphicsSimpleTextItem))
    ]
    texts.append((renderer.caption_text, caption_font()))  # drawn in the strip under it
    korean_texts = [(t, f) for t, f in texts if HANGUL.search(t)]
    assert korean_texts, texts
    assert "mul gate" in renderer.caption_text
    assert "1 × (-4) = -4" in renderer.caption_text  # the numbers as in English
    for text, font in korean_texts:
        assert missing_glyphs(text, font) == []


def test_a_korean_font_is_installed_and_first_in_the_fallbacks(qapp) -> None:
    """CI installs fonts-noto-cjk; on Windows and macOS the system's Korean font is found."""
    found = install_hangul_fallbacks()
    assert found, f"no Korean font among {HANGUL_FAMILIES}"
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

    real = QFontInfo(qapp.font()).family()  # "Sans Serif" is an alias of a real family
    assert real in QFontDatabase.families()
    substitutes = [f.casefold() for f in QFont.substitutes(real)]
    assert substitutes[: len(HANGUL_FAMILIES)] == [f.casefold() for f in HANGUL_FAMILIES]
