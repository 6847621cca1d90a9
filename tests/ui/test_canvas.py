"""The canvas: drops, wires drawn with the mouse, refusals, moves, delete and undo."""

from __future__ import annotations

import pytest
from canvas_support import drag, port_point, scene_point
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from gradflow.core.fileformat import dumps
from gradflow.core.graph import Edge
from gradflow.ui.canvas.gestures import OP_MIME


def _drop(window, mime: QMimeData, at: QPoint) -> None:
    viewport = window.view.viewport()
    action = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, action, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    QApplication.sendEvent(viewport, QDragMoveEvent(at, action, mime, buttons, mods))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(at), action, mime, buttons, mods))


def test_dropping_a_palette_item_creates_the_node_where_it_lands(qtbot, window):
    tree = window.palette.tree
    mime = tree.mimeData([tree.op_item("mul")])
    assert bytes(mime.data(OP_MIME).data()) == b"mul"
    at = QPoint(300, 200)
    _drop(window, mime, at)
    assert list(window.document.graph.nodes) == ["mul1"]
    expected = window.scene.snapped(window.view.mapToScene(at))
    assert window.document.graph.node("mul1").pos == (expected.x(), expected.y())
    assert window.scene.node_item("mul1").pos() == expected


def test_drawing_a_wire_from_port_to_port_connects_them(qtbot, window):
    doc = window.document
    doc.add_node("input", pos=(-100.0, 0.0), value=3.0)
    doc.add_node("neg", pos=(100.0, 40.0))
    start = port_point(window, "x1", 0, output=True)
    end = port_point(window, "neg1", 0, output=False) + QPoint(9, 6)  # near: it snaps
    drag(qtbot, window, start, end)
    assert doc.graph.edges == (Edge("x1", "neg1"),)
    assert window.scene.edge_item(Edge("x1", "neg1")).value_label.text() == "3"
    assert doc.undo_stack.undoText() == "Connect x1 → neg1"


def test_a_cycle_is_refused_with_the_reason_in_the_status_bar(qtbot, window):
    doc = window.document
    doc.add_node("neg", pos=(-100.0, 0.0))
    doc.add_node("neg", pos=(100.0, 0.0))
    doc.add_edge("neg1", "neg2")
    before = dumps(doc.graph)
    drag(qtbot, window, port_point(window, "neg2", 0, True), port_point(window, "neg1", 0, False))
    assert window.statusBar().currentMessage() == "connecting neg2 → neg1 would make a cycle"
    assert dumps(doc.graph) == before
    assert window.scene.items_rect().isValid()  # the live wire is gone, items remain


def test_moving_a_node_is_one_undo_command_on_the_grid(qtbot, window):
    doc = window.document
    doc.add_node("sigmoid", pos=(0.0, 0.0))
    count = doc.undo_stack.count()
    drag(qtbot, window, scene_point(window, (0.0, 10.0)), scene_point(window, (133.0, 71.0)))
    assert doc.undo_stack.count() == count + 1
    x, y = doc.graph.node("sigmoid1").pos
    assert (x % 20, y % 20) == (0, 0)
    assert (x, y) != (0.0, 0.0)
    assert window.scene.node_item("sigmoid1").pos() == QPointF(x, y)
    doc.undo_stack.undo()
    assert window.scene.node_item("sigmoid1").pos() == QPointF(0.0, 0.0)


def test_delete_then_undo(qtbot, add_mul):
    window, doc = add_mul, add_mul.document
    before = dumps(doc.graph)
    window.scene.select_nodes(["q"])
    window.view.setFocus()
    window.menu_actions["delete"].trigger()
    assert "q" not in doc.graph
    assert len(doc.graph.edges) == 1
    assert len([i for i in window.scene.items() if hasattr(i, "edge")]) == 1
    assert window.scene.node_item("f").problem == "input a is not connected"
    window.menu_actions["undo"].trigger()
    assert dumps(doc.graph) == before
    assert window.scene.node_item("f").problem is None
    assert window.scene.edge_item(Edge("q", "f")).value_label.text() == "3"


