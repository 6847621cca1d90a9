"""Practice questions: what is asked before each step, checks, the term a mistake is in, score."""

from __future__ import annotations

import numpy as np

from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.core.practice import MAX_ASKED, check, question_at
from gradflow.core.practice_score import PracticeScore


def _gate_patterns():
    graph = load_example("gate-patterns")
    return run(graph).trace, graph


def _answers(*xs: float) -> dict[int, np.ndarray]:
    return {i: np.float64(x) for i, x in enumerate(xs)}


def test_forward_steps_ask_values_backward_steps_ask_downstream_gradients():
    trace, graph = _gate_patterns()
    asked = {k: question_at(trace, graph, k) for k in range(1, len(trace) + 1)}
    assert [k for k, q in asked.items() if q is None] == [1, 2, 3, 4, 15, 16, 17, 18]
    assert [u.label for u in asked[7].asked] == ["m"]
    assert asked[7].gate_type == "max"
    assert [u.label for u in asked[12].asked] == ["∂f/∂z", "∂f/∂w"]
    assert [float(u.expected) for u in asked[12].asked] == [-12.0, 0.0]
    assert asked[14].gate_type == "copy"
    assert asked[14].hints[0].startswith("copy adds")


def test_right_answers_pass_within_the_relative_tolerance():
    trace, graph = _gate_patterns()
    q = question_at(trace, graph, 13)
    assert check(q, _answers(-20, 15)).right
    assert check(q, _answers(-20.1, 15.1)).right
    assert not check(q, _answers(-20.1, 15.1), tolerance=1e-3).right


def test_a_wrong_gradient_at_max_names_the_local_term_not_the_number():
    trace, graph = _gate_patterns()
    q = question_at(trace, graph, 12)
    fb = check(q, _answers(-12, -12))  # the whole upstream sent to the smaller input too
    assert (fb.right, fb.wrong, fb.term) == (False, (1,), "local")
    assert "∂f/∂w" in fb.message
    assert "local gradient" in fb.message
    assert not any(ch.isdigit() for ch in fb.message)


def test_each_term_is_diagnosed():
    trace, graph = _gate_patterns()
    mul = question_at(trace, graph, 13)  # upstream 5, local -4 and 3
    assert check(mul, _answers(-4, 15)).term == "upstream"  # the local alone
    assert check(mul, _answers(20, 15)).term == "downstream"  # the sign
    assert check(mul, _answers(1, 15)).term == "downstream"  # 5 + (-4): added
    assert check(mul, _answers(15, 15)).term == "local"  # 5 · 3: the other input's local
    copy = question_at(trace, graph, 14)  # -20 and -12 arrive
    assert check(copy, _answers(-20)).term == "upstream"  # only one branch
    assert check(copy, {}).message == "Type a number for ∂f/∂x first."
    value = question_at(trace, graph, 9)
    assert check(value, _answers(60)).term == "value"


def test_big_tensors_are_shown_not_asked():
    graph = load_example("vector-l2")
    trace = run(graph).trace
    for k in range(1, len(trace) + 1):
        q = question_at(trace, graph, k)
        if q is not None:
            assert all(u.asked == (u.expected.size <= MAX_ASKED) for u in q.unknowns)
    matmul = next(s.index + 1 for s in trace.backward if s.op == "matmul")
    q = question_at(trace, graph, matmul)
    assert [u.expected.shape for u in q.asked] == [(2, 2), (2,)]
    assert q.gate_type == "matmul"
    assert [question_at(trace, graph, s.index + 1).gate_type for s in trace.backward[:2]] == [
        "sum",  # sum distributes too, but it is not an add gate
        "square",
    ]


def test_score_per_gate_type_and_the_weakest():
    score = PracticeScore()
    for step, gate, ok in [(5, "copy", True), (7, "max", True), (12, "max", False),
                           (13, "mul", True), (12, "max", True), (8, "add", True)]:  # fmt: skip
        score.record(step, gate, ok)
    assert (score.score, score.total) == (4, 5)
    assert score.per_gate() == {"add": (1, 1), "mul": (1, 1), "copy": (1, 1), "max": (1, 2)}
    assert score.weakest() == "max"
    assert score.summary() == (
        "4 of 5 right at the first try · add 1/1 · mul 1/1 · copy 1/1 · max 1/2 · weakest: max"
    )
    assert PracticeScore().weakest() is None


def test_every_hint_of_a_backward_step_reads_korean(korean):
    """The pattern hint was left in English under ko (the local rule was translated)."""
    trace, graph = _gate_patterns()
    hints = question_at(trace, graph, 12).hints  # the max gate: its inputs' gradients
    assert (
        hints[0] == "max gate: 더 큰 input이 upstream gradient 전체를 받고, 다른 쪽은 0을 받습니다."
    )
    assert hints[1] == "local gradient: 큰 input에 1, 다른 쪽에 0 (같으면 첫 input)"
