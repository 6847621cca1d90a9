"""softmax_ce's fused backward (runs without a trace): same loss, the recorded path's
gradient, central differences, float32 kept, and scores upstream of a non-unit seed."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core.engine import run
from gradflow.core.graph import Graph


def _ce_graph(scores: np.ndarray, labels: np.ndarray, scale: float | None = None) -> Graph:
    g = Graph()
    g.add_node("input", "s", value=scores)
    g.add_node("const", "y", value=labels)
    g.add_node("softmax_ce", "ce")
    g.connect("s", "ce", dst_port=0)
    g.connect("y", "ce", dst_port=1)
    end = "ce"
    if scale is not None:  # the loss is not the output: its upstream is not 1
        g.add_node("mul_const", "k", c=scale)
        g.connect("ce", "k")
        end = "k"
    g.set_output(end)
    return g


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(1, 6),
    c=st.integers(2, 5),
    spread=st.sampled_from([0.1, 3.0, 1000.0]),
    scale=st.sampled_from([None, -2.5]),
)
def test_fused_backward_matches_recorded_and_finite_differences(
    seed: int, n: int, c: int, spread: float, scale: float | None
) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.standard_normal((n, c)) * spread
    labels = rng.integers(0, c, n).astype(np.float64)
    g = _ce_graph(scores, labels, scale)
    fused = run(g, record=False, fast=False)
    traced = run(g, record=True, fast=False)
    assert fused.value("ce") == traced.value("ce")
    np.testing.assert_allclose(fused.grad("s"), traced.grad("s"), rtol=1e-12, atol=1e-300)
    if spread < 1000:  # at +-1000 the loss is piecewise linear; differences are exact there too
        h = 1e-6
        numeric = np.zeros_like(scores)
        for idx in np.ndindex(*scores.shape):
            up, down = scores.copy(), scores.copy()
            up[idx] += h
            down[idx] -= h
            f_up = run(g, record=False, fast=False, feeds={"s": up}).value(g.output_node())
            f_dn = run(g, record=False, fast=False, feeds={"s": down}).value(g.output_node())
            numeric[idx] = (f_up - f_dn) / (2 * h)
        np.testing.assert_allclose(fused.grad("s"), numeric, rtol=1e-5, atol=1e-7)


def test_fused_path_keeps_float32_and_finite_at_extremes() -> None:
    scores = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, 1000.0]], np.float32)
    labels = np.array([1, 2], np.int64)
    with np.errstate(all="raise"):  # no overflow, no invalid value on the way
        res = run(_ce_graph(scores, labels), record=False, fast=False, all_grads=False)
    grad = res.grad("s")
    assert res.value("ce").dtype == np.float32
    assert grad.dtype == np.float32
    assert res.value("ce") == np.float32(1000.0)  # row 1: 2000 / 2, row 2: 0
    np.testing.assert_array_equal(grad, np.array([[0.5, -0.5, 0.0], [0.0, 0.0, 0.0]], np.float32))
