"""The player's caption keeps room for two whole lines, in Korean as in English."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from gradflow.core.examples import load_example
from gradflow.ui import language
from gradflow.ui.fonts import HANGUL_FAMILIES, install_hangul_fallbacks, line_spacing
from gradflow.ui.player.dock import CAPTION_LINES


def _hangul_family() -> str | None:
    have = set(QFontDatabase.families())
    return next((f for f in HANGUL_FAMILIES if f in have), None)


def test_line_spacing_allows_for_the_taller_hangul_fallback(qapp) -> None:
    install_hangul_fallbacks()
    font = QFont(qapp.font())
    latin = QFontMetrics(font).lineSpacing()
    assert line_spacing(font) >= latin
    family = _hangul_family()
    if family is None:
        pytest.skip("no Korean font installed")
    hangul = QFont(font)
    hangul.setFamily(family)
    assert line_spacing(font) >= QFontMetrics(hangul).lineSpacing()


def test_a_two_line_korean_caption_is_not_clipped_at_1024x700(qapp, qtbot, make_window) -> None:
    language.install_language("ko", qapp)
    try:
        win = make_window(show=False)
        win.resize(1024, 700)
        win.show()
        win.load_graph(load_example("tiny-mlp"))
        dock = win.player
        dock.controller.seek(40)
        qtbot.waitUntil(lambda: dock.caption.text().startswith("Step 40/"))
        caption = dock.caption
        assert caption.minimumHeight() >= CAPTION_LINES * line_spacing(caption.font())
        qtbot.waitUntil(lambda: caption.height() >= caption.minimumHeight())
        needed = caption.heightForWidth(caption.width())
        assert needed <= caption.height(), (needed, caption.height(), caption.text())
    finally:
        language.install_language("en", qapp)
