"""ui: the View menu's canvas commands - zoom, fit, grid, and the display options.

The display toggles (values, gradients, gate explanations, dark theme) only change the
workspace's DisplayOptions; the canvas, the inspector and the window follow
`display_changed`, and the checks follow it too, so every writer stays in step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from gradflow.ui.actions import MenuEntry, make_action
from gradflow.ui.canvas.scene import GraphScene
from gradflow.ui.canvas.view import GraphView
from gradflow.ui.workspace import DisplayOptions, Workspace

Key = QKeySequence.StandardKey
MENU = "&View"


class ViewActions(QObject):
    """Zoom and fit the view; show or hide the grid, values, gradients, explanations."""

    def __init__(
        self,
        workspace: Workspace,
        scene: GraphScene,
        view: GraphView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        shown = workspace.display
        self.zoom_in = make_action(self, self.tr("Zoom &In"), view.zoom_in, Key.ZoomIn)
        zoom_keys = QKeySequence.keyBindings(Key.ZoomIn)
        self.zoom_in.setShortcuts([*zoom_keys, QKeySequence("Ctrl+=")])  # + needs Shift
        self.zoom_out = make_action(self, self.tr("Zoom &Out"), view.zoom_out, Key.ZoomOut)
        self.fit = make_action(self, self.tr("&Fit"), view.fit, "Ctrl+9")
        self.reset_zoom = make_action(self, self.tr("&Reset Zoom"), view.reset_zoom, "Ctrl+0")
        self.grid = make_action(
            self, self.tr("&Grid"), scene.set_grid_visible, "Ctrl+G", True, scene.grid_visible
        )
        self.show_values = self._option(self.tr("Show &Values"), "show_values", "showValues")
        self.show_grads = self._option(
            self.tr("Show G&radients"), "show_gradients", "showGradients"
        )
        self.show_explanations = self._option(
            self.tr("Show Gate &Explanations"), "show_explanations", "showExplanations"
        )
        self.dark = make_action(
            self,
            self.tr("&Dark Theme"),
            lambda on: workspace.set_display(theme="dark" if on else "light"),
            checkable=True,
            checked=shown.theme == "dark",
        )
        workspace.display_changed.connect(self._on_workspace_display_changed)

    def menu_entries(self) -> list[MenuEntry]:
        """The canvas part of the View menu."""
        named = [
            ("zoom_in", self.zoom_in),
            ("zoom_out", self.zoom_out),
            ("fit", self.fit),
            ("reset_zoom", self.reset_zoom),
            ("", None),
            ("grid", self.grid),
            ("values", self.show_values),
            ("grads", self.show_grads),
            ("explanations", self.show_explanations),
            ("dark", self.dark),
        ]
        return [MenuEntry(MENU, action, name) for name, action in named]

    def _option(self, text: str, option: str, object_name: str) -> QAction:
        checked = bool(getattr(self._workspace.display, option))
        return make_action(
            self,
            text,
            lambda on: self._workspace.set_display(**{option: bool(on)}),
            checkable=True,
            checked=checked,
            object_name=object_name,
        )

    def _on_workspace_display_changed(self, new: DisplayOptions, _old: DisplayOptions) -> None:
        self.show_values.setChecked(new.show_values)
        self.show_grads.setChecked(new.show_gradients)
        self.show_explanations.setChecked(new.show_explanations)
        self.dark.setChecked(new.theme == "dark")
