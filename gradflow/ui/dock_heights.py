"""ui: DockHeights - how the window's height is shared between the canvas and the docks.

Qt gives a newly shown bottom dock its size hint (the training dock asked for ~350 px,
leaving the canvas 174 px at 1024x700) and hands every later change of the window's
height to the canvas alone. Here, of the height the canvas and a bottom dock share,
the canvas keeps CANVAS_LEAST px or CANVAS_SHARE of it (whichever is more) and the dock
gets the rest, up to its size hint and BOTTOM_MOST, but never less than it needs to show
its body without scrolling (its minimum, if the window is too low even for that),
whenever a bottom dock is
shown or the window's height changes; in a short window the top docks (the program
bar) shrink to their minimum first. So at 1024x700 the canvas keeps ~300 px with the
training dock open, and at 1920x1080 the canvas gets the room while the dock keeps a
comfortable height. Dragging the separator still works until the next change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar

from gradflow.ui.dock_fit import ShortScroll

CANVAS_LEAST = 300  # the canvas keeps this much height when it can ...
CANVAS_SHARE = 0.55  # ... or this share of what it and a bottom dock have, if more
BOTTOM_MOST = 380  # a taller bottom dock only takes room from the canvas
SHORT = 820  # a window lower than this gets compact top docks

_AREA = Qt.DockWidgetArea


class DockHeights(QObject):
    """Watches `window`'s height and its bottom docks' visibility; shares the height."""

    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
        super().__init__(window)
        self.window = window
        self.docks = docks
        self._height = -1
        self.keep_once = False  # the first share after a saved layout is restored: skipped
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # once the layout has settled
        self._timer.timeout.connect(self.fit)
        self._grow = QTimer(self)  # a dock's body grew: make room for it, nothing else
        self._grow.setSingleShot(True)
        self._grow.setInterval(0)
        self._grow.timeout.connect(self.grow)
        window.installEventFilter(self)
        for dock in docks.values():
            dock.visibilityChanged.connect(self._on_dock_visibility_changed)
            dock.installEventFilter(self)  # its body's minimum changed (LayoutRequest)

    def _in(self, area: Qt.DockWidgetArea) -> list[QDockWidget]:
        return [
            d
            for d in self.docks.values()
            if d.isVisible() and not d.isFloating() and self.window.dockWidgetArea(d) == area
        ]

    def fit(self) -> None:
        """Share the height now (see the module docstring); the first time after a saved
        layout was restored (`keep_once`), keep the heights the user left."""
        window = self.window
        centre = window.centralWidget()
        if centre is None or not window.isVisible():
            return
        if self.keep_once:
            self.keep_once = False
            return
        top = self._in(_AREA.TopDockWidgetArea)
        if top and window.height() < SHORT:
            window.resizeDocks(
                top, [d.minimumSizeHint().height() for d in top], Qt.Orientation.Vertical
            )
        dock = self._shown_bottom()
        if dock is None:
            return
        shared = centre.height() + dock.height()
        canvas = max(CANVAS_LEAST, round(shared * CANVAS_SHARE))
        most = min(dock.sizeHint().height(), BOTTOM_MOST)
        height = max(_least_height(dock), min(most, shared - canvas))
        if abs(height - dock.height()) > 2:
            self._resize(dock, height)

    def grow(self) -> None:
        """A bottom dock too low to show its body without scrolling gets the height it
        needs, if the canvas keeps CANVAS_LEAST (a dock the user made taller stays)."""
        window, centre, dock = self.window, self.window.centralWidget(), self._shown_bottom()
        if centre is None or dock is None or not window.isVisible():
            return
        need = _least_height(dock) - dock.height()
        room = centre.height() - CANVAS_LEAST
        if need > 2 and room > 0:
            self._resize(dock, dock.height() + min(need, room))

    def _resize(self, dock: QDockWidget, height: int) -> None:
        """Make `dock` `height` px tall. Of tabbed docks Qt sizes the place they share,
        tab bar included: the tab bar's height is added."""
        tabs = [
            bar
            for bar in self.window.findChildren(QTabBar)
            if bar.parent() is self.window
            and bar.isVisible()
            and dock.windowTitle() in (bar.tabText(i) for i in range(bar.count()))
        ]
        extra = tabs[0].height() if tabs else 0
        self.window.resizeDocks([dock], [height + extra], Qt.Orientation.Vertical)

    def _shown_bottom(self) -> QDockWidget | None:
        """The bottom dock on screen (of tabbed docks, the one in front), if any."""
        shown = [d for d in self._in(_AREA.BottomDockWidgetArea) if not d.visibleRegion().isNull()]
        return shown[0] if shown else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.LayoutRequest and watched is not self.window:
            self._grow.start()
        elif watched is self.window and event.type() == QEvent.Type.Resize:
            height = self.window.height()
            if height != self._height:
                self._height = height
                self._timer.start()
        return False

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self._timer.start()


def _least_height(dock: QDockWidget) -> int:
    """The height `dock` shows its body in without scrolling it (a ShortScroll body's own
    minimum, with the dock's title and frame), or its minimum height otherwise."""
    least = dock.minimumSizeHint().height()
    scroll = dock.widget()
    body = scroll.widget() if isinstance(scroll, ShortScroll) else None
    if isinstance(scroll, ShortScroll) and body is not None:
        chrome = dock.height() - scroll.viewport().height()
        least = max(least, body.minimumSizeHint().height() + chrome)
    return least