def test_deleting_a_selected_wire(qtbot, add_mul):
    window, doc = add_mul, add_mul.document
    window.scene.edge_item(Edge("z", "f", 0, 1)).setSelected(True)
    window.scene.delete_selection()
    assert Edge("z", "f", 0, 1) not in doc.graph.edges
    assert "f" in doc.result.problems
    assert window.notice.text().startswith("⚠")


def test_copy_paste_renames_and_offsets(qtbot, add_mul):
    window, doc = add_mul, add_mul.document
    window.scene.select_nodes(["x", "y", "q"])
    window.menu_actions["copy"].trigger()
    made = window.edit.paste()
    assert made == ["x1", "y1", "q1"]
    assert window.scene.selected_node_ids() == made
    x0, y0 = doc.graph.node("q").pos
    assert doc.graph.node("q1").pos == (x0 + 20, y0 + 20)  # one grid step
    assert doc.graph.node("q").label == "q = x + y"
    assert doc.graph.node("q1").label == "q2 = x + y"  # a clashing label is renamed
    window.edit.paste()
    assert doc.graph.node("q2").pos == (x0 + 40, y0 + 40)
    assert doc.graph.node("q2").label == "q3 = x + y"
    doc.undo_stack.undo()
    assert Edge("x1", "q1") in doc.graph.edges
    assert Edge("y1", "q1", 0, 1) in doc.graph.edges
    assert float(doc.result.value("q1")) == 3.0
    text = QApplication.clipboard().text()
    assert '"format": "gradflow"' in text  # readable as text too
    doc.undo_stack.undo()
    assert "q1" not in doc.graph


def test_values_above_and_gradients_below_every_wire(qtbot, add_mul):
    scene = add_mul.scene
    texts = {
        str(e): (scene.edge_item(e).value_label.text(), scene.edge_item(e).grad_label.text())
        for e in add_mul.document.graph.edges
    }
    assert texts == {
        "x:0 → q:0": ("-2", "-4"),
        "y:0 → q:1": ("5", "-4"),
        "q:0 → f:0": ("3", "-4"),
        "z:0 → f:1": ("-4", "3"),
    }
    f = scene.node_item("f")
    assert (f.value_label.text(), f.grad_label.text()) == ("-12", "1")
    item = scene.edge_item(Edge("q", "f"))
    at = item.label_anchor()
    value, grad = item.value_label.text_rect(), item.grad_label.text_rect()
    assert value.center().y() < at.y() < grad.center().y()  # above and below the wire
    assert not value.intersects(grad)
    assert not value.contains(at)
    assert not grad.contains(at)
    flat = scene.edge_item(Edge("x", "q"))  # nearly level where its numbers sit
    assert flat.value_label.text_rect().bottom() <= flat.label_anchor().y()
    assert flat.grad_label.text_rect().top() >= flat.label_anchor().y()


def test_playhead_reveals_steps_and_shows_the_whole_run_after_structural_edits(qtbot, add_mul):
    window, scene = add_mul, add_mul.scene
    seen: list[object] = []
    window.workspace.playhead_changed.connect(seen.append)
    window.workspace.set_playhead(1)  # only x has run forward
    assert scene.edge_item(Edge("x", "q")).value_label.text() == "-2"
    assert scene.edge_item(Edge("q", "f")).value_label.text() == ""
    window.document.set_attr("x", "value", 1.0)  # a value edit keeps the playhead
    assert window.workspace.playhead == 1
    assert scene.edge_item(Edge("x", "q")).value_label.text() == "1"
    window.document.add_node("neg")  # nothing blanks: every computable number stays
    assert window.workspace.playhead is None
    assert scene.edge_item(Edge("q", "f")).value_label.text() == "6"
    assert scene.edge_item(Edge("x", "q")).grad_label.text() == "-4"
    window.workspace.set_playhead(2)
    window.document.delete(["neg1"])
    assert window.workspace.playhead is None
    assert scene.edge_item(Edge("x", "q")).grad_label.text() == "-4"
    assert seen == [1, None, 2, None]


