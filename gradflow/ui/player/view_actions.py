"""ui: the player's View-menu actions - presentation mode and what the canvas shows.

Presentation mode (F5 or Ctrl+Shift+P; Esc leaves it) enlarges fonts and wires, hides
every dock but the player and restores them on exit; the canvas is fitted again each
way once the docks have made room. Three checkable actions show or hide values,
gradients and the gate explanations independently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

if TYPE_CHECKING:
    from gradflow.ui.main_window import MainWindow
    from gradflow.ui.player.dock import PlayerDock
    from gradflow.ui.player.driver import PlayerDriver

PRESENTATION_CAPTION_PT = 15.0
STATUS_MS = 6000
ENTER_MESSAGE = "Presentation mode: F5 or Esc to leave"


class PlayerViewActions(QObject):
    """Adds presentation mode and display toggles to `window.view_menu`."""

    def __init__(self, window: MainWindow, dock: PlayerDock, driver: PlayerDriver) -> None:
        super().__init__(window)
        self.window, self.dock, self.driver = window, dock, driver
        self._hidden: list[QDockWidget] = []
        menu = window.view_menu
        menu.addSeparator()
        self.presentation = QAction("&Presentation Mode", window)
        self.presentation.setObjectName("presentationMode")
        self.presentation.setCheckable(True)
        self.presentation.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+Shift+P")])
        self.presentation.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.presentation.toggled.connect(self.set_presentation)
        menu.addAction(self.presentation)
        window.addAction(self.presentation)  # the shortcut works with the menu bar hidden
        self.leave = QAction("Leave Presentation Mode", window)
        self.leave.setObjectName("leavePresentation")
        self.leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave.setEnabled(False)  # Esc is the canvas's own key outside presentation
        self.leave.triggered.connect(lambda: self.set_presentation(False))
        window.addAction(self.leave)
        self._fit_pending = False
        window.view.viewport().installEventFilter(self)
        # The window may already offer value/gradient toggles: share them, don't duplicate.
        existing = getattr(window, "menu_actions", {})
        self.show_values = self._toggle("Show &Values", "showValues", existing.get("values"))
        self.show_grads = self._toggle("Show &Gradients", "showGradients", existing.get("grads"))
        self.show_explanations = self._toggle("Show Gate &Explanations", "showExplanations")

    @property
    def in_presentation(self) -> bool:
        """Whether presentation mode is on."""
        return self.presentation.isChecked()

    def set_presentation(self, on: bool) -> None:
        """Enter or leave presentation mode."""
        if self.presentation.isChecked() != on:
            self.presentation.setChecked(on)  # re-enters through toggled
            return
        self.window.scene.set_presentation(on)
        self.leave.setEnabled(on)
        if on:
            docks = self.window.findChildren(QDockWidget)
            self._hidden = [d for d in docks if d is not self.dock and d.isVisible()]
            for d in self._hidden:
                d.hide()
            self.dock.show()
            self.dock.set_caption_point_size(PRESENTATION_CAPTION_PT)
            self.window.statusBar().showMessage(ENTER_MESSAGE, STATUS_MS)
        else:
            for d in self._hidden:
                d.show()
            self._hidden = []
            self.dock.set_caption_point_size(None)
            if self.window.statusBar().currentMessage() == ENTER_MESSAGE:
                self.window.statusBar().clearMessage()
        # Fit again once the docks have made (or taken back) room: the canvas was zoomed
        # for the other size, which left the graph off-centre or cut off.
        self._fit_pending = True
        QTimer.singleShot(0, self.window.view.fit)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._fit_pending and event.type() == QEvent.Type.Resize:
            self._fit_pending = False
            QTimer.singleShot(0, self.window.view.fit)  # once the new size is in place
        return False

    def _toggle(self, text: str, name: str, existing: QAction | None = None) -> QAction:
        if existing is not None and existing.isCheckable():
            existing.toggled.connect(self._on_display_toggled)
            return existing
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setCheckable(True)
        action.setChecked(True)
        action.toggled.connect(self._on_display_toggled)
        self.window.view_menu.addAction(action)
        return action

    def _on_display_toggled(self, _on: bool) -> None:
        self.driver.set_display(
            self.show_values.isChecked(),
            self.show_grads.isChecked(),
            self.show_explanations.isChecked(),
        )
