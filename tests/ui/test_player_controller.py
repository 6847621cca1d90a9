"""Tests for the player's controller: it moves the workspace's playhead (no canvas)."""

from __future__ import annotations

from gradflow.core.examples import load_example
from gradflow.core.graph import Graph
from gradflow.ui.player.controller import PlayerController
from gradflow.ui.workspace import Workspace


def _chain(n_ops: int) -> Graph:
    """x → sigmoid → ... (n_ops of them): 2·(n_ops + 1) steps, half of them forward."""
    g = Graph()
    last = g.add_node("input", value=0.5)
    for _ in range(n_ops):
        nxt = g.add_node("sigmoid")
        g.connect(last, nxt)
        last = nxt
    return g


def _controller(qtbot, length: int = 10, n_forward: int = 5) -> PlayerController:
    """A controller over a workspace whose trace has `length` steps (10: add-mul)."""
    ws = Workspace()
    graph = load_example("add-mul") if length == 10 else _chain(length // 2 - 1)
    ws.document.load_graph(graph)
    c = PlayerController(ws)
    assert (c.length, c.n_forward) == (length, n_forward)
    c.seek(0)
    return c


class _Slow:
    """A StepTransition that holds each step forward until `arrive()` (like the pulses)."""

    def __init__(self, c: PlayerController) -> None:
        self.c, self.pending = c, None

    def begin_step(self, new: int, old: int) -> bool:
        if new != old + 1:
            return False  # jumps and steps back are shown at once
        self.pending = new
        return True

    def finish_step(self) -> None:
        self.arrive()

    def arrive(self) -> None:
        if self.pending is not None:
            k, self.pending = self.pending, None
            self.c.workspace.set_playhead(k)


def test_seek_clamps_and_reports_moves(qtbot) -> None:
    c = _controller(qtbot)
    moves: list[tuple[int, int]] = []
    c.moved.connect(lambda new, old: moves.append((new, old)))
    c.seek(3)
    c.step_forward()
    c.step_back()
    c.seek(99)
    c.seek(-5)
    c.step_back()  # already at 0: nothing happens
    assert moves == [(3, 0), (4, 3), (3, 4), (10, 3), (0, 10)]
    assert c.index == 0


def test_the_index_is_the_workspaces_playhead(qtbot) -> None:
    c = _controller(qtbot)
    moves: list[tuple[int, int]] = []
    positions: list[int] = []
    c.moved.connect(lambda new, old: moves.append((new, old)))
    c.position_changed.connect(positions.append)
    c.workspace.set_playhead(7)  # moved elsewhere (the window): followed, not a move
    assert c.index == 7
    assert moves == []
    assert positions == [7]
    c.step_back()
    assert c.workspace.playhead == 6  # the controller moved the one playhead
    assert positions == [7, 6]
    c.workspace.set_playhead(None)  # the whole run
    assert c.index == 10
    assert positions == [7, 6, 10]


def test_a_step_being_shown_is_finished_before_the_next_move(qtbot) -> None:
    c = _controller(qtbot)
    slow = _Slow(c)
    c.set_transition(slow)
    c.step_forward()
    assert (slow.pending, c.workspace.playhead, c.index) == (1, 0, 0)  # not revealed yet
    c.step_forward()  # pressed mid-step: step 1 completes, step 2 begins
    assert (slow.pending, c.workspace.playhead) == (2, 1)
    c.step_back()  # a jump completes step 2, then goes back at once
    assert (slow.pending, c.workspace.playhead) == (None, 1)
    c.seek(5)
    assert c.workspace.playhead == 5  # a jump: set at once
    c.step_forward()
    slow.arrive()
    assert c.index == 6


def test_shorter_trace_clamps_the_index(qtbot) -> None:
    c = _controller(qtbot)
    c.seek(9)
    lengths: list[tuple[int, int]] = []
    c.length_changed.connect(lambda n, f: lengths.append((n, f)))
    c.workspace.document.load_graph(_chain(1))  # a new graph: the whole run of 4 steps
    assert (c.index, c.length, c.n_forward) == (4, 4, 2)
    assert lengths[-1] == (4, 2)


def test_play_steps_to_the_end_and_stops(qtbot) -> None:
    c = _controller(qtbot, length=4, n_forward=2)
    c.set_speed(8.0)
    playing: list[bool] = []
    c.playing_changed.connect(playing.append)
    c.play()
    assert c.playing
    qtbot.waitUntil(lambda: not c.playing, timeout=5000)
    assert c.index == 4
    assert playing == [True, False]


def test_play_at_the_end_starts_over_and_pause_keeps_the_index(qtbot) -> None:
    c = _controller(qtbot, length=6, n_forward=3)
    c.set_speed(8.0)
    c.seek(6)
    c.play()
    assert c.index == 1  # restarted from 0, first step taken at once
    qtbot.waitUntil(lambda: c.index >= 3, timeout=5000)
    c.toggle_play()
    stopped_at = c.index
    assert not c.playing
    c.step_forward()  # stepping by hand while paused does not restart the timer
    assert not c.playing
    assert c.index == stopped_at + 1


def test_speed_sets_the_step_time(qtbot) -> None:
    c = _controller(qtbot)
    base = c.step_ms
    c.set_speed(2.0)
    assert c.step_ms == round(base / 2)
    c.set_speed(0)  # refused
    assert c.speed == 2.0
