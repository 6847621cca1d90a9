"""ui: LazyDock - a dock frame whose content is imported and built when it is first needed.

A dock the window does not show at start (the training dock) still needs its frame from
the start: its title, its View ▸ Docks toggle and shortcut, its place among the docks,
so that a saved layout can restore it and Ctrl+T can show it. Its content - and the
modules the content imports - need not exist until then. The registry names such a
content as a "module:Class" path (`DockSpec.lazy`); this frame imports the module and
calls `Class(ctx)` the first time it is shown (by its toggle, a saved layout, a key,
presentation mode ...) or asked for its content, and sets the result as its widget
before the frame is painted, so nothing flashes and the layout does not change.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QWidget

if TYPE_CHECKING:
    from gradflow.ui.dock_context import DockContext


def import_content(path: str) -> Callable[[DockContext], QWidget]:
    """The QWidget class a "package.module:Class" path names (its module imported now);
    it is called with the DockContext."""
    module, _, name = path.partition(":")
    found = getattr(importlib.import_module(module), name)
    if not (isinstance(found, type) and issubclass(found, QWidget)):
        raise TypeError(f"{path} is not a QWidget class")
    return cast("Callable[[DockContext], QWidget]", found)


class LazyDock(QDockWidget):
    """The frame of a dock whose content (a QWidget class named by `path`) waits.

    The title is translated in the content class's own context (`QT_TRANSLATE_NOOP(
    "Class", "Title")` in the registry), as the class would translate it itself.
    `content_built(QWidget)` is emitted once, after the content has become the widget.
    """

    content_built = Signal(QWidget)

    def __init__(self, path: str, title: str, ctx: DockContext) -> None:
        context = path.partition(":")[2]
        super().__init__(QCoreApplication.translate(context, title))
        self.path = path
        self._ctx = ctx
        self._content: QWidget | None = None

    def is_built(self) -> bool:
        """Whether the content exists yet."""
        return self._content is not None

    def content(self) -> QWidget:
        """The content, imported and built now if it was not yet."""
        if self._content is None:
            self._content = import_content(self.path)(self._ctx)
            self.setWidget(self._content)
            self.content_built.emit(self._content)
        return self._content

    def shutdown(self) -> None:
        """Let a built content end its work (the window is closing)."""
        stop = getattr(self._content, "shutdown", None)
        if callable(stop):
            stop()

    def setVisible(self, visible: bool) -> None:  # Qt override: built before it is shown
        if visible:
            self.content()
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override: (shown some other way)
        if self._content is None:
            self.content().show()
        super().showEvent(event)
