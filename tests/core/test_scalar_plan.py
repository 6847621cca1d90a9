"""The scalar fast path gives exactly the general numpy path's results, trace included."""

from __future__ import annotations

import numpy as np
import pytest
from core_support import assert_same_run, random_scalar_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core.engine import run
from gradflow.core.examples import example_names, load_example
from gradflow.core.graph import Graph
from gradflow.core.scalar_plan import compile_scalar


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_ops=st.integers(1, 25),
    record=st.booleans(),
    all_grads=st.booleans(),
    special=st.booleans(),
)
def test_random_scalar_graphs_match_the_numpy_path_bit_for_bit(
    seed, n_ops, record, all_grads, special
):
    graph = random_scalar_graph(np.random.default_rng(seed), n_ops, special)
    assert compile_scalar(graph) is not None
    fast = run(graph, record=record, all_grads=all_grads)
    slow = run(graph, record=record, all_grads=all_grads, fast=False)
    assert_same_run(fast, slow)


@pytest.mark.parametrize("name", example_names())
def test_examples_match_the_numpy_path(name):
    graph = load_example(name)
    for record in (True, False):
        assert_same_run(run(graph, record=record), run(graph, record=record, fast=False))


def test_feeds_override_leaves_without_touching_the_graph():
    graph = load_example("add-mul")
    feeds = {"x": np.array(1.0), "z": np.array(2.0)}
    fast = run(graph, feeds=feeds, record=False)
    assert_same_run(fast, run(graph, feeds=feeds, record=False, fast=False))
    assert float(fast.value("f")) == (1.0 + 5.0) * 2.0
    assert float(graph.node("x").attrs["value"]) == -2.0


def test_non_scalar_feed_or_float32_leaf_takes_the_general_path():
    graph = load_example("add-mul")
    wide = run(graph, feeds={"x": np.array([1.0, 2.0])}, record=False)
    assert wide.value("f").shape == (2,)
    np.testing.assert_array_equal(wide.value("f"), [-24.0, -28.0])
    graph.set_attr("y", "value", np.array(5.0, dtype=np.float32))
    assert compile_scalar(graph) is None
    result = run(graph)
    assert result.value("y").dtype == np.float32  # the leaf keeps its dtype
    assert_same_run(result, run(graph, fast=False))


def test_editing_a_value_keeps_the_compiled_plan_and_uses_the_new_value():
    graph = load_example("sigmoid-neuron")
    plan = compile_scalar(graph)
    graph.set_attr("w0", "value", 1.0)
    assert compile_scalar(graph) is plan
    assert_same_run(run(graph), run(graph, fast=False))
    graph.set_attr("w0", "value", [1.0, 2.0])  # a new shape is a new structure
    assert compile_scalar(graph) is None


def test_rewiring_recompiles():
    graph = load_example("add-mul")
    before = run(graph, record=False)
    edge = graph.in_edges("q")[1]
    graph.disconnect(edge)
    graph.connect("x", "q", 0, 1)
    after = run(graph, record=False)
    assert float(before.value("q")) == 3.0
    assert float(after.value("q")) == -4.0
    assert_same_run(after, run(graph, record=False, fast=False))


def test_nan_and_infinity_flow_like_numpy():
    g = Graph()
    g.add_node("input", "x", value=1000.0)
    g.add_node("exp", "e")  # overflows to inf
    g.add_node("neg", "n")
    g.add_node("add", "s")  # inf + -inf = nan
    g.add_node("relu", "r")
    g.add_node("max", "m")
    g.add_node("input", "y", value=-1.0)
    for src, dst, port in (
        ("x", "e", 0),
        ("e", "n", 0),
        ("e", "s", 0),
        ("n", "s", 1),
        ("s", "r", 0),
        ("r", "m", 0),
        ("y", "m", 1),
    ):
        g.connect(src, dst, 0, port)
    fast = run(g)
    assert np.isnan(fast.value("m"))
    assert_same_run(fast, run(g, fast=False))


def test_results_are_converted_only_when_read():
    graph = load_example("tiny-mlp")
    result = run(graph, record=False)
    assert len(result.values) == len(graph)
    assert "t" not in result.grads  # a const gets no gradient, on either path
    assert isinstance(result.value("loss"), np.ndarray)
    assert result.value("loss").shape == ()
    with pytest.raises(KeyError):
        result.grads["t"]


def test_every_op_that_can_take_scalars_has_a_scalar_rule():
    from gradflow.core.ops import REGISTRY

    needs_arrays = {"matmul", "softmax_ce"}  # vectors or matrices by definition
    leaves = {"input", "const"}
    with_rule = {name for name, op in REGISTRY.items() if op.scalar is not None}
    assert with_rule == set(REGISTRY) - needs_arrays - leaves
