"""The inspector's trainable/data toggle: one undoable edit, saved in the file, explained."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gradflow.core.examples import load_example
from gradflow.core.fileformat import load


def _toggle(qtbot, window, node_id: str) -> None:
    window.scene.select_nodes([node_id])
    assert window.inspector.node_id == node_id
    box = window.inspector.trainable
    assert box.isVisible()
    assert box.text().startswith("trainable")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)


def test_marking_an_input_as_data_is_undoable_and_saved(qtbot, window, tmp_path):
    window.load_graph(load_example("add-mul"))
    doc = window.document
    _toggle(qtbot, window, "x")
    assert doc.graph.node("x").attrs["trainable"] is False
    assert not window.inspector.trainable.isChecked()
    assert doc.undo_stack.undoText() == "Mark x as data"
    doc.undo_stack.undo()
    assert doc.graph.node("x").attrs["trainable"] is True
    assert window.inspector.trainable.isChecked()
    doc.undo_stack.redo()
    assert doc.graph.node("x").attrs["trainable"] is False
    path = tmp_path / "marked.gflow"
    assert window.files.save_to(str(path))
    assert '"trainable": false' in path.read_text(encoding="utf-8")
    again = load(path)
    assert again.node("x").attrs["trainable"] is False
    assert again.node("y").attrs["trainable"] is True
    _toggle(qtbot, window, "x")  # and back
    assert doc.undo_stack.undoText() == "Mark x as trainable"
    assert doc.graph.node("x").attrs["trainable"] is True


def test_the_explanation_follows_the_toggle(qtbot, window):
    window.load_graph(load_example("add-mul"))
    trace = window.document.result.trace
    x_step = next(s.index + 1 for s in trace.backward if s.node == "x")
    window.workspace.set_playhead(x_step)
    assert "x is trainable" in window.player.caption.text()
    _toggle(qtbot, window, "x")
    window.workspace.set_playhead(x_step)
    assert "x is data: its gradient" in window.player.caption.text()


def test_the_lecture_marks_weights_trainable_and_inputs_data():
    g = load_example("sigmoid-neuron")
    assert {n: g.node(n).attrs["trainable"] for n in ("w0", "w1", "w2", "x0", "x1")} == {
        "w0": True,
        "w1": True,
        "w2": True,
        "x0": False,
        "x1": False,
    }
    mlp = load_example("tiny-mlp")
    assert [n for n in ("x1", "x2") if mlp.node(n).attrs["trainable"]] == []


def test_a_known_learning_rate_shows_the_update(qtbot, window):
    window.load_graph(load_example("sigmoid-neuron"))
    ws = window.workspace
    trace = ws.document.result.trace
    w0 = next(s.index + 1 for s in trace.backward if s.node == "w0")
    assert "w0 ← w0 − lr · ∂f/∂w0" in ws.explanation(w0).sentences[-1]
    assert "= 2 − 0.1" not in ws.explanation(w0).sentences[-1]
    ws.set_learning_rate(0.1)  # as when the training dock opens its network
    assert ws.explanation(w0).sentences[-1].endswith("= 2 − 0.1 · (-0.197) = 2.02")
    window.load_graph(load_example("sigmoid-neuron"))  # another graph: not known any more
    assert ws.learning_rate is None
