"""The dark theme reaches the small things: a check box's square shows on the dark window
(Fusion drew it dark on dark) and a table's caption reads in the theme's grey (a style
sheet had fixed it to the light theme's)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

from gradflow.core.examples import load_example


def _lightness_range(image, rect: QRect) -> tuple[int, int]:
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    ]
    return min(values), max(values)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_an_unchecked_box_shows_its_square(window, qtbot, theme) -> None:
    window.workspace.set_display(theme=theme)
    box = QCheckBox("output node", window.inspector)  # as the inspector's own
    box.show()
    qtbot.waitExposed(box)
    option = QStyleOptionButton()
    box.initStyleOption(option)
    square = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert square.width() >= 8
    image = box.grab().toImage()
    window_colour = box.palette().color(box.backgroundRole()).lightness()
    low, high = _lightness_range(image, square)
    if theme == "dark":
        assert high >= window_colour + 60  # an outline lighter than the window
    else:
        assert low <= window_colour - 40  # the style's own outline, darker


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_table_caption_reads_on_either_theme(window, qtbot, theme) -> None:
    window.load_graph(load_example("vector-l2"))
    window.workspace.set_display(theme=theme)  # after the caption was made
    window.scene.select_nodes(["x"])
    caption = window.inspector.value_table.caption
    qtbot.waitUntil(caption.isVisible)
    assert caption.text() == "vector of 2, shown as one row: column j = entry j"
    image = caption.grab().toImage()
    low, high = _lightness_range(image, caption.rect())
    background = caption.palette().color(caption.backgroundRole()).lightness()
    if theme == "dark":
        assert high >= background + 90  # light grey text on the dark dock
    else:
        assert low <= background - 90
