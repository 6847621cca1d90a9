"""ui: the dock registry - every dock of the main window, one DockSpec line each.

The window builds the docks in this order, adds each one's View ▸ Docks toggle (with its
shortcut), places it, and collects the menu entries it publishes. Adding a dock is one
module with a class taking a DockContext, plus one line in DOCKS (docs/architecture.md).

A dock that is not on screen when the window opens can name its content by a
"module:Class" path instead of a class: the window then makes only its frame (a
LazyDock: title, toggle, shortcut, place) and the content's module is imported and the
content built when the dock is first shown or asked for it - start-up pays nothing for
it (docs/performance.md section 6). Such a content cannot publish menu entries (they
must exist at start); its title is given in the spec.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QDockWidget

from gradflow.ui.dock_context import DockContext
from gradflow.ui.inspector import Inspector
from gradflow.ui.palette import Palette
from gradflow.ui.player.dock import PlayerDock
from gradflow.ui.program_bar import ProgramBar

Area = Qt.DockWidgetArea


@dataclass(frozen=True)
class DockSpec:
    """How the window shows one dock.

    name          the dock's objectName (saved window layouts refer to it)
    factory       builds the dock: usually the dock class itself, called with a DockContext;
                  or a "module:Class" path of a QWidget class (also called with the
                  DockContext): the dock's content, imported and built on first need (lazy)
    area          where it starts
    shortcut      the key of its View ▸ Docks toggle ("Ctrl+T"), if any
    visible       shown when the window first opens (a saved layout may override it)
    split_with    the name of a dock it sits beside (in the same area), if any
    tab_with      the name of a dock it shares a place with, as tabs (shown: raised)
    width         its starting width in pixels, if it matters
    presenting    kept visible in presentation mode (every other dock is hidden)
    title         a lazy dock's title (QT_TRANSLATE_NOOP in the content class's context)
    """

    name: str
    factory: Callable[[DockContext], QDockWidget] | str
    area: Qt.DockWidgetArea
    shortcut: str | None = None
    visible: bool = True
    split_with: str | None = None
    tab_with: str | None = None
    width: int | None = None
    presenting: bool = False
    title: str = ""

    @property
    def lazy(self) -> bool:
        """Whether only the frame is made at start (the content named by a path waits)."""
        return isinstance(self.factory, str)


DOCKS: list[DockSpec] = [
    DockSpec("program", ProgramBar, Area.TopDockWidgetArea),
    DockSpec("palette", Palette, Area.LeftDockWidgetArea, width=160),
    DockSpec("inspector", Inspector, Area.RightDockWidgetArea, width=250),
    DockSpec("player", PlayerDock, Area.BottomDockWidgetArea, presenting=True),
    DockSpec(
        # a tab beside the player, not a column: the window fits 1024 px with it open
        "training",
        "gradflow.ui.training.panel:TrainingPanel",  # hidden at start: built when shown
        Area.BottomDockWidgetArea,
        "Ctrl+T",
        False,
        tab_with="player",
        title=QT_TRANSLATE_NOOP("TrainingPanel", "Training"),  # type: ignore[arg-type]  # a NOOP text is a str
    ),
]
