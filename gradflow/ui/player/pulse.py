"""ui: the animation's canvas items - a glowing pulse that carries a number along a wire,
and a small tag near a node (the gathered sum of a fan-out, where max routes).

They are the player's own overlay items: added for one step, removed after it, never
part of the document.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QRadialGradient,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

GLOW_R = 11.0
CORE_R = 4.5
Z_OVERLAY = 20.0
PILL = QColor(255, 255, 255)  # the number's background; the theme passes its own


def _opaque(colour: QColor) -> QColor:
    c = QColor(colour)
    c.setAlpha(max(c.alpha(), 235))
    return c


def _pill(text: str, font: QFont) -> QRectF:
    fm = QFontMetricsF(font)
    return QRectF(0, 0, fm.horizontalAdvance(text) + 10, fm.height() + 4)


class PulseItem(QGraphicsItem):
    """A dot that travels along `path` (scene coordinates) carrying `text`.

    `set_progress(t)` places it at path.pointAtPercent(t); the text rides above the dot
    for a forward value and below it for a gradient, like the numbers on wires.
    """

    def __init__(
        self,
        path: QPainterPath,
        text: str,
        colour: QColor,
        font: QFont,
        above: bool,
        dim: bool = False,
        background: QColor = PILL,
    ) -> None:
        super().__init__()
        self._path = path
        self.text = text
        self._colour = QColor(colour)
        if dim:
            self._colour.setAlpha(110)
        self._font = font
        self._background = _opaque(background)
        box = _pill(text, font)
        gap = GLOW_R * 0.6
        box.moveCenter(QPointF(0, -gap - box.height() / 2 if above else gap + box.height() / 2))
        self._box = box
        self._bounds = box.united(QRectF(-GLOW_R, -GLOW_R, 2 * GLOW_R, 2 * GLOW_R)).adjusted(
            -1, -1, 1, 1
        )
        self.progress = 0.0
        self.setZValue(Z_OVERLAY)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_progress(self, t: float) -> None:
        """Move to fraction t (0 = source port, 1 = target port) of the wire."""
        self.progress = float(t)
        self.setPos(self._path.pointAtPercent(min(1.0, max(0.0, self.progress))))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        glow = QRadialGradient(QPointF(0, 0), GLOW_R)
        inner, outer = QColor(self._colour), QColor(self._colour)
        inner.setAlpha(min(200, self._colour.alpha()))
        outer.setAlpha(0)
        glow.setColorAt(0.0, inner)
        glow.setColorAt(1.0, outer)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(glow))
        painter.drawEllipse(QPointF(0, 0), GLOW_R, GLOW_R)
        painter.setBrush(self._colour)
        painter.drawEllipse(QPointF(0, 0), CORE_R, CORE_R)
        painter.setBrush(self._background)
        painter.setPen(QPen(self._colour, 1.2))
        painter.drawRoundedRect(self._box, 4, 4)
        painter.setFont(self._font)
        painter.setPen(self._colour)
        painter.drawText(self._box, Qt.AlignmentFlag.AlignCenter, self.text)


class TagItem(QGraphicsItem):
    """A small boxed note anchored above a node: 'Σ = -12 + (-10) = -22', 'routes to z'."""

    def __init__(self, text: str, colour: QColor, font: QFont, background: QColor = PILL) -> None:
        super().__init__()
        self.text = text
        self._colour = QColor(colour)
        self._background = _opaque(background)
        self._font = font
        self._box = _pill(text, font).adjusted(0, 0, 4, 2)
        self._box.moveCenter(QPointF(0, -self._box.height() / 2))
        self.setZValue(Z_OVERLAY)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self._box.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(self._colour)
        fill.setAlpha(30)
        painter.setBrush(self._background)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(self._box, 5, 5)
        painter.setBrush(fill)
        painter.setPen(QPen(self._colour, 1.4))
        painter.drawRoundedRect(self._box, 5, 5)
        painter.setFont(self._font)
        painter.drawText(self._box, Qt.AlignmentFlag.AlignCenter, self.text)
