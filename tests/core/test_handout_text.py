"""Handout words: step ranges, walk-through pages as the player says them, blank worksheets."""

from __future__ import annotations

import pytest

from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.core.explain import explain_step
from gradflow.core.handout_text import BLANK, StepRangeError, page, parse_steps


@pytest.mark.parametrize(
    ("text", "steps"),
    [(None, [1, 2, 3, 4, 5]), ("2-4", [2, 3, 4]), ("3", [3]), ("1,4-", [1, 4, 5]), ("2,2", [2])],
)
def test_step_ranges(text, steps):
    assert parse_steps(text, 5) == steps


BAD = [("0-3", "out of range"), ("4-2", "out of range"), ("a", "must look like"), ("9", "1..5")]


@pytest.mark.parametrize(("text", "says"), BAD)
def test_bad_step_ranges_say_why(text, says):
    with pytest.raises(StepRangeError, match=says):
        parse_steps(text, 5)


def test_a_walkthrough_page_says_what_the_player_says():
    graph = load_example("gate-patterns")
    trace = run(graph).trace
    p = page(trace, graph, 13)
    exp = explain_step(trace, graph, 12)
    assert (p.caption, p.lines, p.answer) == (exp.caption, exp.sentences, ())
    assert p.pattern.startswith("mul swaps")


def test_a_blank_page_keeps_the_terms_and_hides_the_numbers():
    graph = load_example("gate-patterns")
    trace = run(graph).trace
    p = page(trace, graph, 13, blank=True)
    assert p.caption == "Step 13/18 · backward through mul p: fill in the gradients"
    assert p.lines == (
        f"∂f/∂(copy x)[0] = upstream {BLANK} × local {BLANK} = {BLANK}",
        f"∂f/∂y = upstream {BLANK} × local {BLANK} = {BLANK}",
    )
    assert not any(ch.isdigit() for line in p.lines for ch in line.replace("[0]", ""))
    assert any(
        "upstream 5 (∂f/∂p) × local -4 (∂p/∂(copy x)[0]) = downstream -20" in s for s in p.answer
    )
    forward = page(trace, graph, 6, blank=True)
    assert forward == page(trace, graph, 6)  # forward steps are given as they are


def test_a_blank_tensor_gradient_names_its_shape():
    graph = load_example("vector-l2")
    trace = run(graph).trace
    matmul = next(s.index + 1 for s in trace.backward if s.op == "matmul")
    p = page(trace, graph, matmul, blank=True)
    assert p.lines[0] == f"∂f/∂W = {BLANK}  (2×2, the shape of W)"
