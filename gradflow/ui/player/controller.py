"""ui: PlayerController - the playhead index, play/pause timer and speed, with no widgets.

The animation is an index into a precomputed trace: timers and buttons only move the
index; whoever listens (the animator, the window) draws the state at that index. The
controller knows nothing about the canvas, so it is tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
BASE_STEP_MS = 900  # one step at 1× while playing: the pulse travels, then a short rest


class PlayerController(QObject):
    """Owns the player's position k in 0..length (k steps of the trace revealed).

    `moved(new, old)` fires for moves the user or the play timer asked for (the animator
    listens); `position_changed(k)` fires for every change, including `sync` from the
    window, so the buttons, slider and caption follow.
    """

    moved = Signal(int, int)
    position_changed = Signal(int)
    playing_changed = Signal(bool)
    length_changed = Signal(int, int)  # total steps, forward steps
    speed_changed = Signal(float)
    held = Signal(int)  # a forward move stopped before this step: its gate said not yet

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index = 0
        self._length = 0
        self._n_forward = 0
        self._speed = 1.0
        self._playing = False
        self._gate: Callable[[int], bool] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    # --- reading --------------------------------------------------------------------------
    @property
    def index(self) -> int:
        """Steps revealed: 0 = nothing yet, length = the whole run."""
        return self._index

    @property
    def length(self) -> int:
        """Number of steps in the trace."""
        return self._length

    @property
    def n_forward(self) -> int:
        """Number of forward steps (the forward/backward boundary on the timeline)."""
        return self._n_forward

    @property
    def playing(self) -> bool:
        """Whether the play timer is moving the index."""
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
    def set_length(self, length: int, n_forward: int) -> None:
        """A new trace: keep the index if it still fits, else clamp it."""
        self._length, self._n_forward = max(0, length), max(0, min(n_forward, length))
        self.length_changed.emit(self._length, self._n_forward)
        if self._index > self._length:
            self.sync(self._length)
        if self._length == 0:
            self.pause()

    def sync(self, k: int) -> None:
        """Follow a position set elsewhere (the window's playhead), without a move event."""
        k = max(0, min(int(k), self._length))
        if k != self._index:
            self._index = k
            self.position_changed.emit(k)

    def set_gate(self, gate: Callable[[int], bool] | None) -> None:
        """Ask `gate(step)` before revealing each step forward (practice mode); None: never."""
        self._gate = gate

    def seek(self, k: int) -> None:
        """Move to step k (clamped), as the user asked; forward only as far as the gate lets."""
        k = max(0, min(int(k), self._length))
        old = self._index
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
        self._index = k
        self.moved.emit(k, old)
        self.position_changed.emit(k)

    def step_forward(self) -> None:
        """Reveal one more step."""
        self.seek(self._index + 1)

    def step_back(self) -> None:
        """Hide the last revealed step."""
        self.seek(self._index - 1)

    def to_start(self) -> None:
        """Back to step 0: nothing revealed."""
        self.pause()
        self.seek(0)

    def to_end(self) -> None:
        """Reveal the whole run."""
        self.pause()
        self.seek(self._length)

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
        if self._playing or self._length == 0:
            return
        self._playing = True
        self.playing_changed.emit(True)
        if self._index >= self._length:
            self.seek(0)
        self._on_timer_timeout()

    def pause(self) -> None:
        """Stop the play timer; the index stays where it is."""
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

    def _on_timer_timeout(self) -> None:
        if not self._playing:
            return
        if self._index >= self._length:
            self.pause()
            return
        self.step_forward()
        self._timer.start(self.step_ms)
