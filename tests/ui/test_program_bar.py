"""The program bar: type a program, press Enter, see the lecture's numbers; undo; errors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from gradflow.core.examples import load_example
from gradflow.core.expression import build
from gradflow.core.graph import Edge

SIGMOID_NEURON = (
    "w0 = 2; x0 = -1; w1 = -3; x1 = -2; w2 = -3\nz = w0*x0 + w1*x1 + w2\nf = 1 / (1 + exp(-z))"
)


def _bar(window):
    return window.docks["program"]


def _wire(window, src: str, dst: str, dst_port: int = 0) -> tuple[float, float]:
    """The value and gradient a wire shows, read back from its labels' text."""
    item = window.scene.edge_item(Edge(src, dst, 0, dst_port))
    texts = item.value_label.text(), item.grad_label.text()
    return tuple(float(t.replace("−", "-")) for t in texts)  # type: ignore[return-value]


def _shows(window, src: str, dst: str, value: float, grad: float, dst_port: int = 0) -> bool:
    """The wire shows the lecture's numbers to the precision the canvas writes (3-4 digits)."""
    shown = _wire(window, src, dst, dst_port)
    return all(
        abs(a - b) <= 5e-3 * max(1.0, abs(b)) for a, b in zip(shown, (value, grad), strict=True)
    )


def _type_and_enter(qtbot, bar, text: str) -> None:
    """Type `text` key by key (Shift+Enter between lines), then press Enter."""
    bar.edit.setFocus()
    bar.edit.selectAll()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Delete)
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(bar.edit, line)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)


def test_typing_the_sigmoid_neuron_and_enter_shows_the_lectures_numbers(qtbot, add_mul):
    window, bar = add_mul, _bar(add_mul)
    before = list(window.document.graph.nodes)
    undo_count = window.document.undo_stack.count()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(bar.edit.hasFocus)
    _type_and_enter(qtbot, bar, SIGMOID_NEURON)
    graph = window.document.graph
    assert [n.op for n in graph][-3:] == ["exp", "add_const", "reciprocal"]
    assert window.document.undo_stack.count() == undo_count + 1  # ONE undoable edit
    assert _shows(window, "w0", "mul1", 2, -0.1966)
    assert _shows(window, "x0", "mul1", -1, 0.3932, dst_port=1)
    assert _shows(window, "w1", "mul2", -3, -0.3932)
    assert _shows(window, "x1", "mul2", -2, -0.5898, dst_port=1)
    assert _shows(window, "w2", "z", -3, 0.1966, dst_port=1)
    assert _shows(window, "z", "neg1", 1, 0.1966)
    assert _shows(window, "exp1", "add_const1", 0.3679, -0.5344)
    assert _shows(window, "add_const1", "f", 1.368, -0.5344)
    assert float(window.document.result.value("f")) == pytest.approx(0.7311, abs=1e-4)
    xs = {n.id: n.pos[0] for n in graph}
    assert xs["w0"] < xs["mul1"] < xs["z"] < xs["f"]  # left to right
    assert bar.message.text() == "Built 13 nodes · Ctrl+Z undoes it"
    assert bar.text() == SIGMOID_NEURON  # what was typed stays as typed
    window.document.undo_stack.undo()
    assert list(window.document.graph.nodes) == before
    assert _wire(window, "q", "f") == (3.0, -4.0)


def test_insert_beside_keeps_the_canvas_and_adds_to_the_right(qtbot, add_mul):
    window, bar = add_mul, _bar(add_mul)
    bar.mode.setCurrentIndex(1)
    right = max(n.pos[0] for n in window.document.graph)
    _type_and_enter(qtbot, bar, "a = 3; b = a * a")
    graph = window.document.graph
    assert {"x", "y", "z", "q", "f"} <= set(graph.nodes)
    new = [n for n in graph if n.id not in ("x", "y", "z", "q", "f")]
    assert len(new) == 2
    assert min(n.pos[0] for n in new) > right
    window.document.undo_stack.undo()
    assert list(window.document.graph.nodes) == ["x", "y", "z", "q", "f"]


def test_a_syntax_error_is_underlined_in_place_and_changes_nothing(qtbot, add_mul):
    window, bar = add_mul, _bar(add_mul)
    count = window.document.undo_stack.count()
    _type_and_enter(qtbot, bar, "x = 2\nf = sigmod(x)")
    assert bar.message.text() == (
        'line 2, col 5: unknown function "sigmod" (did you mean "sigmoid"?)'
    )
    assert bar.message.isVisible()
    assert bar.underlined() == "sigmod"
    assert window.document.undo_stack.count() == count
    assert list(window.document.graph.nodes) == ["x", "y", "z", "q", "f"]
    assert bar.text() == "x = 2\nf = sigmod(x)"  # the typing stays, to be fixed
    qtbot.keyClick(bar.edit, Qt.Key.Key_Backspace)
    assert bar.underlined() == ""


def test_the_bar_shows_the_canvas_program_and_follows_edits(qtbot, add_mul):
    window, bar = add_mul, _bar(add_mul)
    assert bar.text().splitlines() == ["x = -2; y = 5; z = -4", "q = x + y", "f = q * z"]
    window.document.set_attr("x", "value", 1.5)
    assert bar.text().splitlines()[0] == "x = 1.5; y = 5; z = -4"
    window.document.undo_stack.undo()
    assert bar.text().splitlines()[0] == "x = -2; y = 5; z = -4"
    window.load_graph(load_example("gate-patterns"))
    assert "c = copy(x)" in bar.text()


def test_ctrl_l_is_in_the_view_menu(qtbot, window):
    action = window.menu_actions["focus_program"]
    assert action.shortcut() == QKeySequence("Ctrl+L")
    assert window.menu_actions["layout"].shortcut() == QKeySequence("Ctrl+Shift+L")


def test_copy_gates_and_a_graph_too_big_to_show(qtbot, window):
    bar = window.docks["program"]
    bar.copies.setChecked(True)
    _type_and_enter(qtbot, bar, "x = 3; f = x * x")
    assert [n.op for n in window.document.graph] == ["input", "mul", "copy"]
    assert float(window.document.result.grad("x")) == 6.0
    window.load_graph(build("W = param([" + ", ".join(["[1, 2]"] * 300) + "]); f = sum(W)"))
    assert bar.text() == ""
    assert bar.message.text().startswith("This graph is too big to show as a program")


def test_a_hidden_bar_catches_up_when_shown(qtbot, add_mul):
    bar = add_mul.docks["program"]
    bar.hide()
    add_mul.load_graph(load_example("vector-l2"))
    assert bar.text().startswith("x = -2")  # not printed while nobody sees it
    bar.show()
    qtbot.waitUntil(lambda: bar.text().startswith("W = [[0.1, 0.5], [-0.3, 0.8]]"))


def test_at_start_up_the_program_is_printed_once_the_canvas_is_on_screen(qtbot, make_window):
    window = make_window(show=False)
    window.load_graph(load_example("add-mul"))
    bar = window.docks["program"]
    window.show()
    assert bar.text() == ""  # not printed before the window's first frame
    qtbot.waitUntil(lambda: bar.text().startswith("x = -2; y = 5; z = -4"))
    assert bar.text().splitlines() == ["x = -2; y = 5; z = -4", "q = x + y", "f = q * z"]
