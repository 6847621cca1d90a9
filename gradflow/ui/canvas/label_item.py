"""ui: a number drawn on the canvas - a value above a wire or a gradient below it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gradflow.ui.canvas.labels import number_text

WIDEST = "2×2 [−0.1234, …]"  # the room a label reserves: any number or tensor preview


class LabelItem(QGraphicsItem):
    """Text on a soft background pill, anchored by its bottom centre (above) or top centre.

    The item's geometry is fixed by its font, so a new number never moves geometry: it
    only marks the label for repainting, and the text is formatted when it is painted (or
    asked for). A 1,000-wire canvas thus formats only the numbers in view.
    """

    PAD_X, PAD_Y = 4.0, 1.0

    def __init__(self, parent: QGraphicsItem | None, above: bool) -> None:
        super().__init__(parent)
        self.above = above
        self._text = ""
        self._source: np.ndarray | None = None  # the number, formatted only when needed
        self._stale = False
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._pen = QPen(QColor("black"))
        self._bg = QColor("white")
        self._rect = QRectF()
        self._pill = QRectF()
        self._slope = 0.0
        self._wanted, self._detail, self._host = False, True, True
        self.setZValue(3)
        self.setVisible(False)

    def text(self) -> str:
        """The text shown ('' when hidden); still given when zoomed too far out to draw."""
        return self._current() if self._wanted else ""

    def set_detail(self, on: bool) -> None:
        """Draw the label only at zoom levels where it can be read."""
        self._detail = on
        self._show()

    def set_host_visible(self, on: bool) -> None:
        """Follow the visibility of the wire or node the label belongs to."""
        self._host = on
        self._show()

    def set_style(self, font: QFont, color: QColor, background: QColor) -> None:
        """Font and colours (these fix the label's geometry)."""
        self._font, self._pen, self._bg = font, QPen(color), background
        self._metrics = QFontMetricsF(font)
        self._relayout()

    def _relayout(self) -> None:
        """The room reserved: the widest text, moved off the wire as far as its slope needs."""
        self.prepareGeometryChange()
        w = self._metrics.horizontalAdvance(WIDEST) + 2 * self.PAD_X
        h = self._metrics.height() + 2 * self.PAD_Y + self._shift(w)
        self._rect = QRectF(-w / 2, -h if self.above else 0.0, w, h)
        self._stale = True

    def _shift(self, width: float) -> float:
        """How far a pill of `width` must sit from the wire so its corner clears the slope."""
        return min(width / 2 * self._slope, 40.0)

    def set_text(self, text: str | None) -> None:
        """Show `text`, or hide the label for None."""
        self._wanted = text is not None
        if text is not None and (self._source is not None or text != self._text):
            self._source, self._text, self._stale = None, text, True
            self.update()
        self._show()

    def set_value(self, value: np.ndarray | None) -> None:
        """Show a number or tensor (formatted when drawn), or hide the label for None."""
        self._wanted = value is not None
        if value is not None and value is not self._source:
            self._source, self._stale = value, True
            self.update()
        self._show()

    def _show(self) -> None:
        visible = self._wanted and self._detail and self._host
        if visible != self.isVisible():
            self.setVisible(visible)

    def _current(self) -> str:
        if self._stale:
            text = number_text(self._source) if self._source is not None else self._text
            room = self._rect.width() - 2 * self.PAD_X
            self._text = self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            w = self._metrics.horizontalAdvance(self._text) + 2 * self.PAD_X
            h = self._metrics.height() + 2 * self.PAD_Y
            shift = self._shift(w)
            self._pill = QRectF(-w / 2, -h - shift if self.above else shift, w, h)
            self._stale = False
        return self._text

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        text = self._current()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._bg)
        painter.drawRoundedRect(self._pill, 4.0, 4.0)
        painter.setFont(self._font)
        painter.setPen(self._pen)
        painter.drawText(self._pill, Qt.AlignmentFlag.AlignCenter, text)

    def anchor_at(self, point: QPointF, gap: float, slope: float = 0.0) -> None:
        """Place the label `gap` above (or below) `point` on a line of gradient `slope`.

        On a steep wire the text moves further away, so its corner clears the wire.
        """
        if abs(slope) != self._slope:
            self._slope = abs(slope)
            self._relayout()
            self.update()
        self.setPos(point.x(), point.y() - gap if self.above else point.y() + gap)
