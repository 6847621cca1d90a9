"""ui: the canvas gestures - draw a wire from a port, move nodes, drop an op from the palette.

A mixin of GraphScene: each gesture ends in one GraphDocument call (one undo command);
a refused one emits the reason as `edit_refused`.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsSceneDragDropEvent, QGraphicsSceneMouseEvent

from gradflow.core.errors import GraphError
from gradflow.ui.canvas.port_item import PortItem
from gradflow.ui.canvas.style import GRID
from gradflow.ui.canvas.wire_drag import WireDrag

OP_MIME = "application/x-gradflow-op"


class SceneGestures:
    """Mouse and drag-and-drop handling for GraphScene (which provides the state used here)."""

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        port = next((i for i in self.items(event.scenePos()) if isinstance(i, PortItem)), None)
        if port is not None and port.is_output:
            self._drag = WireDrag(self, port)
            event.accept()
            return
        wire = None if port is None else self.document.graph.in_edges(port.node_id)[port.index]
        if wire is not None:  # pull a wire off its input port, to move or remove it
            source = self.node_item(wire.src).outputs[wire.src_port]
            self._drag = WireDrag(self, source, detached=wire)
            event.accept()
            return
        super().mousePressEvent(event)
        self._press_positions = {
            nid: (item.pos().x(), item.pos().y())
            for nid, item in self._nodes.items()
            if item.isSelected()
        }

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is not None:
            self._drag.move_to(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is not None:
            drag, self._drag = self._drag, None
            drag.finish(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        moved = {
            nid: (self._nodes[nid].pos().x(), self._nodes[nid].pos().y())
            for nid in self._press_positions
            if nid in self._nodes
        }
        self._press_positions = {}
        if moved:
            self.document.move_nodes(moved)
        if self._labels_dirty:
            self._label_timer.start()

    def dragEnterEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        event.setAccepted(event.mimeData().hasFormat(OP_MIME))

    def dragMoveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        event.setAccepted(event.mimeData().hasFormat(OP_MIME))

    def dropEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        if not event.mimeData().hasFormat(OP_MIME):
            event.ignore()
            return
        op = bytes(event.mimeData().data(OP_MIME).data()).decode()
        pos = self.snapped(event.scenePos())
        try:
            self.document.add_node(op, pos=(pos.x(), pos.y()))
        except GraphError as err:
            self.edit_refused.emit(str(err))
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
