"""ui: the step-through player - dock, animation, explanations, keys, menu, View actions.

`install_player(window)` is the one entry point MainWindow calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from gradflow.ui.player.controller import PlayerController
from gradflow.ui.player.dock import PlayerDock
from gradflow.ui.player.driver import PlayerDriver
from gradflow.ui.player.keys import PlayerKeys
from gradflow.ui.player.menu import PlayerMenu
from gradflow.ui.player.view_actions import PlayerViewActions

if TYPE_CHECKING:
    from gradflow.ui.main_window import MainWindow

__all__ = ["PlayerController", "PlayerDock", "install_player"]


def install_player(window: MainWindow) -> PlayerDock:
    """Add the player dock to `window` with its keys and View-menu actions (once per window)."""
    existing = window.findChild(PlayerDock, "player")
    if existing is not None:
        return existing
    controller = PlayerController()
    dock = PlayerDock(controller, window)
    controller.setParent(dock)
    window.add_dock(dock, Qt.DockWidgetArea.BottomDockWidgetArea)
    dock.driver = PlayerDriver(window, dock, controller)
    dock.keys = PlayerKeys(window, controller)
    dock.view_actions = PlayerViewActions(window, dock, dock.driver)
    dock.menu = PlayerMenu(window, controller)
    return dock
