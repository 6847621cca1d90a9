"""The whole story a new user lives, with real gestures: build (x+y)·z, read, undo, save, reopen."""

from __future__ import annotations

from canvas_support import drag, port_point, scene_point
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from gradflow.core.fileformat import dumps


def _drag_from_palette(window, op: str, scene_pos: tuple[float, float]) -> None:
    tree = window.palette.tree
    mime = tree.mimeData([tree.op_item(op)])
    at = scene_point(window, scene_pos)
    viewport = window.view.viewport()
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(viewport, QDragEnterEvent(at, *args))
    QApplication.sendEvent(viewport, QDragMoveEvent(at, *args))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(at), *args))


def _wire(qtbot, window, src: str, dst: str, dst_port: int) -> None:
    start = port_point(window, src, 0, output=True)
    drag(qtbot, window, start, port_point(window, dst, dst_port, output=False) + QPoint(4, 3))


def _type_value(qtbot, window, node_id: str, text: str) -> None:
    centre = window.scene.node_item(node_id).scenePos()
    qtbot.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=scene_point(window, (centre.x(), centre.y() + 12)),
    )
    assert window.inspector.node_id == node_id
    spin = window.inspector.editor.spin
    assert spin.isVisible()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def _numbers(window) -> dict[str, tuple[str, str]]:
    scene = window.scene
    out = {
        str(e): (scene.edge_item(e).value_label.text(), scene.edge_item(e).grad_label.text())
        for e in window.document.graph.edges
    }
    f = scene.node_item("mul1")
    out["f"] = (f.value_label.text(), f.grad_label.text())
    return out


EXPECTED = {
    "x1:0 → add1:0": ("-2", "-4"),
    "x2:0 → add1:1": ("5", "-4"),
    "add1:0 → mul1:0": ("3", "-4"),
    "x3:0 → mul1:1": ("-4", "3"),
    "f": ("-12", "1"),
}


def test_a_new_user_builds_reads_undoes_saves_and_reopens(qtbot, window, tmp_path):
    window.files.new()
    for op, pos in (
        ("add", (0, -40)),
        ("mul", (200, 40)),
        ("input", (-200, -100)),
        ("input", (-200, 20)),
        ("input", (-200, 140)),
    ):
        _drag_from_palette(window, op, pos)
    doc = window.document
    assert list(doc.graph.nodes) == ["add1", "mul1", "x1", "x2", "x3"]
    assert window.scene.node_item("mul1").problem == "input a is not connected"

    _wire(qtbot, window, "x1", "add1", 0)
    _wire(qtbot, window, "x2", "add1", 1)
    _wire(qtbot, window, "add1", "mul1", 0)
    _wire(qtbot, window, "x3", "mul1", 1)
    assert len(doc.graph.edges) == 4
    assert window.scene.node_item("mul1").problem is None

    for node_id, text in (("x1", "-2"), ("x2", "5"), ("x3", "-4")):
        _type_value(qtbot, window, node_id, text)
    assert _numbers(window) == EXPECTED
    assert window.inspector.value_text.text() == "-4"  # x3 is selected

    count = doc.undo_stack.count()
    assert count == 5 + 4 + 3  # one command per drop, wire and typed value
    window.menu_actions["undo"].trigger()  # z back to 0: f = 0, dq = 0
    assert _numbers(window)["f"] == ("0", "1")
    assert _numbers(window)["add1:0 → mul1:0"] == ("3", "0")
    window.menu_actions["redo"].trigger()
    assert _numbers(window) == EXPECTED

    path = tmp_path / "story.gflow"
    window.files.choose_save_path = lambda *a: str(path)
    window.menu_actions["save"].trigger()
    assert not window.isWindowModified()
    saved = dumps(doc.graph)
    window.files.new()
    assert window.scene.node_items() == []
    assert window.scene.edges() == []
    assert window.files.open_path(str(path))
    assert dumps(doc.graph) == saved
    assert _numbers(window) == EXPECTED
    assert window.windowTitle().startswith("story.gflow")
