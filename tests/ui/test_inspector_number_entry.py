"""The inspector's number entry: what people type, refusals, exact display, Ctrl+Z after.

Each test pins a finding from driving the real app:
"1e30" became 130 (the spin box dropped the "e"),
letters vanished without a word, 1e17 was silently clamped to 1e12, values showed as
"-4.000000", and Ctrl+Z after typing -2 + Enter did nothing (the field kept the key).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gradflow.core.examples import load_example
from gradflow.ui.value_editor import NumberError, exact_text, parse_number


def _select(qtbot, window, node_id: str):
    window.scene.select_nodes([node_id])
    assert window.inspector.node_id == node_id
    return window.inspector.editor.spin


def _type(qtbot, spin, text: str) -> None:
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("text", "value"), [("-2", -2.0), ("1e-3", 1e-3), ("−4", -4.0), (" 2.5 ", 2.5), ("1E3", 1e3)]
)
def test_parse_number_accepts_what_people_type(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "why"),
    [("abc", "is not a number"), ("", "empty"), ("1e30", "too large"), ("nan", "finite")],
)
def test_parse_number_refuses_with_a_reason(text, why):
    with pytest.raises(NumberError, match=why):
        parse_number(text)


def test_values_are_shown_exactly_and_briefly():
    assert [exact_text(x) for x in (-4.0, 0.1, 1e-20, 1e12, 0.1 + 0.2)] == [
        "-4",
        "0.1",
        "1e-20",
        "1000000000000",
        "0.30000000000000004",
    ]


def test_scientific_notation_is_read_whole(qtbot, add_mul):
    window, doc = add_mul, add_mul.document
    spin = _select(qtbot, window, "x")
    _type(qtbot, spin, "1e-3")
    assert float(doc.graph.node("x").attrs["value"]) == 1e-3
    assert spin.text() == "0.001"
    assert window.inspector.error.text() == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e30", "1e30 is too large (values lie within ±1e12): the value was not changed"),
        ("99999999999999999", "too large"),
        ("abc", '"abc" is not a number: the value was not changed'),
        ("inf", "inf is not a finite number"),
    ],
)
def test_bad_text_is_refused_with_one_message_and_nothing_changes(qtbot, add_mul, text, message):
    window, doc = add_mul, add_mul.document
    spin = _select(qtbot, window, "x")
    before, count = float(doc.graph.node("x").attrs["value"]), doc.undo_stack.count()
    _type(qtbot, spin, text)
    assert float(doc.graph.node("x").attrs["value"]) == before
    assert doc.undo_stack.count() == count
    assert message in window.inspector.error.text()
    assert message in window.statusBar().currentMessage()  # seen even if the dock is hidden
    assert spin.text() == exact_text(before)  # the field shows the value again


def test_pressing_enter_on_an_untouched_value_records_no_edit(qtbot, window):
    doc = window.document
    node = doc.add_node("input", value=0.1 + 0.2)
    spin = _select(qtbot, window, node)
    count = doc.undo_stack.count()
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert doc.undo_stack.count() == count
    assert doc.graph.node(node).attrs["value"] == 0.1 + 0.2


def test_constant_c_takes_the_same_numbers(qtbot, window):
    doc = window.document
    node = doc.add_node("mul_const")
    window.scene.select_nodes([node])
    spin = window.inspector.c_spin
    _type(qtbot, spin, "2.5e-2")
    assert doc.graph.node(node).attrs["c"] == 0.025
    _type(qtbot, spin, "lots")
    assert doc.graph.node(node).attrs["c"] == 0.025
    assert "not a number" in window.statusBar().currentMessage()


def _activate(qtbot, window, widget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_ctrl_z_after_a_committed_value_undoes_the_edit(qtbot, add_mul):
    window, doc = add_mul, add_mul.document
    spin = _select(qtbot, window, "x")
    _activate(qtbot, window, spin.lineEdit())
    _type(qtbot, spin, "-7")
    assert float(doc.graph.node("x").attrs["value"]) == -7.0
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert float(doc.graph.node("x").attrs["value"]) == -2.0  # the document's undo ran
    assert spin.text() == "-2"
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Z, redo)
    assert float(doc.graph.node("x").attrs["value"]) == -7.0


def test_ctrl_z_while_typing_undoes_the_typing_only(qtbot, add_mul):
    window, doc = add_mul, add_mul.document
    spin = _select(qtbot, window, "x")
    _activate(qtbot, window, spin.lineEdit())
    count = doc.undo_stack.count()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "9")
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.undo_stack.count() == count  # the document was not touched
    assert spin.lineEdit().text() != "9"


def test_the_player_does_not_overwrite_what_is_being_typed(qtbot, window):
    window.load_graph(load_example("sigmoid-neuron"))
    spin = _select(qtbot, window, "w0")
    _activate(qtbot, window, spin.lineEdit())
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "3.5")
    window.workspace.set_playhead(4)
    window.workspace.set_playhead(5)
    assert spin.lineEdit().text() == "3.5"


def test_mid_playback_an_unreached_gradient_says_so(qtbot, window):
    window.load_graph(load_example("sigmoid-neuron"))
    _select(qtbot, window, "w0")
    window.workspace.set_playhead(3)
    assert window.inspector.grad_text.text() == "— (not reached yet at this step)"
    window.workspace.set_playhead(None)
    assert window.inspector.grad_text.text() not in ("—", "— (not reached yet at this step)")


def test_a_tensor_value_is_described_in_words_not_as_a_bare_number(qtbot, window):
    window.load_graph(load_example("vector-l2"))
    _select(qtbot, window, "x")
    assert window.inspector.value_text.text() == "vector of 2"  # "2" read as the value
    _select(qtbot, window, "W")
    assert window.inspector.value_text.text() == "2×2"


def test_a_good_value_clears_the_last_refusal(qtbot, add_mul):
    window = add_mul
    spin = _select(qtbot, window, "x")
    _type(qtbot, spin, "1e30")
    assert "too large" in window.statusBar().currentMessage()
    _type(qtbot, spin, "1e-3")
    assert window.inspector.error.text() == ""
    assert window.statusBar().currentMessage() == ""
