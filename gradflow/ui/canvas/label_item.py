"""ui: a number drawn on the canvas - a value above a wire or a gradient below it."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gradflow.ui.canvas.labels import number_text


class LabelItem(QGraphicsItem):
    """Text on a soft background pill, anchored by its bottom centre (above) or top centre.

    Geometry is computed when the text changes (or, for a hidden label, when it is shown
    again), never while painting.
    """

    PAD_X, PAD_Y = 4.0, 1.0

    def __init__(self, parent: QGraphicsItem | None, above: bool) -> None:
        super().__init__(parent)
        self.above = above
        self._text = ""
        self._source: np.ndarray | None = None  # the number, formatted only when needed
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._stale = False  # text or style changed while hidden: lay out when shown
        self._restyled = False
        self._pen = QPen(QColor("black"))
        self._bg = QColor("white")
        self._rect = QRectF()
        self._anchor = QPointF()
        self._gap, self._slope = 3.0, 0.0
        self.setZValue(3)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._wanted, self._detail = False, True
        self.setVisible(False)

    def text(self) -> str:
        """The text shown ('' when hidden); still given when zoomed too far out to draw."""
        if not self._wanted:
            return ""
        if self._stale and self._source is not None:
            self._text = number_text(self._source)
        return self._text

    def set_detail(self, on: bool) -> None:
        """Draw the label only at zoom levels where it can be read."""
        self._detail = on
        self._show()

    def set_style(self, font: QFont, color: QColor, background: QColor) -> None:
        """Font and colours."""
        self._font, self._pen, self._bg = font, QPen(color), background
        self._metrics = QFontMetricsF(font)
        self._stale = self._restyled = True
        self._show()

    def set_text(self, text: str | None) -> None:
        """Show `text`, or hide the label for None."""
        self._wanted = text is not None
        self._source = None
        if text is not None and text != self._text:
            self._text = text
            self._stale = True
        self._show()

    def set_value(self, value: np.ndarray | None) -> None:
        """Show a number or tensor (formatted when drawn), or hide the label for None.

        Formatting waits until the label is visible, so a zoomed-out 1,000-wire canvas
        pays nothing for numbers it cannot show.
        """
        self._wanted = value is not None
        if value is not None and value is not self._source:
            self._source = value
            self._stale = True
        self._show()

    def _show(self) -> None:
        visible = self._wanted and self._detail
        if visible and self._stale:
            self._relayout()
        if visible != self.isVisible():
            self.setVisible(visible)

    def _relayout(self) -> None:
        text = number_text(self._source) if self._source is not None else self._text
        self._stale = False
        changed, self._text = text != self._text, text
        # widths snap to a few pixels, so most new numbers keep the same geometry
        w = math.ceil((self._metrics.horizontalAdvance(text) + 2 * self.PAD_X) / 6) * 6
        h = self._metrics.height() + 2 * self.PAD_Y
        rect = QRectF(-w / 2, -h if self.above else 0.0, w, h)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
            self._place()
        elif changed or self._restyled:
            self.update()
        self._restyled = False

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._bg)
        painter.drawRoundedRect(self._rect, 4.0, 4.0)
        painter.setFont(self._font)
        painter.setPen(self._pen)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self._text)

    def anchor_at(self, point: QPointF, gap: float, slope: float = 0.0) -> None:
        """Place the label `gap` above (or below) `point` on a line of gradient `slope`.

        On a steep wire the label moves further away, so its corner clears the wire.
        """
        self._anchor, self._gap, self._slope = QPointF(point), gap, abs(slope)
        self._place()

    def _place(self) -> None:
        gap = self._gap + min(self._rect.width() / 2 * self._slope, 40.0)
        y = self._anchor.y() - gap if self.above else self._anchor.y() + gap
        self.setPos(self._anchor.x(), y)
