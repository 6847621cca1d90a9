"""ui: op icons drawn with QPainter from the op symbol - no image files needed."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QIcon, QPainter, QPixmap

from gradflow.core.ops import Op
from gradflow.ui.canvas.style import font

_CATEGORY_COLORS = {
    "inputs": "#2f6fde",
    "gates": "#6b7280",
    "activations": "#8b5cf6",
    "tensor ops": "#0f9488",
    "losses": "#e8590c",
}


def category_color(category: str) -> QColor:
    """The accent colour of an op category (shared by palette icons and node cards)."""
    return QColor(_CATEGORY_COLORS.get(category, "#6b7280"))


def display_symbol(op: Op) -> str:
    """The op's symbol if the canvas font can draw every character of it, else its name."""
    metrics = QFontMetricsF(font(12.0))
    return op.symbol if all(metrics.inFontUcs4(ord(c)) for c in op.symbol) else op.name


def fitted_font(symbol: str, size: int) -> QFont:
    """The largest bold font (up to half the icon) in which `symbol` fits the icon.

    Long symbols ('copy', 'tanh') shrink only as much as they must, so they stay legible.
    """
    points = size * 0.5 * 0.75
    room = size * 0.84
    while True:
        f = font(points, bold=True)
        if points <= 5.0 or QFontMetricsF(f).horizontalAdvance(symbol) <= room:
            return f
        points -= 0.25


@cache
def _pixmap(symbol: str, category: str, size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(category_color(category))
    rect = QRectF(1, 1, size - 2, size - 2)
    painter.drawRoundedRect(rect, size * 0.22, size * 0.22)
    painter.setPen(QColor("white"))
    painter.setFont(fitted_font(symbol, size))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, symbol)
    painter.end()
    return pix


def op_icon(op: Op, size: int = 32) -> QIcon:
    """An icon for `op`: its symbol in white on its category colour."""
    return QIcon(_pixmap(display_symbol(op), op.category, size))
