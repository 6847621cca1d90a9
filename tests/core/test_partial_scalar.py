"""A graph still being built (unwired inputs) runs its computable part on the scalar
path with exactly the values, gradients, trace and problems of the general path."""

from __future__ import annotations

import numpy as np
from core_support import assert_same_run, random_scalar_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core.engine import run
from gradflow.core.graph import Graph
from gradflow.core.scalar_trace import ScalarSteps


def _half_built(seed: int, n_ops: int, n_loose: int) -> Graph:
    """A random scalar graph plus gates with one input wired (or none), some chained."""
    rng = np.random.default_rng(seed)
    g = random_scalar_graph(rng, n_ops)
    ids = list(g.nodes)
    for k in range(n_loose):
        nid = g.add_node(str(rng.choice(["add", "mul", "max"])), f"loose{k}")
        if rng.random() < 0.7:
            g.connect(str(rng.choice(ids)), nid, 0, int(rng.integers(0, 2)))
        ids.append(nid)
    return g


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    n_ops=st.integers(1, 15),
    n_loose=st.integers(1, 4),
    record=st.booleans(),
)
def test_half_built_graphs_run_fast_and_agree_with_the_general_path(seed, n_ops, n_loose, record):
    graph = _half_built(seed, n_ops, n_loose)
    fast = run(graph, record=record, partial=True)
    slow = run(graph, record=record, partial=True, fast=False)
    assert_same_run(fast, slow)
    assert dict(fast.problems) == dict(slow.problems)
    assert (fast.notice, fast.output_note) == (slow.notice, slow.output_note)
    leaf = next(n.id for n in graph if n.op == "input")
    graph.set_attr(leaf, "value", 0.25)  # a value edit reuses the cached part: still right
    assert_same_run(
        run(graph, record=record, partial=True), run(graph, record=record, partial=True, fast=False)
    )


def test_an_unwired_gate_keeps_a_long_chain_on_the_scalar_path(monkeypatch):
    g = Graph()
    g.add_node("input", "x0", value=1.0)
    for i in range(1, 200):
        g.add_node("neg", f"x{i}")
        g.connect(f"x{i - 1}", f"x{i}")
    g.set_output("x199")
    g.add_node("add", "new")  # just dropped on the canvas
    calls = []
    import gradflow.core.engine as engine

    monkeypatch.setattr(engine, "_forward", lambda *a: calls.append(a) or ({}, {}))
    result = run(g, partial=True)
    assert calls == []  # the general path was not taken
    assert result.problems == {"new": "input a is not connected"}
    assert float(result.value("x199")) == -1.0


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    n_ops=st.integers(1, 15),
    n_loose=st.integers(1, 4),
    record=st.booleans(),
)
def test_an_output_not_computable_yet_gets_the_parts_values_on_floats(seed, n_ops, n_loose, record):
    graph = _half_built(seed, n_ops, n_loose)
    graph.set_output(f"loose{n_loose - 1}")  # unwired (or fed by an unwired gate)
    fast = run(graph, record=record, partial=True)
    slow = run(graph, record=record, partial=True, fast=False)
    assert slow.notice is not None  # the general path computed no gradient either
    assert_same_run(fast, slow)
    assert dict(fast.problems) == dict(slow.problems)
    assert (fast.notice, fast.output_note) == (slow.notice, slow.output_note)
    if record:
        assert isinstance(fast.trace.steps, ScalarSteps)  # not the numpy path


def test_wiring_a_long_chain_into_a_half_wired_gate_stays_on_floats(monkeypatch):
    g = Graph()
    g.add_node("input", "x0", value=1.0)
    for i in range(1, 200):
        g.add_node("neg", f"x{i}")
        g.connect(f"x{i - 1}", f"x{i}")
    g.add_node("add", "end")
    g.connect("x199", "end")  # the only end now, waiting for its second input
    import gradflow.core.engine as engine

    calls = []
    monkeypatch.setattr(engine, "_forward", lambda *a: calls.append(a) or ({}, {}))
    result = run(g, partial=True)
    assert calls == []
    assert result.output == "end"
    assert result.notice == "the output end cannot be computed yet"
    assert float(result.value("x199")) == -1.0
    assert result.grads == {}
