"""ui: OutlinedIndicators - check boxes and radio buttons that show on a dark window.

Qt's Fusion style draws a check box's square in the base colour with an outline darker
than the window, which on the dark theme's window leaves an unchecked box all but
invisible (the Output node box, Copy gates, a run's tick in the run list). This proxy of
the application's style draws every indicator as the style does and, on a dark palette,
adds an outline in the palette's placeholder-text grey; on a light palette it changes
nothing. `install_outlined_indicators()` sets it on the application once.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

PE = QStyle.PrimitiveElement
BOXES = (PE.PE_IndicatorCheckBox, PE.PE_IndicatorItemViewItemCheck)
DARK = 128  # a window colour darker than this is a dark palette


def is_dark(palette: QPalette) -> bool:
    """Whether `palette` is a dark one (its window colour is dark)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < DARK


class OutlinedIndicators(QProxyStyle):
    """The application's style, with an outline round check boxes and radio buttons on
    a dark palette."""

    def drawPrimitive(  # Qt override
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Draw as the style does, then outline an indicator if the palette is dark."""
        super().drawPrimitive(element, option, painter, widget)
        round_ = element == PE.PE_IndicatorRadioButton
        if not (round_ or element in BOXES) or not is_dark(option.palette):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.PlaceholderText), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if round_:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.restore()


_installed: list[OutlinedIndicators] = []  # kept alive with the application


def install_outlined_indicators() -> None:
    """Wrap the application's style in OutlinedIndicators (once, before any window's
    palette is taken: a new style resets the application's palette)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), OutlinedIndicators):
        _installed.append(OutlinedIndicators())
        app.setStyle(_installed[-1])
