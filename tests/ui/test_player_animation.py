"""Tests for the step animation: pulses along wires, numbers on arrival, sums and routes."""

from __future__ import annotations

from test_player_support import make_player, wire_texts


def _animated(qtbot, make_window, example: str, k: int):
    window, dock = make_player(make_window, example)
    dock.driver.animate = False
    dock.controller.seek(k)
    dock.driver.animate = True
    return window, dock


def test_forward_pulse_carries_the_value_and_the_number_appears_on_arrival(
    qtbot, make_window
) -> None:
    window, dock = _animated(qtbot, make_window, "add-mul", 3)
    animator = dock.driver.animator
    dock.controller.set_speed(0.25)  # a slow pulse: seen mid-wire even on a busy machine
    dock.controller.step_forward()  # step 4: q = x + y = 3, sent along q → f
    assert animator.running
    assert dock.driver.active_node == "q"
    assert [p.text for p in animator.pulses()] == ["3"]
    assert wire_texts(window)["q→f:0"] == ("", "")  # not yet: the pulse is travelling
    pulse = animator.pulses()[0]
    qtbot.waitUntil(lambda: 0.2 < pulse.progress < 0.9, timeout=10000)
    assert pulse.scene() is window.scene
    qtbot.waitUntil(lambda: not animator.running, timeout=10000)
    assert window.workspace.playhead == 4
    assert wire_texts(window)["q→f:0"] == ("3", "")
    assert pulse.scene() is None  # cleaned up
    assert animator.frames > 2


def test_backward_pulses_run_against_the_wires(qtbot, make_window) -> None:
    window, dock = _animated(qtbot, make_window, "add-mul", 5)
    animator = dock.driver.animator
    dock.controller.step_forward()  # step 6: backward through f
    pulses = animator.pulses()
    assert sorted(p.text for p in pulses) == ["-4", "3"]
    assert all(p.progress == 1.0 for p in pulses)  # they start at the gate's end of the wire
    qtbot.waitUntil(lambda: all(p.progress < 0.7 for p in pulses), timeout=5000)
    qtbot.waitUntil(lambda: window.workspace.playhead == 6, timeout=5000)
    assert wire_texts(window)["z→f:1"] == ("-4", "3")


def test_a_step_pressed_mid_animation_completes_the_previous_one(qtbot, make_window) -> None:
    window, dock = _animated(qtbot, make_window, "add-mul", 0)
    animator = dock.driver.animator
    dock.controller.step_forward()
    assert animator.running
    assert window.workspace.playhead == 0
    dock.controller.step_forward()  # pressed while step 1 is still travelling
    assert animator.completed == 1
    assert window.workspace.playhead == 1  # step 1 jumped to its end state at once
    assert animator.running  # and step 2 is now animating
    dock.controller.step_back()  # a jump completes step 2, then goes back
    assert not animator.running
    assert window.workspace.playhead == 1
    assert animator.completed == 2


def test_fan_out_shows_the_gathered_sum(qtbot, make_window) -> None:
    window, dock = _animated(qtbot, make_window, "gate-patterns", 0)
    trace = window.document.result.trace
    copy_step = next(s.index for s in trace.backward if s.op == "copy")
    dock.driver.animate = False
    dock.controller.seek(copy_step)
    dock.driver.animate = True
    dock.controller.step_forward()
    tags = dock.driver.animator.tags()
    assert tags == ["Σ = -12 + (-20) = -32"]
    qtbot.waitUntil(lambda: window.workspace.playhead == copy_step + 1, timeout=5000)
    assert dock.driver.animator.tags() == tags  # stays while this step is current
    dock.controller.step_back()
    assert dock.driver.animator.tags() == []


def test_max_routes_the_gradient_and_sends_zero_to_the_other(qtbot, make_window) -> None:
    window, dock = _animated(qtbot, make_window, "gate-patterns", 0)
    trace = window.document.result.trace
    max_step = next(s.index for s in trace.backward if s.op == "max")
    dock.driver.animate = False
    dock.controller.seek(max_step)
    dock.driver.animate = True
    dock.controller.step_forward()
    texts = sorted(p.text for p in dock.driver.animator.pulses())
    assert texts == ["-12", "0"]
    assert dock.driver.animator.tags() == ["max routes → z; w gets 0"]


def test_an_edit_during_an_animation_cancels_it(qtbot, make_window) -> None:
    window, dock = _animated(qtbot, make_window, "add-mul", 3)
    dock.controller.step_forward()
    assert dock.driver.animator.running
    window.document.add_node("input", pos=(0.0, 500.0))  # structural: the whole new run
    assert not dock.driver.animator.running
    assert window.workspace.playhead is None
    assert dock.controller.index == dock.controller.length
    assert all(item.scene() is None for item in dock.driver.animator.pulses())


def test_scrubbing_the_timeline_jumps_without_animating(qtbot, make_window) -> None:
    window, dock = _animated(qtbot, make_window, "add-mul", 3)
    dock.timeline.setSliderDown(True)
    dock.timeline.setValue(4)  # one step on, but by dragging
    assert not dock.driver.animator.running
    assert window.workspace.playhead == 4
    dock.timeline.setSliderDown(False)


def test_opening_another_graph_mid_step_is_safe(qtbot, make_window) -> None:
    from gradflow.core.examples import load_example

    window, dock = _animated(qtbot, make_window, "gate-patterns", 0)
    trace = window.document.result.trace
    copy_step = next(s.index for s in trace.backward if s.op == "copy")
    dock.driver.animate = False
    dock.controller.seek(copy_step)
    dock.driver.animate = True
    dock.controller.step_forward()  # pulses travelling and a Σ tag shown
    assert dock.driver.animator.running
    window.load_graph(load_example("add-mul"))  # the scene rebuilds all its items
    assert not dock.driver.animator.running
    assert dock.driver.animator.tags() == []
    assert dock.controller.length == 10
    dock.controller.seek(3)
    dock.controller.step_forward()
    qtbot.waitUntil(lambda: window.workspace.playhead == 4, timeout=10000)
