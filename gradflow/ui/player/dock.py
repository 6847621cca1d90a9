"""ui: PlayerDock - the step-through player's buttons, speed, timeline and caption.

A thin shell around a PlayerController: the widgets send intents to it and follow its
signals; the caption text is set by whoever knows the trace (the PlayerDriver). Built
from the dock registry with a DockContext, it makes its controller, driver, keys and
menu, and publishes the Player menu. Practice mode (its panel under the caption, and
core's practice module) is built when Player ▸ Practice is first switched on; only its
action exists from the start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gradflow.ui.actions import MenuEntry
from gradflow.ui.fonts import line_spacing
from gradflow.ui.player.controller import SPEEDS, PlayerController
from gradflow.ui.player.driver import PlayerDriver
from gradflow.ui.player.keys import PlayerKeys
from gradflow.ui.player.menu import PlayerMenu
from gradflow.ui.player.practice_action import practice_action
from gradflow.ui.player.timeline import TimelineSlider
from gradflow.ui.workspace import DisplayOptions

if TYPE_CHECKING:
    from gradflow.ui.dock_context import DockContext
    from gradflow.ui.player.practice import PracticeMode
    from gradflow.ui.player.practice_panel import PracticePanel

PRESENTATION_CAPTION_PT = 15.0

# words too: ▶ alone is also "step" (translated in the PlayerDock context where shown)
PLAY = QT_TRANSLATE_NOOP("PlayerDock", "▶ Play")
PAUSE = QT_TRANSLATE_NOOP("PlayerDock", "❚❚ Pause")
CAPTION_LINES = 2


class PlayerDock(QDockWidget):
    """The bottom dock: |◀ ◀ ▶/❚❚ ▶ ▶|, speed, a timeline with the phase boundary, caption.

    `asking(step)` relays practice mode's open question (int | None) for the step camera.
    """

    asking = Signal(object)

    def __init__(self, ctx: DockContext) -> None:
        super().__init__(self.tr("Player"))
        self.setObjectName("player")
        self.controller = controller = PlayerController(ctx.workspace, self)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(8, 4, 8, 6)
        row = QHBoxLayout()
        column.addLayout(row)
        button = self._button
        self.to_start = button("toStart", "|◀", self.tr("Go to start (Home)"), controller.to_start)
        self.back = button("stepBack", "◀", self.tr("Step back (←)"), controller.step_back)
        play_tip = self.tr("Play / pause (Space)")
        self.play = button("playPause", self.tr(PLAY), play_tip, controller.toggle_play)  # type: ignore[arg-type]  # a NOOP text is a str
        self.forward = button("stepForward", "▶", self.tr("Step (→)"), controller.step_forward)
        self.to_end = button("toEnd", "▶|", self.tr("Go to end (End)"), controller.to_end)
        for b in (self.to_start, self.back, self.play, self.forward, self.to_end):
            row.addWidget(b)
        self._fit_play_width()
        self.speed = QComboBox(body)
        self.speed.setObjectName("speed")
        self.speed.setToolTip(self.tr("Playback speed"))
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for s in SPEEDS:
            self.speed.addItem(f"{s:g}×", s)
        self.speed.setCurrentIndex(SPEEDS.index(controller.speed))
        self.speed.currentIndexChanged.connect(
            lambda i: controller.set_speed(self.speed.itemData(i))
        )
        row.addWidget(self.speed)
        self.timeline = TimelineSlider(body)
        self.timeline.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.timeline.valueChanged.connect(self._on_timeline_value_changed)
        row.addWidget(self.timeline, 1)
        self.counter = QLabel(body)
        self.counter.setObjectName("stepCounter")
        self.counter.setMinimumWidth(64)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.counter)
        self.caption = QLabel(body)
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.caption)
        self._column = column  # practice mode's panel goes under the caption, when built
        column.addStretch(1)  # a tall dock keeps its controls at the top, not spread out
        self.setWidget(body)
        self._fit_caption_lines()
        controller.position_changed.connect(self._on_controller_position_changed)
        controller.length_changed.connect(self._on_controller_length_changed)
        controller.playing_changed.connect(self._on_controller_playing_changed)
        controller.speed_changed.connect(self._on_controller_speed_changed)
        self._on_controller_length_changed(controller.length, controller.n_forward)
        self.driver = PlayerDriver(ctx.workspace, ctx.scene, self, controller)
        self.keys = PlayerKeys(ctx.services.dialog_parent(), controller)
        self.menu = PlayerMenu(controller, self)
        self._workspace = ctx.workspace
        self._practice: PracticeMode | None = None
        self.practice_toggle = practice_action(self)
        self.practice_toggle.toggled.connect(self._on_practice_toggle_toggled)
        ctx.workspace.display_changed.connect(self._on_workspace_display_changed)

    def menu_entries(self) -> list[MenuEntry]:
        """The Player menu."""
        toggle = self.practice_toggle
        return [
            *self.menu.menu_entries(),
            MenuEntry("&Player"),
            MenuEntry("&Player", toggle, "practice"),
        ]

    @property
    def practice(self) -> PracticeMode:
        """Practice mode, built (with its panel) on first use."""
        if self._practice is None:
            from gradflow.ui.player.practice import PracticeMode
            from gradflow.ui.player.practice_panel import PracticePanel

            panel = PracticePanel(self.widget())
            self._column.insertWidget(self._column.count() - 1, panel)  # above the stretch
            toggle = self.practice_toggle
            toggle.toggled.disconnect(self._on_practice_toggle_toggled)
            self._practice = PracticeMode(self._workspace, self.controller, panel, toggle)
            self._practice.asking.connect(self.asking)
        return self._practice

    @property
    def practice_panel(self) -> PracticePanel:
        """Practice mode's panel under the caption (hidden unless practising)."""
        return self.practice.panel

    def _on_practice_toggle_toggled(self, on: bool) -> None:
        if on:  # the first time: build practice mode, then let it start
            self.practice.set_active(True)

    def set_caption(self, text: str) -> None:
        """The line describing the current step."""
        self.caption.setText(text)

    def set_caption_point_size(self, size: float | None) -> None:
        """Larger caption text in presentation mode (None: the default size)."""
        f = self.caption.font()
        f.setPointSizeF(size if size is not None else self.font().pointSizeF())
        self.caption.setFont(f)
        self._fit_caption_lines()

    def _on_workspace_display_changed(self, new: DisplayOptions, old: DisplayOptions) -> None:
        if new.presentation != old.presentation:
            self.set_caption_point_size(PRESENTATION_CAPTION_PT if new.presentation else None)

    def _fit_play_width(self) -> None:
        """As wide as "❚❚ Pause" also while it reads "▶ Play": the timeline must not jump."""
        widths = []
        for text in (self.tr(PAUSE), self.tr(PLAY)):  # type: ignore[arg-type]  # a NOOP text is a str
            self.play.setText(text)
            widths.append(self.play.sizeHint().width())
        self.play.setMinimumWidth(max(widths))

    def _fit_caption_lines(self) -> None:
        """Room for CAPTION_LINES lines: a long backward caption wraps, never gets clipped."""
        spacing = line_spacing(self.caption.font())  # Hangul lines are taller
        self.caption.setMinimumHeight(CAPTION_LINES * spacing + 2)

    def _button(self, name: str, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setObjectName(name)
        b.setText(text)
        b.setToolTip(tip)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the player, not a button
        b.setMinimumWidth(34)
        b.clicked.connect(slot)
        return b

    def _refresh_buttons(self) -> None:
        c = self.controller
        k, n = c.index, c.length
        self.to_start.setEnabled(k > 0)
        self.back.setEnabled(k > 0)
        self.forward.setEnabled(k < n)
        self.to_end.setEnabled(k < n)
        self.play.setEnabled(n > 0)
        self.timeline.setEnabled(n > 0)
        self.counter.setText(f"{k}/{n}")

    def _on_timeline_value_changed(self, value: int) -> None:
        if value != self.controller.index:
            self.controller.seek(value)

    def _on_controller_position_changed(self, k: int) -> None:
        self.timeline.blockSignals(True)
        self.timeline.setValue(k)
        self.timeline.blockSignals(False)
        self.timeline.update()
        self._refresh_buttons()

    def _on_controller_length_changed(self, length: int, n_forward: int) -> None:
        self.timeline.blockSignals(True)
        self.timeline.set_steps(length, n_forward)
        self.timeline.setValue(self.controller.index)
        self.timeline.blockSignals(False)
        self._refresh_buttons()

    def _on_controller_speed_changed(self, speed: float) -> None:
        i = self.speed.findData(speed)  # the Player ▸ Speed menu changes it too
        if i >= 0 and i != self.speed.currentIndex():
            self.speed.blockSignals(True)
            self.speed.setCurrentIndex(i)
            self.speed.blockSignals(False)

    def _on_controller_playing_changed(self, playing: bool) -> None:
        self.play.setText(self.tr(PAUSE) if playing else self.tr(PLAY))  # type: ignore[arg-type]  # a NOOP text is a str
