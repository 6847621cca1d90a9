"""ui: wires - smooth cubic curves from an output port to an input port, with their numbers.

The forward value is drawn above a wire's middle (green), the gradient below (red,
italic). A curve is recomputed only when an end moves. All wires are stroked by one
WireLayer in a single paint call; an EdgeItem paints itself only while selected, so a
1,000-wire graph does not cost 1,000 Python paint calls per frame. In a view the layer
keeps the wires in view as a picture, so repainting numbers over them costs a blit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

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
        self._label_anchor = QPointF()
        self._spots = {}
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

    def set_ends(self, start: QPointF, end: QPointF, label_at: float = 0.5) -> None:
        """Re-route the curve between two scene points; numbers sit at `label_at` along it."""
        self.prepareGeometryChange()
        self._path = wire_path(start, end)
        self._spots: dict[float, tuple[QPointF, float]] = {}
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


class WireLayer(QGraphicsItem):
    """Every wire of the scene stroked as one path (rebuilt lazily after a wire moves)."""

    def __init__(self, edges: Mapping[Edge, EdgeItem], theme: Theme, metrics: Metrics) -> None:
        super().__init__()
        self._edges = edges
        self._subset: list[Edge] | None = None
        self._path = QPainterPath()
        self._bounds = QRectF()
        self._dirty = False
        self._parts: list[tuple[QRectF, QPainterPath]] = []
        self.setZValue(-1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        # the wires in view, stroked once into a viewport-sized picture: new numbers are
        # repainted over a blit of it instead of re-stroking the wires under them
        self._picture: QPixmap | None = None
        self._picture_key: tuple[object, ...] = ()
        self.apply_style(theme, metrics)

    def apply_style(self, theme: Theme, metrics: Metrics) -> None:
        """Wire colour and width."""
        self._pen = QPen(theme.wire, metrics.wire_width)
        self._pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.invalidate()

    def invalidate(self) -> None:
        """A wire was added, removed or re-routed: rebuild before the next paint."""
        if not self._dirty:
            self.prepareGeometryChange()
            self._dirty = True
        self._picture = None
        self.update()

    def set_subset(self, edges: list[Edge] | None) -> None:
        """Draw only these wires (an export of the selection), or all for None."""
        self._subset = edges
        self.invalidate()

    def _rebuild(self) -> None:
        path = QPainterPath()
        edges = self._edges if self._subset is None else self._subset
        self._parts = []
        w = self._pen.widthF()
        for edge in edges:
            item = self._edges.get(edge)
            if item is not None:
                path.addPath(item.curve())
                # padded: a level wire's own bounding box has no height and meets nothing
                box = item.curve().boundingRect().adjusted(-w, -w, w, w)
                self._parts.append((box, item.curve()))
        self._path = path
        self._bounds = QRectF() if path.isEmpty() else path.boundingRect().adjusted(-w, -w, w, w)
        self._dirty = False

    def boundingRect(self) -> QRectF:
        if self._dirty:
            self._rebuild()
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if self._dirty:
            self._rebuild()
        if widget is None:  # scene.render (an export, a headless render): vector strokes
            self._stroke(painter, option.exposedRect)
            return
        picture = self._picture_for(painter, widget)
        painter.save()
        painter.resetTransform()  # the picture is in the view's pixels
        painter.drawPixmap(0, 0, picture)
        painter.restore()

    def _picture_for(self, painter: QPainter, widget: QWidget) -> QPixmap:
        """The wires in `widget` as the painter would stroke them, made again only after
        a zoom, a scroll, a resize or a change to a wire."""
        transform = painter.worldTransform()
        dpr = widget.devicePixelRatioF()
        hints = painter.renderHints()
        key = (transform, widget.width(), widget.height(), dpr, hints)
        if self._picture is None or key != self._picture_key:
            size = QSize(math.ceil(widget.width() * dpr), math.ceil(widget.height() * dpr))
            picture = QPixmap(size)
            picture.setDevicePixelRatio(dpr)
            picture.fill(Qt.GlobalColor.transparent)
            p = QPainter(picture)
            p.setRenderHints(hints)
            p.setWorldTransform(transform)
            self._stroke(p, transform.inverted()[0].mapRect(QRectF(widget.rect())))
            p.end()
            self._picture, self._picture_key = picture, key
        return self._picture

    def _stroke(self, painter: QPainter, exposed: QRectF) -> None:
        """Stroke the wires that may show in `exposed` (item coordinates)."""
        painter.setPen(self._pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        exposed = exposed.adjusted(-4, -4, 4, 4)
        if exposed.contains(self._bounds):
            painter.drawPath(self._path)
            return
        for bounds, curve in self._parts:  # zoomed in: stroke only the wires in view
            if bounds.intersects(exposed):
                painter.drawPath(curve)
