"""Tests for core/naming.py: the names explanations use, found without walking the trace."""

from __future__ import annotations

import numpy as np
from core_support import random_scalar_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core.engine import run
from gradflow.core.explain import explain_step
from gradflow.core.graph import Graph
from gradflow.core.naming import ForwardSteps, Namer
from gradflow.core.scalar_trace import ScalarSteps
from gradflow.core.trace import Trace


def _lecture() -> Graph:
    """q = x + y, f = q * z (the lecture's first circuit)."""
    g = Graph()
    x = g.add_node("input", "x", value=-2.0)
    y = g.add_node("input", "y", value=5.0)
    z = g.add_node("input", "z", value=-4.0)
    q = g.add_node("add", "q")
    f = g.add_node("mul", "f")
    g.connect(x, q, dst_port=0)
    g.connect(y, q, dst_port=1)
    g.connect(q, f, dst_port=0)
    g.connect(z, f, dst_port=1)
    return g


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_ops=st.integers(1, 25))
def test_forward_steps_are_the_traces_own_for_every_node(seed, n_ops):
    g = random_scalar_graph(np.random.default_rng(seed), n_ops)
    trace = run(g, record=True, partial=True).trace
    assert isinstance(trace.steps, ScalarSteps)
    walked = Trace(tuple(trace.steps), trace.n_forward)  # the same steps, as a tuple
    expected = {s.node: s for s in walked.forward}
    for t in (trace, walked):
        found = ForwardSteps(t)
        for node in g.nodes:
            assert found.get(node) == expected.get(node), node
        assert found.get("no such node") is None


def test_the_loss_is_named_by_the_first_backward_step_without_walking_the_trace():
    g = _lecture()
    trace = run(g, record=True).trace
    steps = trace.steps
    assert isinstance(steps, ScalarSteps)
    namer = Namer(g, trace)
    assert namer.loss == "f"
    assert namer.d("q") == "∂f/∂q"
    assert len(steps._made) == 1  # only the first backward step was made to name the loss


def test_a_new_label_renames_the_node_in_the_next_explanation():
    g = _lecture()
    trace = run(g, record=True).trace
    assert "∂f/∂q" in " ".join(explain_step(trace, g, 6).sentences)  # backward through f
    g.set_label("q", "s = x + y")  # a label changes no revision: the names are asked again
    text = " ".join(explain_step(trace, g, 6).sentences)
    assert "∂f/∂s" in text
    assert "∂f/∂q" not in text
    assert Namer(g, trace).title("q") == "s"


def test_names_of_two_graphs_explained_in_turn_stay_their_own():
    a, b = _lecture(), _lecture()
    b.set_label("x", "x2")
    b.set_label("y", "x2")  # two nodes would share a name: both are named by their ids
    ta, tb = run(a, record=True).trace, run(b, record=True).trace
    for _ in range(2):
        assert (Namer(a, ta).title("x"), Namer(a, ta).title("y")) == ("x", "y")
        assert (Namer(b, tb).title("x"), Namer(b, tb).title("y")) == ("x", "y")
        assert Namer(b, tb).title("z") == "z"
    b.set_label("y", "w")
    assert (Namer(b, tb).title("x"), Namer(b, tb).title("y")) == ("x2", "w")
