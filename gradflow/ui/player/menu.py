"""ui: the Player menu - every player command with its key, so the keys can be discovered.

The keys themselves (Space, ←/→, Home/End) are handled by PlayerKeys, which leaves them
to text fields while the user types; the menu only shows them (text after a tab is
drawn as the shortcut column), so a key is never bound twice.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from gradflow.ui.actions import MenuEntry
from gradflow.ui.player.controller import SPEEDS, PlayerController

MENU = "&Player"

COMMANDS = (  # (object name, text (translated in the PlayerMenu context), key, method)
    ("playPauseAction", QT_TRANSLATE_NOOP("PlayerMenu", "&Play / Pause"), "Space", "toggle_play"),
    (
        "stepForwardAction",
        QT_TRANSLATE_NOOP("PlayerMenu", "Step &Forward"),
        "Right",
        "step_forward",
    ),
    ("stepBackAction", QT_TRANSLATE_NOOP("PlayerMenu", "Step &Back"), "Left", "step_back"),
    ("toStartAction", QT_TRANSLATE_NOOP("PlayerMenu", "Go to &Start"), "Home", "to_start"),
    ("toEndAction", QT_TRANSLATE_NOOP("PlayerMenu", "Go to &End"), "End", "to_end"),
)


class PlayerMenu(QObject):
    """The Player menu's actions, kept enabled in step with the controller."""

    def __init__(self, controller: PlayerController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions: dict[str, QAction] = {}
        for name, text, key, method in COMMANDS:
            shown = f"{self.tr(text)}\t{key}"  # type: ignore[arg-type]  # a NOOP text is a str
            self.actions[method] = self._add(name, shown, getattr(controller, method))
        self.speed_menu = QMenu(self.tr("Sp&eed"))
        group = QActionGroup(self)
        for s in SPEEDS:
            act = self.speed_menu.addAction(f"{s:g}×")
            act.setCheckable(True)
            act.setChecked(s == controller.speed)
            act.setData(s)
            group.addAction(act)
            act.triggered.connect(lambda _c=False, s=s: controller.set_speed(s))
        controller.speed_changed.connect(self._on_controller_speed_changed)
        controller.position_changed.connect(self._refresh)
        controller.length_changed.connect(self._refresh)
        controller.playing_changed.connect(self._refresh)
        self._refresh()

    def menu_entries(self) -> list[MenuEntry]:
        """The Player menu: the commands, then the Speed sub-menu."""
        entries = [MenuEntry(MENU, a, f"player_{m}") for m, a in self.actions.items()]
        return [*entries, MenuEntry(MENU), MenuEntry(MENU, menu=self.speed_menu)]

    def _add(self, name: str, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(lambda _c=False: slot())
        return action

    def _refresh(self, *_args: object) -> None:
        c = self.controller
        k, n = c.index, c.length
        play = self.actions["toggle_play"]
        play.setEnabled(n > 0)
        # each text its own tr() call outside the f-string, so that pyside6-lupdate sees it
        said = self.tr("&Pause") if c.playing else self.tr("&Play")
        play.setText(f"{said}\tSpace")
        self.actions["step_forward"].setEnabled(k < n)
        self.actions["to_end"].setEnabled(k < n)
        self.actions["step_back"].setEnabled(k > 0)
        self.actions["to_start"].setEnabled(k > 0)

    def _on_controller_speed_changed(self, speed: float) -> None:
        for act in self.speed_menu.actions():
            act.setChecked(act.data() == speed)
