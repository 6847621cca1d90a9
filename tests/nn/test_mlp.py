"""Tests for nn.mlp: the MLP graph's gradients, dtypes and drawn layout."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.core.errors import GradflowError
from gradflow.nn.mlp import MLP, init_params


def _numeric_grad(model: MLP, name: str, x: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Central differences of the loss with respect to one parameter array."""
    p = model.params[name]
    grad = np.zeros_like(p)
    eps = 1e-6
    for idx in np.ndindex(p.shape):
        old = p[idx]
        p[idx] = old + eps
        up, _ = model.evaluate_batch(x, labels)
        p[idx] = old - eps
        down, _ = model.evaluate_batch(x, labels)
        p[idx] = old
        grad[idx] = (up - down) / (2 * eps)
    return grad


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("loss", ["softmax_ce", "mse"])
def test_gradients_match_finite_differences(activation: str, loss: str) -> None:
    model = MLP((3, 5, 4, 3), activation, loss, seed=1, dtype=np.float64)
    rng = np.random.default_rng(2)
    x = rng.standard_normal((6, 3))
    labels = np.array([0, 1, 2, 2, 1, 0])
    _, grads, _ = model.loss_and_grads(x, labels)
    assert list(grads) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for name, analytic in grads.items():
        numeric = _numeric_grad(model, name, x, labels)
        assert analytic.shape == model.params[name].shape
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8, err_msg=name)


def test_training_graph_stays_float32_end_to_end() -> None:
    model = MLP((4, 6, 3), "sigmoid")
    x = np.ones((5, 4), dtype=np.float32)
    feeds = model.feeds(x, np.array([0, 1, 2, 0, 1]))
    res = run(model.train_graph, record=False, feeds=feeds, all_grads=False)
    for node, values in res.values.items():
        if node != "y":  # integer labels are fed as they are
            assert all(v.dtype == np.float32 for v in values), node
    for node, grads in res.grads.items():
        assert all(g.dtype == np.float32 for g in grads), node
    # data needs no gradient: only parameters and what lies between them and the loss
    assert "X" not in res.grads
    assert "y" not in res.grads


def test_evaluation_graph_does_no_backward_work() -> None:
    model = MLP((2, 3, 2))
    res = run(
        model.eval_graph,
        record=False,
        feeds=model.feeds(np.ones((2, 2), np.float32), np.array([0, 1])),
        all_grads=False,
    )
    assert res.grads == {}
    loss, scores = model.evaluate_batch(np.ones((2, 2), np.float32), np.array([0, 1]))
    train_loss, _, train_scores = model.loss_and_grads(
        np.ones((2, 2), np.float32), np.array([0, 1])
    )
    assert loss == train_loss
    np.testing.assert_array_equal(scores, train_scores)


def test_init_scales_he_and_xavier() -> None:
    rng = np.random.default_rng(0)
    he = init_params((400, 300), "he", rng)
    xavier = init_params((400, 300), "xavier", np.random.default_rng(0))
    assert he["W1"].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert xavier["W1"].std() == pytest.approx(np.sqrt(2 / 700), rel=0.02)
    assert not he["b1"].any()
    with pytest.raises(GradflowError, match='unknown init "lecun"'):
        init_params((2, 2), "lecun", rng)


def test_drawn_graph_reads_left_to_right_with_readable_labels() -> None:
    model = MLP((2, 3, 2), "tanh")
    g = model.graph_for(np.array([[0.5, -1.0], [1.0, 2.0]], np.float32), np.array([1, 0]))
    titles = [g.nodes[n].title for n in g.topo_order()]
    assert titles[:6] == ["X", "W1", "X·W1", "b1", "z1", "h1 = tanh"]
    assert titles[-2:] == ["y", "loss"]
    main_path = ["X", "XW1", "z1", "h1", "XW2", "scores", "loss"]
    xs = [g.nodes[n].pos[0] for n in main_path]
    assert xs == sorted(xs)
    assert len(set(xs)) == len(xs)
    res = run(g)
    assert res.value("loss").dtype == np.float64
    np.testing.assert_array_equal(res.value("W1"), model.params["W1"].astype(np.float64))
    assert res.trace is not None
    assert res.trace.n_forward == len(g)


def test_fast_matmul_backward_matches_the_recorded_run() -> None:
    # with recording off the engine skips X's gradient product; the rest must not change
    model = MLP((6, 4, 3), "relu", seed=3)
    x = np.random.default_rng(1).standard_normal((5, 6)).astype(np.float32)
    feeds = model.feeds(x, np.array([0, 1, 2, 0, 1]))
    fast = run(model.train_graph, record=False, feeds=feeds, all_grads=False)
    full = run(model.train_graph, record=True, feeds=feeds, all_grads=True)
    for name in model.params:
        np.testing.assert_array_equal(fast.grads[name][0], full.grads[name][0])
    assert "X" in full.grads
    assert "X" not in fast.grads
