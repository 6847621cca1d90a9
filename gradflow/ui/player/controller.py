"""ui: PlayerController - moves the workspace's playhead: steps, jumps, the play timer, speed.

The animation is an index into a precomputed trace, and that index is the workspace's
playhead: the controller keeps no position of its own. It reads `workspace.shown_steps`,
moves it with `workspace.set_playhead`, and re-announces the workspace's changes for the
buttons, slider and menu. A step that is shown gradually (the pulses of an animation)
is a StepTransition: it sets the playhead itself when it arrives, and any further move
first finishes it. The controller knows nothing about the canvas, so it is tested on
its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from gradflow.ui.workspace import Workspace

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
BASE_STEP_MS = 900  # one step at 1× while playing: the pulse travels, then a short rest


class StepTransition(Protocol):
    """Shows a move of the playhead gradually (the player's animation)."""

    def begin_step(self, new: int, old: int) -> bool:
        """Start showing the move old → new; True if it will set the playhead on arrival."""

    def finish_step(self) -> None:
        """Complete the move being shown at once (its playhead is set); no-op when idle."""


class PlayerController(QObject):
    """Moves `workspace.playhead` in 0..length (k steps of the trace revealed).

    `moved(new, old)` fires for moves the user or the play timer asked for;
    `position_changed(k)` fires whenever the workspace's playhead changes, whoever moved
    it (an edit that clamps it, the window), so the buttons, slider and caption follow.
    """

    moved = Signal(int, int)
    position_changed = Signal(int)
    playing_changed = Signal(bool)
    length_changed = Signal(int, int)  # total steps, forward steps
    speed_changed = Signal(float)
    held = Signal(int)  # a forward move stopped before this step: its gate said not yet

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._speed = 1.0
        self._playing = False
        self._gate: Callable[[int], bool] | None = None
        self._transition: StepTransition | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        workspace.playhead_changed.connect(self._on_workspace_playhead_changed)
        workspace.trace_changed.connect(self._on_workspace_trace_changed)

    # --- reading --------------------------------------------------------------------------
    @property
    def workspace(self) -> Workspace:
        """The workspace whose playhead this controller moves."""
        return self._workspace

    @property
    def index(self) -> int:
        """Steps revealed (the workspace's playhead): 0 = nothing yet, length = the whole run."""
        return self._workspace.shown_steps

    @property
    def length(self) -> int:
        """Number of steps in the trace."""
        trace = self._workspace.trace
        return len(trace) if trace is not None else 0

    @property
    def n_forward(self) -> int:
        """Number of forward steps (the forward/backward boundary on the timeline)."""
        trace = self._workspace.trace
        return trace.n_forward if trace is not None else 0

    @property
    def playing(self) -> bool:
        """Whether the play timer is moving the playhead."""
        return self._playing

    @property
    def speed(self) -> float:
        """Playback speed factor (1.0 = one step every BASE_STEP_MS)."""
        return self._speed

    @property
    def step_ms(self) -> int:
        """Time per step while playing at the current speed."""
        return max(1, round(BASE_STEP_MS / self._speed))

    # --- changing ---------------------------------------------------------------------------
    def set_transition(self, transition: StepTransition | None) -> None:
        """Let `transition` show moves gradually (the animation); None: every move at once."""
        self._transition = transition

    def set_gate(self, gate: Callable[[int], bool] | None) -> None:
        """Ask `gate(step)` before revealing each step forward (practice mode); None: never."""
        self._gate = gate

    def settle(self) -> None:
        """Complete a step still being shown, so that `index` is where the player is going."""
        if self._transition is not None:
            self._transition.finish_step()

    def seek(self, k: int) -> None:
        """Move to step k (clamped), as the user asked; forward only as far as the gate lets."""
        self.settle()  # a step pressed mid-animation completes the previous one first
        old = self.index
        k = max(0, min(int(k), self.length))
        if self._gate is not None and k > old:
            reach = old
            while reach < k and self._gate(reach + 1):
                reach += 1
            if reach < k:
                self.pause()
                self.held.emit(reach + 1)
            k = reach
        if k == old:
            return
        self.moved.emit(k, old)
        if self._transition is None or not self._transition.begin_step(k, old):
            self._workspace.set_playhead(k)

    def step_forward(self) -> None:
        """Reveal one more step."""
        self.settle()
        self.seek(self.index + 1)

    def step_back(self) -> None:
        """Hide the last revealed step."""
        self.settle()
        self.seek(self.index - 1)

    def to_start(self) -> None:
        """Back to step 0: nothing revealed."""
        self.pause()
        self.seek(0)

    def to_end(self) -> None:
        """Reveal the whole run."""
        self.pause()
        self.seek(self.length)

    def set_speed(self, speed: float) -> None:
        """Change the playback speed factor (0.25× to 8×)."""
        speed = float(speed)
        if speed <= 0 or speed == self._speed:
            return
        self._speed = speed
        self.speed_changed.emit(speed)

    # --- playing ----------------------------------------------------------------------------
    def play(self) -> None:
        """Step forward on a timer until the end (from the start again if at the end)."""
        if self._playing or self.length == 0:
            return
        self.settle()
        self._playing = True
        self.playing_changed.emit(True)
        if self.index >= self.length:
            self.seek(0)
        self._on_timer_timeout()

    def pause(self) -> None:
        """Stop the play timer; the playhead stays where it is."""
        self._timer.stop()
        if self._playing:
            self._playing = False
            self.playing_changed.emit(False)

    def toggle_play(self) -> None:
        """Play if paused, pause if playing."""
        if self._playing:
            self.pause()
        else:
            self.play()

    # --- slots --------------------------------------------------------------------------------
    def _on_timer_timeout(self) -> None:
        if not self._playing:
            return
        self.settle()
        if self.index >= self.length:
            self.pause()
            return
        self.step_forward()
        self._timer.start(self.step_ms)

    def _on_workspace_playhead_changed(self, _k: int | None) -> None:
        self.position_changed.emit(self.index)

    def _on_workspace_trace_changed(self, _trace: object) -> None:
        self.length_changed.emit(self.length, self.n_forward)
        if self._workspace.playhead is None:  # "the whole run" is a new number of steps
            self.position_changed.emit(self.index)
        if self.length == 0:
            self.pause()
