"""core/playback.next_state: one step on from a state is the state the walk gives."""

from __future__ import annotations

import numpy as np
from core_support import random_scalar_graph
from hypothesis import given, settings
from hypothesis import strategies as st
from test_lazy_trace import _assert_same_state

from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.core.playback import next_state, state_at
from gradflow.core.trace import Trace


def _step_on_through(trace: Trace, graph) -> None:
    state = state_at(trace, graph.edges, 0)
    for k in range(1, len(trace)):
        state = next_state(state, trace, graph.out_edges)
        _assert_same_state(state, state_at(trace, graph.edges, k))
    end = state_at(trace, graph.edges, len(trace))
    assert next_state(end, trace, graph.out_edges) is end  # the end: nothing to add


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_ops=st.integers(1, 25), special=st.booleans())
def test_stepping_on_gives_the_walks_state_at_every_step(seed, n_ops, special):
    g = random_scalar_graph(np.random.default_rng(seed), n_ops, special)
    trace = run(g, record=True, partial=True).trace
    _step_on_through(trace, g)
    walked = Trace(tuple(trace.steps), trace.n_forward)  # the steps as a tuple: no lazy maps
    _step_on_through(walked, g)


def test_stepping_on_through_tensors_and_fan_out():
    for name in ("tiny-mlp", "vector-l2", "gate-patterns"):
        g = load_example(name)
        _step_on_through(run(g, record=True).trace, g)


def test_the_previous_state_is_left_as_it_was():
    g = load_example("gate-patterns")
    trace = run(g, record=True).trace
    before = state_at(trace, g.edges, 3)
    seen = (dict(before.node_values), dict(before.edge_values))
    after = next_state(before, trace, g.out_edges)
    assert (dict(before.node_values), dict(before.edge_values)) == seen
    assert after.step == 4
    assert after.active is trace.steps[3]
