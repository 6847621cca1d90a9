"""ui: the canvas gestures - draw a wire from a port, move nodes, drop an op from the palette.

A part of the scene (composition, not a mixin). Gestures never change the document:
each one ends in an intent the scene turns into one document command - a WireIntent
(source port, target port, the wire pulled off, if any), an op dropped at a point, or
the nodes moved by a drag (recorded once, on release).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsSceneDragDropEvent, QGraphicsSceneMouseEvent

from gradflow.ui.canvas.port_item import PortItem
from gradflow.ui.canvas.style import GRID
from gradflow.ui.canvas.wire_drag import WireDrag

if TYPE_CHECKING:
    from gradflow.ui.canvas.scene import GraphScene

OP_MIME = "application/x-gradflow-op"
Positions = dict[str, tuple[float, float]]


class Gestures:
    """The scene's mouse and drag-and-drop handling; the scene forwards its events here."""

    def __init__(self, scene: GraphScene) -> None:
        self._scene = scene
        self._drag: WireDrag | None = None
        self._press_positions: Positions = {}
        self._grabbed: tuple[str, float, float] | None = None  # the node the mouse holds

    @property
    def moving_nodes(self) -> bool:
        """Whether selected nodes are being dragged (the mouse is down on them)."""
        return bool(self._press_positions)

    @property
    def wire_drag(self) -> WireDrag | None:
        """The wire being drawn, if any."""
        return self._drag

    # --- mouse: each returns True if it took the event -------------------------------------
    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        """A press on an output port starts a wire; on a wired input, pulls that wire off."""
        scene = self._scene
        port = next((i for i in scene.items(event.scenePos()) if isinstance(i, PortItem)), None)
        if port is not None and port.is_output:
            self._drag = WireDrag(scene, port)
            return True
        wire = None if port is None else scene.document.graph.in_edges(port.node_id)[port.index]
        if wire is not None:  # pull a wire off its input port, to move or remove it
            source = scene.node_item(wire.src).outputs[wire.src_port]
            self._drag = WireDrag(scene, source, detached=wire)
            return True
        return False

    def after_press(self) -> None:
        """The scene handled the press (selection): remember where the selected nodes were,
        and which one the mouse holds (selected nodes with no item follow its move)."""
        self._press_positions = {
            item.node_id: (item.pos().x(), item.pos().y())
            for item in self._scene.node_items()
            if item.isSelected()
        }
        grabbed = self._scene.mouseGrabberItem()
        node_id = getattr(grabbed, "node_id", None)
        self._grabbed = None
        if grabbed is not None and node_id in self._press_positions:
            self._grabbed = (node_id, *self._press_positions[node_id])

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Follow the mouse with the wire being drawn."""
        if self._drag is None:
            return False
        self._drag.move_to(event.scenePos())
        return True

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Finish the wire being drawn: its intent goes to the scene."""
        if self._drag is None:
            return False
        drag, self._drag = self._drag, None
        self._scene.apply_wire_intent(drag.finish(event.scenePos()))
        return True

    def after_release(self) -> None:
        """The scene handled the release: nodes that moved are recorded as one move."""
        scene = self._scene
        graph = scene.document.graph
        moved = {}
        for nid in self._press_positions:
            if nid in graph:
                pos = scene.node_item(nid).pos()
                moved[nid] = (pos.x(), pos.y())
        self._press_positions = {}
        moved.update(self._held_moves(moved))
        scene.apply_moves(moved)

    def _held_moves(self, moved: Positions) -> Positions:
        """Where the selected nodes with no item go: by the held node's move (a big
        graph's Select All selects them by id; Qt moved only the items)."""
        grabbed, self._grabbed = self._grabbed, None
        scene = self._scene
        held = scene.live.held.nodes
        if grabbed is None or grabbed[0] not in moved or not held:
            return {}
        node_id, x0, y0 = grabbed
        dx, dy = moved[node_id][0] - x0, moved[node_id][1] - y0
        if not (dx or dy):
            return {}
        nodes = scene.document.graph.nodes
        out: Positions = {}
        for nid in held:
            pos = nodes[nid].pos if nid in nodes and nid not in moved else None
            if pos is not None:
                p = scene.snapped(QPointF(pos[0] + dx, pos[1] + dy))
                out[nid] = (p.x(), p.y())
        return out

    # --- drag and drop from the palette ---------------------------------------------------
    def drag_move(self, event: QGraphicsSceneDragDropEvent) -> None:
        """Accept only ops from the palette."""
        event.setAccepted(event.mimeData().hasFormat(OP_MIME))

    def drop(self, event: QGraphicsSceneDragDropEvent) -> None:
        """An op dropped on the canvas becomes a node there (on the grid while it shows)."""
        if not event.mimeData().hasFormat(OP_MIME):
            event.ignore()
            return
        op = bytes(event.mimeData().data(OP_MIME).data()).decode()
        self._scene.apply_drop(op, self._scene.snapped(event.scenePos()))
        event.setDropAction(Qt.DropAction.CopyAction)  # never a move: the palette keeps its op
        event.accept()


def grid_brush(color: QColor) -> QBrush:
    """A brush tiling one soft dot every GRID scene units, dots on multiples of GRID."""
    tile = QPixmap(int(GRID * 2), int(GRID * 2))
    tile.setDevicePixelRatio(2.0)
    tile.fill(Qt.GlobalColor.transparent)
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(QPointF(GRID / 2, GRID / 2), 1.1, 1.1)
    painter.end()
    brush = QBrush(tile)
    brush.setTransform(QTransform.fromTranslate(-GRID / 2, -GRID / 2))
    return brush
