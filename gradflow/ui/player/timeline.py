"""ui: the player's timeline - a slider over all steps, forward part green, backward red.

A thin vertical marker separates the forward from the backward phase, so a student sees
where the gradients start flowing; clicking anywhere on the groove jumps there.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSlider, QStyle, QWidget

from gradflow.ui.canvas.style import LIGHT

GROOVE_H = 6.0
HANDLE_R = 8.0


class TimelineSlider(QSlider):
    """A horizontal slider 0..length whose groove shows the forward/backward boundary."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("timeline")
        self._n_forward = 0
        self.setRange(0, 0)
        self.setPageStep(1)
        self.setMinimumHeight(int(2 * HANDLE_R + 14))
        self.setToolTip(self.tr("Timeline: forward steps (green) then backward steps (red)"))

    @property
    def n_forward(self) -> int:
        """Where the backward phase begins (a step count)."""
        return self._n_forward

    def set_steps(self, length: int, n_forward: int) -> None:
        """Show `length` steps, the first `n_forward` of them forward."""
        self._n_forward = max(0, min(n_forward, length))
        self.setRange(0, max(0, length))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, int(2 * HANDLE_R + 14))

    def x_of(self, k: int) -> float:
        """The x coordinate of step k on the groove."""
        left, right = HANDLE_R + 2, self.width() - HANDLE_R - 2
        span = max(1, self.maximum() - self.minimum())
        return left + (right - left) * (k - self.minimum()) / span

    def boundary_x(self) -> float:
        """The x coordinate of the marker between the forward and backward phases."""
        return self.x_of(self._n_forward)

    def _value_at(self, x: float) -> int:
        left, right = HANDLE_R + 2, self.width() - HANDLE_R - 2
        return QStyle.sliderValueFromPosition(
            self.minimum(), self.maximum(), round(x - left), max(1, round(right - left))
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.isEnabled():
            self.setSliderDown(True)
            self.setValue(self._value_at(event.position().x()))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.isSliderDown():
            self.setValue(self._value_at(event.position().x()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.isSliderDown():
            self.setSliderDown(False)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        mid_y = self.height() / 2
        x0, x1 = self.x_of(self.minimum()), self.x_of(self.maximum())
        xb, xv = self.boundary_x(), self.x_of(self.value())
        groove = QRectF(x0, mid_y - GROOVE_H / 2, x1 - x0, GROOVE_H)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.color(pal.ColorRole.Mid))
        p.drawRoundedRect(groove, GROOVE_H / 2, GROOVE_H / 2)
        # both phases faintly, then the part already played strongly
        parts = (
            (x0, xb, LIGHT.value, 60), (xb, x1, LIGHT.grad, 60),
            (x0, min(xv, xb), LIGHT.value, 210), (xb, xv, LIGHT.grad, 210),
        )  # fmt: skip
        for start, end, colour, alpha in parts:
            if end > start:
                tint = QColor(colour)
                tint.setAlpha(alpha if self.isEnabled() else alpha // 3)
                p.setBrush(tint)
                p.drawRoundedRect(QRectF(start, groove.top(), end - start, GROOVE_H), 3, 3)
        if 0 < self._n_forward < self.maximum():
            p.setPen(QPen(pal.color(pal.ColorRole.WindowText), 2))
            p.drawLine(QPointF(xb, mid_y - HANDLE_R), QPointF(xb, mid_y + HANDLE_R))
        colour = LIGHT.value if self.value() <= self._n_forward else LIGHT.grad
        p.setPen(QPen(pal.color(pal.ColorRole.Base), 2))
        p.setBrush(colour if self.isEnabled() else pal.color(pal.ColorRole.Mid))
        p.drawEllipse(QPointF(xv, mid_y), HANDLE_R - 1, HANDLE_R - 1)
        p.end()
