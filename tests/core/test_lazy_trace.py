"""A scalar run's trace makes its steps when read; its end state is the run's own maps."""

from __future__ import annotations

import numpy as np
from core_support import random_scalar_graph, same, same_arrays
from hypothesis import given, settings
from hypothesis import strategies as st
from test_partial_scalar import _half_built

from gradflow.core.engine import run
from gradflow.core.playback import state_at
from gradflow.core.scalar_trace import ScalarSteps
from gradflow.core.trace import Trace


def _assert_same_state(fast, slow) -> None:
    assert (fast.step, fast.total, fast.n_forward) == (slow.step, slow.total, slow.n_forward)
    for a, b in (
        (fast.node_values, slow.node_values),
        (fast.node_grads, slow.node_grads),
    ):
        assert list(a) == list(b)
        for k in b:
            assert same_arrays(a[k], b[k]), k
    for a, b in ((fast.edge_values, slow.edge_values), (fast.edge_grads, slow.edge_grads)):
        assert list(a) == list(b)
        for e in b:
            assert same(a[e], b[e]), e
    assert fast.active == slow.active


@settings(max_examples=120, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_ops=st.integers(1, 25), special=st.booleans())
def test_the_end_state_equals_the_walk_over_every_step(seed, n_ops, special):
    g = random_scalar_graph(np.random.default_rng(seed), n_ops, special)
    result = run(g, record=True, partial=True)
    trace = result.trace
    assert isinstance(trace.steps, ScalarSteps)
    walked = Trace(tuple(trace.steps), trace.n_forward)  # every step made, as a tuple
    for k in (len(trace), len(trace) - 1, trace.n_forward, 1, 0):
        _assert_same_state(state_at(trace, g.edges, k), state_at(walked, g.edges, k))


def test_steps_are_made_only_when_read():
    g = random_scalar_graph(np.random.default_rng(3), 30)
    trace = run(g, record=True).trace
    steps = trace.steps
    assert isinstance(steps, ScalarSteps)
    state = state_at(trace, g.edges, len(trace))
    assert len(steps._made) == 1  # the last step: the active one
    assert steps[-1] is state.active is steps[len(trace) - 1]
    assert steps[2:4] == (steps[2], steps[3])
    assert len(list(steps)) == len(trace)
    assert len(steps._made) == len(trace)


def test_the_maps_are_not_used_for_another_graphs_wires():
    g = random_scalar_graph(np.random.default_rng(5), 12)
    trace = run(g, record=True).trace
    fewer = g.edges[:-1]
    state = state_at(trace, fewer, len(trace))
    assert list(state.edge_values) == [
        e for e in state_at(trace, g.edges, len(trace)).edge_values if e in fewer
    ]


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    n_ops=st.integers(1, 15),
    n_loose=st.integers(1, 4),
    named=st.booleans(),
)
def test_a_half_built_graphs_end_state_equals_the_walk(seed, n_ops, n_loose, named):
    g = _half_built(seed, n_ops, n_loose)
    if named:  # an output that cannot be computed yet: a forward-only trace
        g.set_output(f"loose{n_loose - 1}")
    trace = run(g, record=True, partial=True).trace
    assert isinstance(trace.steps, ScalarSteps)
    walked = Trace(tuple(trace.steps), trace.n_forward)
    for k in (len(trace), len(trace) - 1, 0):
        _assert_same_state(state_at(trace, g.edges, k), state_at(walked, g.edges, k))
