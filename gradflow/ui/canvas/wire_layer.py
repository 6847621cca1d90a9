"""ui: WireLayer - every wire of the scene stroked by one item, kept as a picture in a view.

One paint call strokes all wires (an EdgeItem paints itself only while selected). In a
view the wires in view are stroked once into a viewport-sized picture, and each paint
blits it: numbers that change over the wires cost no stroking. The picture is made
again after a zoom, a resize or a change to a wire; a scroll shifts it and strokes only
the strip that came into view, exactly as a fresh picture would have it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPixmap, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gradflow.core.graph import Edge
from gradflow.ui.canvas.edge_item import EdgeItem
from gradflow.ui.canvas.style import Metrics, Theme

PAD = 4.0  # scene units around what is painted: antialiased pixels reach past a curve


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
        self._picture: QPixmap | None = None  # the wires in view, in the view's pixels
        self._picture_key: tuple[object, ...] = ()  # size, pixel ratio, hints, one path
        self._picture_transform = QTransform()
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
        if not isinstance(widget, QWidget) or painter.device() is not widget:  # export, render
            exposed = option.exposedRect.adjusted(-PAD, -PAD, PAD, PAD)
            self._stroke(painter, exposed, exposed.contains(self._bounds))
            return
        picture = self._picture_for(painter, widget)
        painter.save()
        painter.resetTransform()  # the picture is in the view's pixels
        painter.drawPixmap(0, 0, picture)
        painter.restore()

    def _picture_for(self, painter: QPainter, widget: QWidget) -> QPixmap:
        """The wires in `widget` as the painter would stroke them."""
        transform = painter.worldTransform()
        dpr = widget.devicePixelRatioF()
        hints = painter.renderHints()
        view = widget.rect()
        old = self._picture
        same = (view.size(), dpr, hints) == self._picture_key[:3]
        if old is not None and same and transform == self._picture_transform:
            return old
        inverse = transform.inverted()[0]
        shown = inverse.mapRect(QRectF(view)).adjusted(-PAD, -PAD, PAD, PAD)
        whole = shown.contains(self._bounds)  # all wires in view: one path, stroked once
        key = (view.size(), dpr, hints, whole)
        shift = _shift(self._picture_transform, transform, dpr)
        picture = QPixmap(QSize(math.ceil(view.width() * dpr), math.ceil(view.height() * dpr)))
        picture.setDevicePixelRatio(dpr)
        picture.fill(Qt.GlobalColor.transparent)
        p = QPainter(picture)
        if old is None or key != self._picture_key or shift is None:  # all afresh
            strips = [view]
        else:  # scrolled: keep what stays in view, stroke what came into view
            p.drawPixmap(shift[0], shift[1], old)
            # a QRegion iterates over its rectangles (the stub does not say so)
            strips = list(QRegion(view) - QRegion(view.translated(*shift)))  # type: ignore[call-overload]
        p.setRenderHints(hints)
        for strip in strips:
            p.resetTransform()
            p.setClipRect(strip)
            p.setWorldTransform(transform)
            box = inverse.mapRect(QRectF(strip)).adjusted(-PAD, -PAD, PAD, PAD)
            self._stroke(p, box, whole)
        p.end()
        self._picture, self._picture_key, self._picture_transform = picture, key, transform
        return picture

    def _stroke(self, painter: QPainter, box: QRectF, whole: bool) -> None:
        """Stroke all wires as one path (`whole`), else each wire that meets `box`."""
        painter.setPen(self._pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if whole:
            painter.drawPath(self._path)
            return
        for bounds, curve in self._parts:  # zoomed in: stroke only the wires in view
            if bounds.intersects(box):
                painter.drawPath(curve)


def _shift(old: QTransform, new: QTransform, dpr: float) -> tuple[int, int] | None:
    """How many whole pixels `new` moves the picture of `old` by (None: not a shift)."""
    if (old.m11(), old.m12(), old.m21(), old.m22()) != (new.m11(), new.m12(), new.m21(), new.m22()):
        return None
    if old.isAffine() != new.isAffine() or not new.isAffine():
        return None
    dx, dy = new.dx() - old.dx(), new.dy() - old.dy()
    if any(v != round(v) for v in (dx, dy, dx * dpr, dy * dpr)):
        return None
    return int(dx), int(dy)
