"""ui: wires - smooth cubic curves from an output port to an input port, with their numbers.

A wire is drawn through the waypoints core's router gave it (`wire_routes.py`), so after
an auto-layout no wire passes under a node; the curve itself is core's `wire_curve`.

The forward value is drawn above a wire's middle (green), the gradient below (red,
italic). A curve is recomputed only when an end moves. All wires are stroked by one
WireLayer in a single paint call; an EdgeItem paints itself only while selected, so a
1,000-wire graph does not cost 1,000 Python paint calls per frame (`wire_layer.py`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gradflow.core.graph import Edge
from gradflow.core.wire_curve import wire_curve
from gradflow.core.wire_route import Route
from gradflow.ui.canvas.label_item import LabelItem
from gradflow.ui.canvas.style import Metrics, Theme, font


def wire_path(start: QPointF, end: QPointF, waypoints: Route = ()) -> QPainterPath:
    """The curve core defines for a wire (`wire_curve`): without waypoints the usual
    S-curve leaving to the right and arriving from the left; with them, through them."""
    path = QPainterPath(start)
    for _, c1, c2, p in wire_curve((start.x(), start.y()), waypoints, (end.x(), end.y())):
        path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*p))
    return path


class EdgeItem(QGraphicsItem):
    """The wire for one Edge; `path()` runs from the source port to the target port."""

    def __init__(self, edge: Edge, theme: Theme, metrics: Metrics) -> None:
        super().__init__()
        self.edge = edge
        self._path = QPainterPath()
        self.waypoints: Route = ()  # what the router gave (core): drawn through, as given
        self._label_anchor = QPointF()
        self._spots: dict[float, tuple[QPointF, float]] = {}
        self.label_at = 0.5
        self._shape = QPainterPath()
        self._bounds = QRectF()
        # top-level items (the scene adds them), so numbers stay above the nodes they overlap
        self.value_label = LabelItem(None, above=True)
        self.grad_label = LabelItem(None, above=False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(0)
        self.apply_style(theme, metrics)

    def apply_style(self, theme: Theme, metrics: Metrics) -> None:
        """Theme colours and the width of the selected wire."""
        self._selected_pen = QPen(theme.selected, metrics.wire_width + 1.2)
        self.value_label.set_style(font(metrics.number_pt), theme.value, theme.label_bg)
        self.grad_label.set_style(font(metrics.number_pt, italic=True), theme.grad, theme.label_bg)
        self.update()

    def set_ends(
        self, start: QPointF, end: QPointF, label_at: float = 0.5, waypoints: Route = ()
    ) -> None:
        """Re-route the curve between two scene points through the router's `waypoints`;
        numbers sit at `label_at` along it."""
        self.prepareGeometryChange()
        self.waypoints = waypoints
        self._path = wire_path(start, end, waypoints)
        self._spots = {}
        stroker = QPainterPathStroker()
        stroker.setWidth(12.0)
        self._shape = stroker.createStroke(self._path)
        self._bounds = self._shape.boundingRect()
        self.place_labels(label_at)

    def place_labels(self, label_at: float) -> None:
        """Put the value and the gradient above and below the point `label_at` along the wire."""
        self.label_at = label_at
        mid, angle = self.spot(label_at)
        self._label_anchor = mid
        self.value_label.anchor_at(mid, angle)
        self.grad_label.anchor_at(mid, angle)

    def spot(self, t: float) -> tuple[QPointF, float]:
        """The point a fraction `t` along the wire and the wire's direction there (Qt
        degrees, counter-clockwise); remembered until the wire is re-routed."""
        found = self._spots.get(t)
        if found is None:
            found = self._spots[t] = (self._path.pointAtPercent(t), self._path.angleAtPercent(t))
        return found

    def set_numbers(self, value: np.ndarray | None, grad: np.ndarray | None) -> None:
        """The value shown above and the gradient below (None hides one)."""
        self.value_label.set_value(value)
        self.grad_label.set_value(grad)

    def path(self) -> QPainterPath:
        """The curve in scene coordinates, from source port to target port."""
        return QPainterPath(self._path)

    def labels(self) -> tuple[LabelItem, LabelItem]:
        """The value label (above) and the gradient label (below)."""
        return self.value_label, self.grad_label

    def label_anchor(self) -> QPointF:
        """The point of the wire the numbers sit above and below."""
        return QPointF(self._label_anchor)

    def curve(self) -> QPainterPath:
        """The curve itself (not a copy; do not change it)."""
        return self._path

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setPen(self._selected_pen)  # only called while selected
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, not value)
        elif change == QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged:
            for label in self.labels():
                label.set_host_visible(bool(value))
        return super().itemChange(change, value)
