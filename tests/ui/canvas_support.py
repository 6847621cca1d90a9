"""Helpers for GUI tests: where things are on screen, and real mouse gestures."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest


def port_point(window, node_id: str, port: int, output: bool) -> QPoint:
    """The viewport pixel of a port."""
    item = window.scene.node_item(node_id)
    ports = item.outputs if output else item.inputs
    return window.view.mapFromScene(ports[port].scene_anchor())


def scene_point(window, pos: tuple[float, float]) -> QPoint:
    """The viewport pixel of a scene position."""
    return window.view.mapFromScene(QPointF(*pos))


def drag(qtbot, window, start: QPoint, end: QPoint, steps: int = 6) -> None:
    """Press at `start`, move in steps to `end`, release there (left button)."""
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        QTest.mouseMove(viewport, p)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
