"""ui: a wire - a smooth cubic curve from an output port to an input port, with its numbers.

The forward value is drawn above the wire's middle (green), the gradient below (red,
italic). The curve is recomputed only when an end moves.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gradflow.core.graph import Edge
from gradflow.ui.canvas.label_item import LabelItem
from gradflow.ui.canvas.style import Metrics, Theme, font


def wire_path(start: QPointF, end: QPointF) -> QPainterPath:
    """The cubic curve every wire uses: leaves to the right, arrives from the left."""
    bend = max(40.0, abs(end.x() - start.x()) * 0.5)
    path = QPainterPath(start)
    path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
    return path


class EdgeItem(QGraphicsItem):
    """The wire for one Edge; `path()` runs from the source port to the target port."""

    def __init__(self, edge: Edge, theme: Theme, metrics: Metrics) -> None:
        super().__init__()
        self.edge = edge
        self._path = QPainterPath()
        self._shape = QPainterPath()
        self._bounds = QRectF()
        self.value_label = LabelItem(self, above=True)
        self.grad_label = LabelItem(self, above=False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0)
        self.apply_style(theme, metrics)

    def apply_style(self, theme: Theme, metrics: Metrics) -> None:
        """Theme colours and wire width."""
        self._pen = QPen(theme.wire, metrics.wire_width)
        self._pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self._selected_pen = QPen(theme.selected, metrics.wire_width + 1.2)
        self.value_label.set_style(font(metrics.number_pt), theme.value, theme.label_bg)
        self.grad_label.set_style(font(metrics.number_pt, italic=True), theme.grad, theme.label_bg)
        self.update()

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        """Re-route the curve between two scene points."""
        self.prepareGeometryChange()
        self._path = wire_path(start, end)
        stroker = QPainterPathStroker()
        stroker.setWidth(12.0)
        self._shape = stroker.createStroke(self._path)
        self._bounds = self._shape.boundingRect()
        mid = self._path.pointAtPercent(0.5)
        slope = math.tan(math.radians(self._path.angleAtPercent(0.5)))
        self.value_label.anchor_at(mid, 3.0, slope)
        self.grad_label.anchor_at(mid, 3.0, slope)

    def set_numbers(self, value: str | None, grad: str | None) -> None:
        """The value shown above and the gradient below (None hides one)."""
        self.value_label.set_text(value)
        self.grad_label.set_text(grad)

    def path(self) -> QPainterPath:
        """The curve in scene coordinates, from source port to target port."""
        return QPainterPath(self._path)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setPen(self._selected_pen if self.isSelected() else self._pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
