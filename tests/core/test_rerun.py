"""The run after adding (or removing) an unwired node, derived from the run before it,
is the run the engine gives from scratch - or None when it cannot be derived."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.engine import RunResult, run
from gradflow.core.examples import example_names, load_example
from gradflow.core.graph import Graph
from gradflow.core.rerun import run_after_adding, run_after_removing


def _same(a: RunResult, b: RunResult) -> None:
    assert a.output == b.output
    assert dict(a.problems) == dict(b.problems)
    assert (a.notice, a.output_note) == (b.notice, b.output_note)
    for mine, theirs in ((a.values, b.values), (a.grads, b.grads)):
        assert set(mine) == set(theirs)
        for k in mine:
            assert all(np.array_equal(x, y) for x, y in zip(mine[k], theirs[k], strict=True))
    assert set(a.edge_grads) == set(b.edge_grads)
    assert all(np.array_equal(a.edge_grads[e], b.edge_grads[e]) for e in a.edge_grads)
    assert a.trace is not None
    assert b.trace is not None
    assert [(type(s).__name__, s.node) for s in a.trace.steps] == [
        (type(s).__name__, s.node) for s in b.trace.steps
    ]


def _unwired_sink(g: Graph) -> Graph:
    """The graph with one more unwired end, so the output is chosen among two."""
    g.add_node("neg", "spare")
    return g


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("op", ["add", "neg", "mul", "sigmoid"])
def test_adding_an_unwired_gate_gives_the_run_from_scratch(name: str, op: str) -> None:
    for g in (load_example(name), _unwired_sink(load_example(name))):
        before = run(g, record=True, partial=True)
        nid = g.add_node(op)
        derived = run_after_adding(g, before, nid)
        assert derived is not None
        _same(derived, run(g, record=True, partial=True))
        g.remove_node(nid)  # and back: the run before it
        back = run_after_removing(g, derived, nid)
        assert back is not None
        _same(back, before)


def test_what_changes_the_numbers_is_run_afresh() -> None:
    g = load_example("add-mul")
    before = run(g, record=True, partial=True)
    assert run_after_adding(g, before, g.add_node("input", value=3.0)) is None  # has a value
    g = load_example("add-mul")
    nid = g.add_node("neg")
    g.connect("f", nid)  # wired: downstream of the output
    assert run_after_adding(g, before, nid) is None
    g = load_example("add-mul")
    g.set_output(None)
    before = run(g, record=True, partial=True)
    g.remove_node("f")  # a computed node: every number after it goes
    assert run_after_removing(g, before, "f") is None
