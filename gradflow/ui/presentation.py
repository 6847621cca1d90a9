"""ui: presentation mode - F5 or Ctrl+Shift+P (Esc leaves): big numbers, only the player.

It sets the workspace's `presentation` display option (the canvas enlarges its fonts
and wires, the player its caption) and hides every dock not registered as `presenting`,
showing them again on the way out. The canvas is fitted again each way once the docks
have made (or taken back) room: it was zoomed for the other size.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from gradflow.ui.actions import MenuEntry
from gradflow.ui.canvas.view import GraphView
from gradflow.ui.services import WindowServices
from gradflow.ui.workspace import DisplayOptions, Workspace

STATUS_MS = 6000


class Presentation(QObject):
    """Presentation mode of one window; `kept` are the docks that stay visible."""

    def __init__(
        self,
        workspace: Workspace,
        window: QMainWindow,
        view: GraphView,
        services: WindowServices,
        kept: Sequence[QDockWidget],
    ) -> None:
        super().__init__(window)
        self._workspace, self._window, self._view = workspace, window, view
        self._services, self._kept = services, list(kept)
        self._hidden: list[QDockWidget] = []
        self.enter_message = self.tr("Presentation mode: F5 or Esc to leave")
        self.presentation = QAction(self.tr("&Presentation Mode"), window)
        self.presentation.setObjectName("presentationMode")
        self.presentation.setCheckable(True)
        self.presentation.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+Shift+P")])
        self.presentation.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.presentation.toggled.connect(self.set_presentation)
        window.addAction(self.presentation)  # the shortcut works with the menu bar hidden
        self.leave = QAction(self.tr("Leave Presentation Mode"), window)
        self.leave.setObjectName("leavePresentation")
        self.leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave.setEnabled(False)  # Esc is the canvas's own key outside presentation
        self.leave.triggered.connect(lambda: self.set_presentation(False))
        window.addAction(self.leave)
        self._fit_pending = False
        view.viewport().installEventFilter(self)
        workspace.display_changed.connect(self._on_workspace_display_changed)

    def menu_entries(self) -> list[MenuEntry]:
        """Presentation mode in the View menu."""
        return [MenuEntry("&View"), MenuEntry("&View", self.presentation, "presentation")]

    @property
    def in_presentation(self) -> bool:
        """Whether presentation mode is on."""
        return self._workspace.display.presentation

    def set_presentation(self, on: bool) -> None:
        """Enter or leave presentation mode."""
        self._workspace.set_display(presentation=bool(on))

    def _on_workspace_display_changed(self, new: DisplayOptions, old: DisplayOptions) -> None:
        if new.presentation == old.presentation:
            return
        on = new.presentation
        self.presentation.setChecked(on)
        self.leave.setEnabled(on)
        if on:
            docks = self._window.findChildren(QDockWidget)
            self._hidden = [d for d in docks if d not in self._kept and d.isVisible()]
            for d in self._hidden:
                d.hide()
            for d in self._kept:
                d.show()
            self._services.show_message(self.enter_message, STATUS_MS)
        else:
            for d in self._hidden:
                d.show()
            self._hidden = []
            self._services.clear_message(self.enter_message)
        self._fit_pending = True
        QTimer.singleShot(0, self._view.fit)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._fit_pending and event.type() == QEvent.Type.Resize:
            self._fit_pending = False
            QTimer.singleShot(0, self._view.fit)  # once the new size is in place
        return False
