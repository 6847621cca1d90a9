"""ui: View > Neuron View - switches the window's centre between the op graph and the
neuron view of the same network and trace; disabled, saying why, where it cannot draw.

The neuron view (and its modules) is built when it is first shown or reached, not with
the window: most sessions never open it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStackedWidget, QWidget

from gradflow.core.neuron_net import refusal
from gradflow.ui.actions import MenuEntry, make_action
from gradflow.ui.workspace import Workspace

if TYPE_CHECKING:
    from gradflow.ui.neuron_panel import NeuronPanel
    from gradflow.ui.neuron_view import NeuronView

MENU = "&View"


class NeuronActions(QObject):
    """The Neuron View toggle and the view it shows in `stack` in place of `canvas`."""

    def __init__(
        self, workspace: Workspace, stack: QStackedWidget, canvas: QWidget, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._workspace, self._stack, self._canvas = workspace, stack, canvas
        self._panel: NeuronPanel | None = None
        self.toggle = make_action(
            self,
            self.tr("&Neuron View"),
            self._on_toggled,
            "Ctrl+Shift+U",  # U for units (Ctrl+Shift+N is File > New Exercise)
            checkable=True,
            object_name="neuronViewToggle",
        )
        workspace.document.graph_replaced.connect(self._update_enabled)
        workspace.document.result_changed.connect(lambda _s: self._update_enabled())
        self._update_enabled()

    def menu_entries(self) -> list[MenuEntry]:
        """The toggle, in the View menu."""
        return [MenuEntry(MENU), MenuEntry(MENU, self.toggle, "neuron_view")]

    @property
    def panel(self) -> NeuronPanel:
        """The neuron view with its controls, built (and put in the stack) on first use."""
        if self._panel is None:
            from gradflow.ui.neuron_panel import NeuronPanel

            self._panel = NeuronPanel(self._workspace)
            self._stack.addWidget(self._panel)
        return self._panel

    @property
    def view(self) -> NeuronView:
        """The neuron view itself."""
        return self.panel.view

    @property
    def showing(self) -> bool:
        """Whether the neuron view is what the window shows."""
        return self._panel is not None and self._stack.currentWidget() is self._panel

    def _update_enabled(self) -> None:
        why = refusal(self._workspace.document.graph)
        self.toggle.setEnabled(why is None)
        self.toggle.setToolTip(
            why
            if why is not None
            else self.tr("Switch between the op graph and the network's units and weights")
        )
        if why is not None and self.toggle.isChecked():
            self.toggle.setChecked(False)  # back to the op graph

    def _on_toggled(self, on: bool) -> None:
        self._stack.setCurrentWidget(self.panel if on else self._canvas)
        (self.view if on else self._canvas).setFocus()
