"""The Qt wheel itself works: thousands of QPainter calls on an image (PySide6 6.12.0 on
Python 3.11 aborts the interpreter after a few hundred calls that return nothing)."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen


def test_thousands_of_painter_calls_draw_what_was_asked(qtbot):
    image = QImage(200, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    pen = QPen(QColor(200, 0, 0))
    pen.setWidthF(1.0)
    for i in range(5000):  # every call below returns None: the crash was a leaked None ref
        painter.setPen(pen)
        painter.drawLine(QLineF(QPointF(i % 200, 0), QPointF(i % 200, 49)))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.end()
    assert image.pixelColor(10, 20) == QColor(200, 0, 0)
    assert image.pixelColor(10, 80) == QColor("white")
