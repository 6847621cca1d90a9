"""ui: a port on a node - inputs on the left, outputs on the right; wires start and end here.

The node draws its ports' circles in its own (cached) picture; a port item paints only
while it is lit (hovered, or the snap target of a wire being drawn), so a big graph does
not pay one paint call per port per frame.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHoverEvent, QStyleOptionGraphicsItem

from gradflow.ui.canvas.style import PORT_RADIUS, Theme

_HIT = PORT_RADIUS + 5.0  # a little larger than drawn, so ports are easy to grab


class PortItem(QGraphicsItem):
    """Input port `index` (is_output False) or output port `index` of node `node_id`."""

    def __init__(
        self, parent: QGraphicsItem, node_id: str, index: int, is_output: bool, name: str
    ) -> None:
        super().__init__(parent)
        self.node_id, self.index, self.is_output = node_id, index, is_output
        self._hover = False
        self._highlight = False
        self._pen = QPen()
        self._brush = QBrush()
        self._hover_brush = QBrush()
        self.setAcceptHoverEvents(True)
        self.setToolTip(name)
        self.setZValue(2)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def set_theme(self, theme: Theme, fill: QBrush) -> None:
        """Colours from the theme (kept, so painting allocates nothing)."""
        self._pen = QPen(theme.port, 1.6)
        self._brush = fill
        self._hover_brush = QBrush(theme.port_hover)
        self.update()

    def set_highlight(self, on: bool) -> None:
        """Mark this port as the snap target of a wire being drawn."""
        if on != self._highlight:
            self._highlight = on
            self._relight()

    def scene_anchor(self) -> QPointF:
        """Where a wire attaches, in scene coordinates."""
        return self.scenePos()

    def boundingRect(self) -> QRectF:
        return QRectF(-_HIT, -_HIT, 2 * _HIT, 2 * _HIT)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setPen(self._pen)
        painter.setBrush(self._hover_brush)
        painter.drawEllipse(QPointF(0, 0), PORT_RADIUS + 2.0, PORT_RADIUS + 2.0)

    def _relight(self) -> None:
        lit = self._hover or self._highlight
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, not lit)
        self.update()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = True
        self._relight()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = False
        self._relight()
        super().hoverLeaveEvent(event)
