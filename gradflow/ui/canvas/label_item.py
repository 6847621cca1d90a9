"""ui: a number drawn on the canvas - a value above a wire or a gradient below it."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gradflow.ui.canvas.labels import number_text

WIDEST = "2×2 [−0.1234, …]"  # the room a label reserves: any number or tensor preview
GAP = 3.0  # between a wire and the nearest edge of its labels


def upper_normal(angle: float) -> QPointF:
    """The unit normal on the upper side of a wire whose tangent has Qt angle `angle`.

    Qt angles are degrees counter-clockwise from 3 o'clock, on a y-down canvas. On a
    level wire this is straight up; on a steep one it points sideways.
    """
    a = math.radians(angle)
    nx, ny = -math.sin(a), -math.cos(a)
    return QPointF(nx, ny) if ny <= 0 else QPointF(-nx, -ny)


def pill_centre(normal: QPointF, half_width: float, half_height: float, above: bool) -> QPointF:
    """Where a pill of that size sits so its edge is GAP away from the wire along `normal`."""
    reach = GAP + abs(normal.x()) * half_width + abs(normal.y()) * half_height
    return normal * (reach if above else -reach)


class LabelItem(QGraphicsItem):
    """Text on a soft background pill, set off a wire perpendicular to it (above or below).

    The item sits on the wire point; its bounding box is fixed by its font and the wire's
    direction, so a new number never moves geometry: it only marks the label for
    repainting, and the text is formatted when painted (or asked for). A 1,000-wire canvas
    thus formats only the numbers in view.
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
        self._normal = QPointF(0.0, -1.0)
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

    def anchor_at(self, point: QPointF, angle: float = 0.0) -> None:
        """Sit on `point` of a wire whose tangent there has Qt angle `angle` (degrees)."""
        normal = upper_normal(angle)
        if normal != self._normal:
            self._normal = normal
            self._relayout()
            self.update()
        self.setPos(point)

    def _relayout(self) -> None:
        """The room reserved: a pill of any width up to the widest text, off the wire."""
        self.prepareGeometryChange()
        hh = self._metrics.height() / 2 + self.PAD_Y
        rect = QRectF()
        for hw in (self.PAD_X + 4, self._metrics.horizontalAdvance(WIDEST) / 2 + self.PAD_X):
            c = pill_centre(self._normal, hw, hh, self.above)
            rect = rect.united(QRectF(c.x() - hw, c.y() - hh, 2 * hw, 2 * hh))
        self._rect = rect
        self._stale = True

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
            room = self._metrics.horizontalAdvance(WIDEST)
            self._text = self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            hw = self._metrics.horizontalAdvance(self._text) / 2 + self.PAD_X
            hh = self._metrics.height() / 2 + self.PAD_Y
            c = pill_centre(self._normal, hw, hh, self.above)
            self._pill = QRectF(c.x() - hw, c.y() - hh, 2 * hw, 2 * hh)
            self._stale = False
        return self._text

    def text_rect(self) -> QRectF:
        """Where the text's pill is drawn, in scene coordinates."""
        self._current()
        return self.mapRectToScene(self._pill)

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