def test_pulling_a_wire_off_an_input_moves_or_removes_it(qtbot, add_mul):
    window, doc = add_mul, add_mul.document
    doc.add_node("neg", pos=(200.0, 330.0))
    count = doc.undo_stack.count()
    start = port_point(window, "f", 1, output=False)  # z → f, input b
    drag(qtbot, window, start, port_point(window, "neg1", 0, output=False) + QPoint(5, 5))
    assert Edge("z", "f", 0, 1) not in doc.graph.edges
    assert Edge("z", "neg1") in doc.graph.edges
    assert doc.undo_stack.count() == count + 1
    assert window.scene.edge_item(Edge("z", "neg1")).value_label.text() == "-4"
    drag(qtbot, window, port_point(window, "neg1", 0, False), scene_point(window, (100, 500)))
    assert Edge("z", "neg1") not in doc.graph.edges
    assert window.scene.wires.boundingRect().isValid()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert Edge("z", "f", 0, 1) in doc.graph.edges
    assert float(doc.result.value("f")) == -12.0


def test_pulling_a_wire_onto_a_cycle_is_refused(qtbot, add_mul):
    window, doc = add_mul, add_mul.document
    doc.add_node("neg", pos=(500.0, 160.0))
    doc.add_edge("f", "neg1")
    doc.remove_edge(Edge("x", "q"))
    before = dumps(doc.graph)
    drag(qtbot, window, port_point(window, "neg1", 0, False), port_point(window, "q", 0, False))
    message = window.statusBar().currentMessage()
    assert message == "connecting f = q · z → q = x + y would make a cycle"
    assert dumps(doc.graph) == before
    assert window.scene.edge_item(Edge("f", "neg1")).isVisible()


def test_the_scrollable_area_follows_the_graph(qtbot, window):
    window.document.add_node("input", pos=(9000.0, -7000.0))
    qtbot.waitUntil(lambda: window.scene.sceneRect().contains(QPointF(9000.0, -7000.0)))
    window.view.fit()
    node = window.scene.node_item("x1").sceneBoundingRect()
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert shown.contains(node)


def test_rubber_band_selects_the_nodes_it_covers(qtbot, add_mul):
    window = add_mul
    x, y = window.document.graph.node("x").pos, window.document.graph.node("y").pos
    drag(
        qtbot,
        window,
        scene_point(window, (x[0] - 80, x[1] - 50)),
        scene_point(window, (y[0] + 80, y[1] + 50)),
    )
    assert window.scene.selected_node_ids() == ["x", "y"]
    assert window.inspector.node_id is None  # two nodes: nothing to inspect


def test_ports_are_named_on_hover(qtbot, add_mul):
    f = add_mul.scene.node_item("f")
    assert [p.toolTip() for p in f.inputs] == ["a", "b"]
    assert [p.toolTip() for p in f.outputs] == ["out"]
    assert "Multiply gate" in f.toolTip()


def test_view_zoom_actions_and_grid_toggle(qtbot, add_mul):
    window, view = add_mul, add_mul.view
    view.reset_zoom()
    window.menu_actions["zoom_in"].trigger()
    assert view.zoom() == pytest.approx(1.2)
    window.menu_actions["zoom_out"].trigger()
    window.menu_actions["zoom_out"].trigger()
    assert view.zoom() == pytest.approx(1 / 1.2)
    window.menu_actions["reset_zoom"].trigger()
    assert view.zoom() == pytest.approx(1.0)
    window.menu_actions["fit"].trigger()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in window.scene.node_items():
        assert shown.contains(item.sceneBoundingRect())
    window.menu_actions["grid"].trigger()  # off: moves are no longer snapped
    assert not window.scene.grid_visible
    assert window.scene.snapped(QPointF(13.0, 7.0)) == QPointF(13.0, 7.0)
