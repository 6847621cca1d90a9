"""ui: docks that fit a small window - a tall dock's body scrolls instead of forcing the
window taller.

The training dock's controls and four plots need about 420 px; with the program bar,
the canvas and the status bar that made the window at least 723 px tall, so at 1024x700
it was cut off at the bottom. `scrolling(body)` puts a dock's body in a scroll area that
asks for little height: when the dock has room the body fills it as before,
when it is short the body keeps its own minimum size and scrolls up and down.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

LEAST_HEIGHT = 120  # the height a scrolling dock asks for at least


class ShortScroll(QScrollArea):
    """A scroll area that asks for little height; its body fills it, but never gets less
    than the body's own minimum size (then it scrolls up and down).

    Qt's own `widgetResizable` would give a body whose layout has a height-for-width (any
    word-wrapped label) its preferred height, much taller than needed, so the body is
    sized here from its minimum instead.
    """

    def setWidget(self, widget: QWidget) -> None:
        """Show `widget`, refitted whenever its layout changes."""
        super().setWidget(widget)
        widget.installEventFilter(self)
        self._fit_body()

    def minimumSizeHint(self) -> QSize:
        """As wide as the body needs, LEAST_HEIGHT tall."""
        body = self.widget()
        width = body.minimumSizeHint().width() if body is not None else 0
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(width + bar + 2 * self.frameWidth(), LEAST_HEIGHT)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The body's layout changed (say, the plots were built): refit it."""
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_body()
            self.updateGeometry()  # the dock (and the window's DockHeights) hear of it
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new size: the body fills it (at least its minimum)."""
        super().resizeEvent(event)
        self._fit_body()

    def _fit_body(self) -> None:
        body = self.widget()
        if body is None:
            return
        port, least = self.viewport().size(), body.minimumSizeHint()
        size = QSize(max(port.width(), least.width()), max(port.height(), least.height()))
        if body.size() != size:
            body.resize(size)


def scrolling(body: QWidget, name: str = "") -> ShortScroll:
    """`body` in a ShortScroll (up and down only), to be a dock's widget."""
    scroll = ShortScroll()
    scroll.setObjectName(name)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    return scroll
