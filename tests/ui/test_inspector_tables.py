"""The inspector's tables scroll sideways inside the dock, say their shape and which index
is the row, and never widen the dock or get cut off at its right edge."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.graph import Graph


def _wide_graph() -> Graph:
    """X (4 x 64) -> sigmoid s -> sum L: every table is 64 columns wide."""
    g = Graph()
    x = np.random.default_rng(0).normal(size=(4, 64))
    g.add_node("input", "X", label="X", pos=(0.0, 0.0), value=x)
    g.add_node("sigmoid", "s", label="s", pos=(300.0, 0.0))
    g.add_node("sum", "L", label="L", pos=(600.0, 0.0))
    g.connect("X", "s", dst_port=0)
    g.connect("s", "L", dst_port=0)
    return g


@pytest.fixture
def wide(qtbot, window):
    window.resize(1280, 800)
    window.load_graph(_wide_graph())
    inspector = window.inspector
    qtbot.waitUntil(lambda: inspector.widget().viewport().width() > 100)
    return window


def _fits(inspector) -> bool:
    """Nothing in the inspector is wider than what the dock shows."""
    scroll = inspector.widget()
    return scroll.widget().width() <= scroll.viewport().width()


def test_a_4x64_table_scrolls_inside_the_dock_and_says_its_shape(qtbot, wide) -> None:
    inspector = wide.inspector
    dock_width = inspector.width()
    wide.scene.select_nodes(["s"])
    panel = inspector.value_table
    qtbot.waitUntil(panel.isVisible)
    table = panel.table
    assert (table.rowCount(), table.columnCount()) == (4, 64)
    assert panel.caption.text() == "4×64: row i = first index, column j = second index"
    assert panel.caption.isVisible()
    qtbot.waitUntil(lambda: table.horizontalScrollBar().isVisible())
    assert table.horizontalScrollBar().maximum() > 0  # the columns scroll ...
    assert panel.width() <= inspector.widget().viewport().width()  # ... inside the dock
    assert inspector.width() == dock_width  # which did not grow
    assert _fits(inspector)
    assert inspector.widget().horizontalScrollBar().maximum() == 0
    # every row is shown above the scroll bar, every number in full
    assert table.visualItemRect(table.item(3, 0)).bottom() < table.viewport().height()
    cell = table.item(0, 0)
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance(cell.text())


def test_a_vector_table_says_how_it_is_laid_out(qtbot, window) -> None:
    from gradflow.core.examples import load_example

    window.load_graph(load_example("vector-l2"))
    window.scene.select_nodes(["x"])
    panel = window.inspector.value_table
    qtbot.waitUntil(panel.isVisible)
    assert panel.caption.text() == "vector of 2, shown as one row: column j = entry j"


def test_the_step_explanation_wraps_its_words_and_scrolls_its_tables(qtbot, wide) -> None:
    inspector = wide.inspector
    dock_width = inspector.width()
    wide.scene.select_nodes(["s"])
    trace = wide.workspace.trace
    k = next(i for i, s in enumerate(trace.steps, 1) if s.node == "s" and i > trace.n_forward)
    wide.player.controller.seek(k)
    step = inspector.step
    qtbot.waitUntil(step.isVisible)
    assert "4×64 · row = first index" in step.text()  # each table says its shape and rows
    qtbot.waitUntil(lambda: step.horizontalScrollBar().isVisible())
    assert step.wide()
    assert step.width() <= inspector.widget().viewport().width()
    assert inspector.width() == dock_width
    assert _fits(inspector)
    # the sentences wrap at the dock's width: the text is taller than one line per paragraph
    assert step.height() > 10 * step.fontMetrics().lineSpacing()


def _broken_words(doc) -> list[str]:
    """The texts of the laid-out blocks (table cells too) with a line break inside a word."""
    broken = []
    block = doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(1, layout.lineCount()):
            at = layout.lineAt(i).textStart()
            if 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
                broken.append(f"{text[:at]}/{text[at:]}")
        block = block.next()
    return broken


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("name", "node"), [("tiny-mlp", "m21"), ("vector-l2", None)])
def test_the_chain_rule_at_the_default_width_breaks_no_word_and_is_not_cut(
    make_window, qtbot, qapp, lang, name, node
) -> None:
    from gradflow.core.examples import load_example
    from gradflow.ui import language

    language.install_language(lang, qapp)
    try:
        window = make_window()
        window.resize(1280, 800)
        window.load_graph(load_example(name))
        trace = window.workspace.trace
        steps = list(enumerate(trace.steps, 1))[trace.n_forward :]
        k = next(i for i, s in steps if node is None or s.node == node)
        window.player.controller.seek(k)
        step = window.inspector.step
        qtbot.waitUntil(step.isVisible)
        qtbot.waitUntil(lambda: step.viewport().width() > 200)
        text = step.document().toPlainText()
        assert "upstream" in text
        assert "downstream" in text
        assert _broken_words(step.document()) == []  # never "upstre/am"
        assert not step.wide()  # the whole chain rule inside the dock: nothing cut off
        assert step.horizontalScrollBar().maximum() == 0
    finally:
        language.install_language("en", qapp)
