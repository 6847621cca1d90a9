"""ui: work that can wait until the window is on screen - run after a widget's first paint.

Start-up shows the window as soon as it can: a part whose work is not needed for the
first painted frame (the program bar's text, the minimap's picture) asks for it to run
once the canvas has painted. The frame is on screen by then; the work fills in a moment
later. A window already on screen runs the work at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def on_screen(widget: QWidget) -> bool:
    """Whether `widget`'s window has been shown on screen (exposed) already."""
    handle = widget.window().windowHandle()
    return handle is not None and handle.isExposed()


def after_first_paint(widget: QWidget, work: Callable[[], None]) -> None:
    """Run `work` now if `widget`'s window is on screen, else once `widget` has painted
    for the first time (after that paint, from the event loop)."""
    if on_screen(widget):
        work()
    else:
        _FirstPaint(widget, work)


class _FirstPaint(QObject):
    """Waits for one paint event of a widget, then runs `work` from a zero timer (which
    goes with the widget if the widget is deleted first)."""

    def __init__(self, widget: QWidget, work: Callable[[], None]) -> None:
        super().__init__(widget)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(work)
        self._timer.timeout.connect(self.deleteLater)
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._timer.isActive():
            obj.removeEventFilter(self)
            self._timer.start()  # runs after this paint has finished
        return False
