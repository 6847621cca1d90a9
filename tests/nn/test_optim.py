"""Tests for nn.optim: exact update rules of SGD, momentum and Adam, and weight decay."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.errors import GradflowError
from gradflow.nn.optim import SGD, Adam, Momentum, make_optimizer


def _params() -> dict[str, np.ndarray]:
    return {"W1": np.array([[1.0, -2.0]], np.float32), "b1": np.array([0.5], np.float32)}


def _grads() -> dict[str, np.ndarray]:
    return {"W1": np.array([[0.5, 0.25]], np.float32), "b1": np.array([-1.0], np.float32)}


def test_sgd_subtracts_lr_times_gradient_in_place() -> None:
    params = _params()
    w = params["W1"]
    SGD(0.1).step(params, _grads())
    assert params["W1"] is w  # updated in place: the graph's feeds see the new weights
    np.testing.assert_allclose(w, [[0.95, -2.025]], rtol=1e-6)
    np.testing.assert_allclose(params["b1"], [0.6], rtol=1e-6)
    assert w.dtype == np.float32


def test_momentum_accumulates_velocity() -> None:
    params = _params()
    opt = Momentum(0.1, mu=0.9)
    opt.step(params, _grads())
    opt.step(params, _grads())
    # v1 = g, v2 = 0.9 g + g = 1.9 g; w = w0 - 0.1 (g + 1.9 g) = w0 - 0.29 g
    np.testing.assert_allclose(params["W1"], [[1 - 0.145, -2 - 0.0725]], rtol=1e-6)


def test_adam_first_step_moves_each_weight_by_lr() -> None:
    params = _params()
    Adam(0.01).step(params, _grads())
    np.testing.assert_allclose(params["W1"], [[0.99, -2.01]], rtol=1e-5)
    np.testing.assert_allclose(params["b1"], [0.51], rtol=1e-5)


def test_weight_decay_applies_to_weights_not_biases() -> None:
    params = _params()
    zero = {k: np.zeros_like(v) for k, v in params.items()}
    SGD(0.1, weight_decay=0.5).step(params, zero)
    np.testing.assert_allclose(params["W1"], [[0.95, -1.9]], rtol=1e-6)
    np.testing.assert_allclose(params["b1"], [0.5])


@pytest.mark.parametrize(
    ("name", "lr", "message"),
    [
        ("rmsprop", 0.1, 'unknown optimizer "rmsprop"'),
        ("sgd", 0.0, "learning rate must be a positive number"),
        ("adam", float("nan"), "learning rate must be a positive number"),
    ],
)
def test_bad_optimizer_options_are_refused(name: str, lr: float, message: str) -> None:
    with pytest.raises(GradflowError, match=message):
        make_optimizer(name, lr)


def test_adam_follows_the_textbook_update_over_many_steps() -> None:
    """The scaled moments (m / (1 - beta1), v / (1 - beta2)) change nothing but rounding:
    ten steps agree with Kingma & Ba's algorithm written out in float64."""
    rng = np.random.default_rng(3)
    w0 = rng.standard_normal((4, 3))
    grads = [rng.standard_normal((4, 3)) for _ in range(10)]
    ours = {"W1": w0.copy()}
    opt = Adam(0.05)
    w, m, v = w0.copy(), np.zeros_like(w0), np.zeros_like(w0)
    for t, g in enumerate(grads, start=1):
        opt.step(ours, {"W1": g})
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    np.testing.assert_allclose(ours["W1"], w, rtol=1e-12, atol=1e-14)
