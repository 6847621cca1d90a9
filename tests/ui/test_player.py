"""Tests for the player in the main window: what the canvas and the caption show at each step."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtCore import QPoint, Qt
from test_player_support import make_player, wire_texts

from gradflow.core.explain import Explanation, Jacobian, explain_step
from gradflow.core.playback import state_at
from gradflow.ui.player.explain_html import explanation_html, tensor_table


def _step_to(dock, k: int) -> None:
    dock.driver.animate = False
    dock.controller.seek(k)


def test_the_registry_adds_the_player_dock(qtbot, make_window) -> None:
    window, dock = make_player(make_window)
    assert window.findChild(type(dock), "player") is dock
    assert dock.toggleViewAction() in window.menu("View/Docks").actions()
    assert len(window.findChildren(type(dock))) == 1
    # the whole run is shown until the user steps: the slider sits at the end
    assert window.workspace.playhead is None
    assert (dock.controller.index, dock.controller.length) == (10, 10)
    assert dock.caption.text() == "Whole run shown · 10 steps (5 forward, 5 backward)"


def test_forward_phase_then_backward_phase_of_add_mul(qtbot, make_window) -> None:
    window, dock = make_player(make_window)
    _step_to(dock, 0)
    assert all(texts == ("", "") for texts in wire_texts(window).values())
    _step_to(dock, 5)  # the forward phase
    shown = wire_texts(window)
    assert shown["q→f:0"] == ("3", "")
    assert shown["f·out"] == ("-12", "")
    assert shown["x→q:0"] == ("-2", "")
    _step_to(dock, 10)
    shown = wire_texts(window)
    assert shown["x→q:0"][1] == "-4"
    assert shown["y→q:1"][1] == "-4"
    assert shown["z→f:1"][1] == "3"
    assert shown["q→f:0"] == ("3", "-4")
    assert dock.caption.text().startswith("Step 10/10 · backward")


def test_stepping_back_shows_what_stepping_forward_showed(qtbot, make_window) -> None:
    window, dock = make_player(make_window, "gate-patterns")
    dock.driver.animate = False
    dock.controller.to_start()
    forward = []
    for _ in range(dock.controller.length + 1):
        forward.append((wire_texts(window), dock.driver.active_node, dock.caption.text()))
        dock.controller.step_forward()
    backward = []
    for _ in range(dock.controller.length + 1):
        backward.append((wire_texts(window), dock.driver.active_node, dock.caption.text()))
        dock.controller.step_back()
    assert backward[::-1] == forward
    assert forward[0][0] != forward[-1][0]
    assert len({f[2] for f in forward}) == len(forward)  # one caption per step


def test_the_window_shows_exactly_state_at_k(qtbot, make_window) -> None:
    window, dock = make_player(make_window, "sigmoid-neuron")
    trace = window.document.result.trace
    for k in (0, 3, trace.n_forward, trace.n_forward + 2, len(trace)):
        _step_to(dock, k)
        state = state_at(trace, window.document.graph.edges, k)
        assert window.workspace.playhead == k
        revealed = {
            f"{e.src}→{e.dst}:{e.dst_port}" for e in window.document.graph.edges
            if e in state.edge_values
        }  # fmt: skip
        shown = {key for key, (v, _g) in wire_texts(window).items() if v and "→" in key}
        assert shown == revealed
        active = state.active.node if state.active is not None else None
        assert dock.driver.active_node == active


def test_buttons_and_timeline_drive_the_playhead(qtbot, make_window) -> None:
    window, dock = make_player(make_window)
    dock.driver.animate = False
    window.show()
    qtbot.waitExposed(window)
    qtbot.mouseClick(dock.to_start, Qt.MouseButton.LeftButton)
    assert window.workspace.playhead == 0
    assert not dock.back.isEnabled()
    qtbot.mouseClick(dock.forward, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dock.forward, Qt.MouseButton.LeftButton)
    assert window.workspace.playhead == 2
    qtbot.mouseClick(dock.back, Qt.MouseButton.LeftButton)
    assert window.workspace.playhead == 1
    qtbot.mouseClick(dock.to_end, Qt.MouseButton.LeftButton)
    assert window.workspace.playhead == 10
    assert dock.counter.text() == "10/10"
    slider = dock.timeline
    assert slider.n_forward == 5
    assert slider.x_of(0) < slider.boundary_x() < slider.x_of(10)
    x = round(slider.x_of(7))
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(x, slider.height() // 2))
    assert window.workspace.playhead == 7
    assert dock.caption.text().startswith("Step 7/10 · backward through add q")


def test_play_button_runs_to_the_end(qtbot, make_window) -> None:
    window, dock = make_player(make_window)
    dock.controller.set_speed(8.0)
    dock.controller.to_start()
    qtbot.mouseClick(dock.play, Qt.MouseButton.LeftButton)
    assert dock.play.text() == "❚❚ Pause"
    qtbot.waitUntil(lambda: not dock.controller.playing, timeout=10000)
    assert window.workspace.playhead == 10
    assert dock.play.text() == "▶ Play"
    assert dock.driver.animator.completed == 10  # every step was animated


def test_value_edit_keeps_the_step_and_structure_edit_shows_all(qtbot, make_window):
    window, dock = make_player(make_window)
    _step_to(dock, 7)
    window.document.set_attr("x", "value", 1.0)
    assert window.workspace.playhead == 7
    assert dock.controller.index == 7
    assert wire_texts(window)["q→f:0"] == ("6", "-4")  # q = 1 + 5 now
    assert "to x -4 × 1 = -4; to y -4 × 1 = -4" in dock.caption.text()
    window.document.add_node("input", pos=(0.0, 400.0))
    assert window.workspace.playhead is None  # the whole new run: nothing blanks
    assert dock.controller.index == dock.controller.length == 11
    assert wire_texts(window)["q→f:0"] == ("6", "-4")


def test_inspector_explains_the_step(qtbot, make_window) -> None:
    window, dock = make_player(make_window)
    _step_to(dock, 7)
    html = window.inspector.step.text()
    assert "to x" in html
    assert "upstream" in html
    assert "downstream" in html
    assert "add distributes" in html
    window.view_actions.show_explanations.setChecked(False)
    assert not window.inspector.step.isVisible()
    assert window.inspector.step.text() == ""


def test_a_forward_step_shows_its_formula_not_the_gate_pattern(qtbot, make_window):
    window, dock = make_player(make_window)
    _step_to(dock, 4)  # forward through add q
    html = window.inspector.step.text()
    assert "q = x + y = -2 + 5 = 3" in html
    assert "add distributes" not in html
    _step_to(dock, 7)  # backward through add q: the pattern is back
    assert "add distributes" in window.inspector.step.text()
    forward = explain_step(window.document.result.trace, window.document.graph, 3)
    forward = replace(forward, pattern="add distributes the upstream gradient")
    assert "distributes" not in explanation_html(forward)  # whatever the Explanation carries


def test_counts_in_the_explanation_html_are_pluralised() -> None:
    assert "… 1 more row<" in tensor_table(np.zeros((9, 2)))
    assert "… 2 more rows<" in tensor_table(np.zeros((10, 2)))
    one = Jacobian("∂q/∂x", np.ones((1, 2)), (1,), (2,))
    assert "(1 output × 2 inputs;" in explanation_html(
        Explanation(0, 1, "backward", "q", "", "", (), jacobians=(one,))
    )


def test_vector_l2_is_steppable_with_tables_and_jacobians(qtbot, make_window) -> None:
    window, dock = make_player(make_window, "vector-l2")
    trace = window.document.result.trace
    for k in range(1, len(trace) + 1):
        _step_to(dock, k)
        html = window.inspector.step.text()
        assert dock.caption.text().startswith(f"Step {k}/{len(trace)} · ")
        assert "<table" in html  # every step of this example involves a tensor
    matmul_back = next(s.index for s in trace.backward if s.op == "matmul") + 1
    _step_to(dock, matmul_back)
    html = window.inspector.step.text()
    assert "local Jacobian" in html
    assert "a gradient has the shape of its variable" in html


def test_display_toggles_hide_values_and_gradients(qtbot, make_window) -> None:
    window, dock = make_player(make_window)
    _step_to(dock, 10)
    window.view_actions.show_values.setChecked(False)
    assert wire_texts(window)["q→f:0"] == ("", "-4")
    window.view_actions.show_grads.setChecked(False)
    assert wire_texts(window)["q→f:0"] == ("", "")
    window.view_actions.show_values.setChecked(True)
    window.view_actions.show_grads.setChecked(True)
    assert wire_texts(window)["q→f:0"] == ("3", "-4")


def test_presentation_mode_hides_docks_and_restores_them(qtbot, make_window) -> None:
    window, dock = make_player(make_window)
    window.show()
    qtbot.waitExposed(window)
    action = window.presentation.presentation
    keys = {seq.toString() for seq in action.shortcuts()}
    assert keys == {"F5", "Ctrl+Shift+P"}
    assert action in window.menu("View").actions()
    normal_width = window.scene.metrics.wire_width
    action.trigger()
    assert not window.palette.isVisible()
    assert not window.inspector.isVisible()
    assert dock.isVisible()
    assert window.scene.metrics.wire_width > normal_width
    action.trigger()
    assert window.palette.isVisible()
    assert window.inspector.isVisible()
    assert window.scene.metrics.wire_width == normal_width


def test_with_nothing_to_play_the_caption_says_what_to_do(qtbot, window):
    doc = window.document
    a = doc.add_node("neg")
    b = doc.add_node("exp")
    caption = window.player.caption.text()  # the last-added end is tried as the output
    assert caption.startswith("Nothing to play yet: the output exp1 cannot be computed yet")
    assert "exp1: input x is not connected" in caption
    assert window.notice.text().startswith("⚠ the output exp1 cannot be computed yet")
    doc.add_edge(a, b)
    caption = window.player.caption.text()
    assert "cannot be computed yet" in caption
    assert "neg1: input x is not connected" in caption  # which node, and why


def test_play_and_pause_take_the_same_room(qtbot, add_mul):
    """The timeline jumped sideways each time Play turned into Pause."""
    dock = add_mul.player
    assert dock.play.text() == "▶ Play"
    reserved = dock.play.minimumWidth()
    dock.controller.set_speed(0.25)
    dock.controller.play()
    assert dock.play.text() == "❚❚ Pause"
    assert reserved >= dock.play.sizeHint().width()  # no wider than the room kept for it
    assert dock.play.minimumWidth() == reserved
    dock.controller.pause()
