"""Tests for the player's controller: the index, its signals and the play timer (no canvas)."""

from __future__ import annotations

from gradflow.ui.player.controller import PlayerController


def _controller(qtbot, length: int = 10, n_forward: int = 5) -> PlayerController:
    c = PlayerController()
    c.set_length(length, n_forward)
    return c


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


def test_sync_follows_without_a_move(qtbot) -> None:
    c = _controller(qtbot)
    moves: list[tuple[int, int]] = []
    positions: list[int] = []
    c.moved.connect(lambda new, old: moves.append((new, old)))
    c.position_changed.connect(positions.append)
    c.sync(7)
    assert c.index == 7
    assert moves == []
    assert positions == [7]


def test_shorter_trace_clamps_the_index(qtbot) -> None:
    c = _controller(qtbot)
    c.seek(9)
    c.set_length(4, 2)
    assert (c.index, c.length, c.n_forward) == (4, 4, 2)


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
