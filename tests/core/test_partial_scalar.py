"""A graph still being built (unwired inputs) runs its computable part on the scalar
path with exactly the values, gradients, trace and problems of the general path."""

from __future__ import annotations

import numpy as np
from core_support import assert_same_run, random_scalar_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core.engine import run
from gradflow.core.graph import Graph


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
