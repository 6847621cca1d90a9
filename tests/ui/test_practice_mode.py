"""Practice mode: the player asks for each number before revealing it, ticks, diagnoses, scores."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gradflow.core.examples import load_example
from gradflow.core.formatting import format_number
from gradflow.ui.canvas.camera import readable_zoom


@pytest.fixture
def practice(window, qtbot):
    """The window on gate-patterns with practice mode switched on (Player ▸ Practice)."""
    window.load_graph(load_example("gate-patterns"))
    dock = window.docks["player"]
    dock.controller.set_speed(8.0)
    window.menu_actions["practice"].trigger()
    assert dock.practice.active
    assert dock.practice_panel.isVisible()
    return window, dock


def _type(qtbot, dock, numbers) -> None:
    """Type each number into its spin box, as a student would, then press Enter."""
    panel = dock.practice_panel
    for box, x in zip(panel.inputs, numbers, strict=True):
        if hasattr(box, "lineEdit"):
            box.lineEdit().selectAll()
            qtbot.keyClicks(box.lineEdit(), format_number(float(x), 6))
        else:  # a table: fill every cell; Enter with no cell open checks
            for (r, col), v in np.ndenumerate(np.atleast_2d(x)):
                box.item(r, col).setText(format_number(float(v), 6))
    last = panel.inputs[-1]
    qtbot.keyClick(last.lineEdit() if hasattr(last, "lineEdit") else last, Qt.Key.Key_Return)


def _answer_until(qtbot, dock, last: int, wrong_at: dict | None = None) -> None:
    c, mode = dock.controller, dock.practice
    while c.index < last:
        step = c.index + 1
        q = mode.question(step)
        if q is None:
            qtbot.keyClick(dock.window(), Qt.Key.Key_Right)  # nothing to predict: → reveals
        elif wrong_at and step in wrong_at:
            _type(qtbot, dock, wrong_at.pop(step))
            return
        else:
            _type(qtbot, dock, [u.expected for u in q.asked])
        qtbot.waitUntil(lambda s=step: c.index == s and not dock.driver.animator.running)


def test_right_answers_all_tick_and_score_full_marks(practice, qtbot):
    window, dock = practice
    c, mode, panel = dock.controller, dock.practice, dock.practice_panel
    assert c.index == 0
    assert panel.question.text() == "Step 1: nothing to predict here - press → to reveal it."
    _answer_until(qtbot, dock, c.length)
    assert mode.score.total == 10  # 5 forward gates and 5 backward gates asked
    assert mode.score.score == mode.score.total
    assert mode.score.weakest() is None
    assert panel.verdict.text().startswith('<b style="color:#1b7f3b">✓</b> Right')
    assert "Score: 10 of 10 right at the first try" in panel.summary.text()
    assert "add 2/2 · mul 4/4 · copy 2/2 · max 2/2" in panel.summary.text()
    assert window.workspace.playhead == c.length


def test_a_wrong_gradient_at_max_is_not_revealed_and_max_is_the_weak_gate(practice, qtbot):
    window, dock = practice
    c, mode, panel = dock.controller, dock.practice, dock.practice_panel
    _answer_until(qtbot, dock, c.length, wrong_at={12: [-12, -12]})  # w gets 0, not -12
    assert c.index == 11  # step 12 (backward through max) stays hidden
    assert window.workspace.playhead == 11
    verdict = panel.verdict.text()
    assert "✗" in verdict
    assert "∂f/∂w: the local gradient is off" in verdict
    assert "-12" not in verdict
    assert "0" not in verdict.split("</b>", 1)[1]  # the answer is not given away
    assert panel.inputs[1].styleSheet()  # the wrong answer is framed
    assert not panel.inputs[0].styleSheet()
    qtbot.mouseClick(dock.forward, Qt.MouseButton.LeftButton)  # ▶ cannot skip the question
    assert c.index == 11
    assert "Predict step 12 first" in panel.verdict.text()
    qtbot.mouseClick(panel.hint, Qt.MouseButton.LeftButton)
    assert panel.hints.text().startswith("1. max routes")
    _type(qtbot, dock, [-12, 0])
    qtbot.waitUntil(lambda: c.index == 12)
    _answer_until(qtbot, dock, c.length)
    assert mode.score.per_gate()["max"] == (1, 2)
    assert mode.score.weakest() == "max"
    assert (mode.score.score, mode.score.total) == (9, 10)
    assert "weakest gate: max" in panel.summary.text()


def test_hints_come_in_order_and_the_answer_counts_as_missed(practice, qtbot):
    _window, dock = practice
    c, mode, panel = dock.controller, dock.practice, dock.practice_panel
    _answer_until(qtbot, dock, 12)  # up to the backward step through mul p (step 13)
    for _ in range(3):
        panel.hint.click()
    lines = panel.hints.text().split("<br>")
    assert lines[0].startswith("1. mul swaps")
    assert lines[1] == "2. local gradient: ∂/∂a = b, ∂/∂b = a"
    labels = [u.label for u in mode.question(13).asked]  # the canvas's names of c[0] and y
    assert lines[2] == f"3. the answer: {labels[0]} = -20; {labels[1]} = 15"
    assert [float(b.answer()) for b in panel.inputs] == [-20.0, 15.0]  # filled in
    panel.check.click()
    qtbot.waitUntil(lambda: c.index == 13)
    assert mode.score.results[13] == ("mul", False)


def test_leaving_practice_restores_normal_stepping(practice, qtbot):
    window, dock = practice
    c = dock.controller
    _answer_until(qtbot, dock, 4)
    qtbot.keyClick(dock.window(), Qt.Key.Key_Right)
    assert c.index == 4  # step 5 asks for copy's value
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Ctrl+P: leave
    assert not dock.practice.active
    assert not dock.practice_panel.isVisible()
    qtbot.keyClick(dock.window(), Qt.Key.Key_End)
    assert c.index == c.length


def test_a_new_graph_starts_the_practice_again(practice, qtbot):
    window, dock = practice
    _answer_until(qtbot, dock, 6)
    assert dock.practice.score.total == 2
    window.load_graph(load_example("add-mul"))
    qtbot.waitUntil(lambda: dock.controller.index == 0)
    assert dock.practice.score.total == 0
    q = dock.practice.question(4)
    assert [float(u.expected) for u in q.asked] == [3.0]
    assert np.isclose(dock.practice.tolerance, 1e-2)


def test_a_matmul_step_of_an_exercise_asks_tables_of_the_gradients_shapes(window, qtbot):
    from gradflow.core.exercises import make_exercise

    window.load_graph(make_exercise(5, 3))
    dock = window.docks["player"]
    dock.controller.set_speed(8.0)
    window.menu_actions["practice"].trigger()
    c, mode, panel = dock.controller, dock.practice, dock.practice_panel
    matmul = next(s.index + 1 for s in window.workspace.trace.backward if s.op == "matmul")
    _answer_until(qtbot, dock, matmul - 1)
    q = mode.question(matmul)
    assert [type(b).__name__ for b in panel.inputs] == ["AnswerTable", "AnswerTable"]
    assert [(b.rowCount(), b.columnCount()) for b in panel.inputs] == [(2, 3), (1, 3)]
    panel.check.click()  # empty cells: asked to type, not judged
    assert "Type a number for" in panel.verdict.text()
    assert c.index == matmul - 1
    _type(qtbot, dock, [u.expected for u in q.asked])  # Enter in the table checks
    qtbot.waitUntil(lambda: c.index == matmul)
    assert mode.score.results[matmul] == ("matmul", True)


def test_the_camera_frames_the_node_the_open_question_asks_about(practice, qtbot):
    window, dock = practice
    c, mode = dock.controller, dock.practice
    window.camera.duration_ms = 0  # moves at once: the view is where the camera aims
    _answer_until(qtbot, dock, 11)  # step 11 (backward through add s) is revealed
    assert c.index == 11
    question = mode.question(12)
    assert question is not None
    assert question.prompt.startswith("Step 12: what gradient does m")
    view, scene = window.view, window.scene
    m = scene.node_item("m")
    on_screen = view.mapFromScene(m.mapRectToScene(m.rect())).boundingRect()
    assert view.viewport().rect().contains(on_screen)  # the asked max gate m is in view
    assert view.zoom() >= readable_zoom(scene)  # at the camera's readable zoom
    for z in ("z", "w"):  # its input wires come from z and w: they are in view too
        item = scene.node_item(z)
        assert (
            view.viewport()
            .rect()
            .contains(view.mapFromScene(item.mapRectToScene(item.rect())).boundingRect())
        )
    window.menu_actions["practice"].trigger()  # leaving practice: the revealed step again
    s = scene.node_item("s")
    assert (
        view.viewport()
        .rect()
        .contains(view.mapFromScene(s.mapRectToScene(s.rect())).boundingRect())
    )
