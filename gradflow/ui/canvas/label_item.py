"""ui: a number drawn on the canvas - a value above a wire or a gradient below it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem


class LabelItem(QGraphicsItem):
    """Text on a soft background pill, anchored by its bottom centre (above) or top centre.

    Geometry is computed when the text changes, never while painting.
    """

    PAD_X, PAD_Y = 4.0, 1.0

    def __init__(self, parent: QGraphicsItem | None, above: bool) -> None:
        super().__init__(parent)
        self.above = above
        self._text = ""
        self._font = QFont()
        self._pen = QPen(QColor("black"))
        self._bg = QColor("white")
        self._rect = QRectF()
        self._anchor = QPointF()
        self._gap, self._slope = 3.0, 0.0
        self.setZValue(3)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setVisible(False)

    def text(self) -> str:
        """The text shown ('' when hidden)."""
        return self._text if self.isVisible() else ""

    def set_style(self, font: QFont, color: QColor, background: QColor) -> None:
        """Font and colours."""
        self._font, self._pen, self._bg = font, QPen(color), background
        self._relayout()

    def set_text(self, text: str | None) -> None:
        """Show `text`, or hide the label for None."""
        self.setVisible(text is not None)
        if text is not None and text != self._text:
            self._text = text
            self._relayout()

    def _relayout(self) -> None:
        self.prepareGeometryChange()
        fm = QFontMetricsF(self._font)
        w = fm.horizontalAdvance(self._text) + 2 * self.PAD_X
        h = fm.height() + 2 * self.PAD_Y
        self._rect = QRectF(-w / 2, -h if self.above else 0.0, w, h)
        self._place()
        self.update()

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
