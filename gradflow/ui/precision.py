"""ui: View ▸ Precision - how many significant digits every number shows (2 to 6).

The digits are a display option of the workspace (remembered in the settings) and the
one rule of `core.formatting`, so the canvas, the captions, the inspector and exported
pictures change together.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup

from gradflow.core.formatting import MAX_DIGITS, MIN_DIGITS
from gradflow.ui.actions import MenuEntry
from gradflow.ui.workspace import DisplayOptions, Workspace

MENU = "&View/&Precision"


class PrecisionActions(QObject):
    """One checkable action per number of significant digits; exactly one is checked."""

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.group = QActionGroup(self)
        self.actions: dict[int, QAction] = {}
        for digits in range(MIN_DIGITS, MAX_DIGITS + 1):
            act = QAction(self.tr("%n significant digit(s)", "", digits), self)
            act.setObjectName(f"precision{digits}")
            act.setCheckable(True)
            act.setChecked(digits == workspace.display.precision)
            act.triggered.connect(lambda _c=False, d=digits: self.set_digits(d))
            self.group.addAction(act)
            self.actions[digits] = act
        workspace.display_changed.connect(self._on_workspace_display_changed)

    @property
    def digits(self) -> int:
        """The significant digits shown now."""
        return self._workspace.display.precision

    def set_digits(self, digits: int) -> None:
        """Show every number with `digits` significant digits."""
        self._workspace.set_display(precision=digits)

    def menu_entries(self) -> list[MenuEntry]:
        """The Precision sub-menu of View."""
        return [MenuEntry(MENU, act, f"precision{d}") for d, act in self.actions.items()]

    def _on_workspace_display_changed(self, new: DisplayOptions, _old: DisplayOptions) -> None:
        self.actions[new.precision].setChecked(True)
