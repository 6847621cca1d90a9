"""Tests for nn.optim: exact update rules of SGD, momentum and Adam, and weight decay."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core import blas
from gradflow.core.errors import GradflowError
from gradflow.nn.optim import SGD, Adam, Momentum, make_optimizer


@pytest.fixture(params=["numpy", "blas"])
def exact(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Both ways an update runs: numpy alone (the previous arithmetic, bit for bit) and
    with BLAS's axpby (one rounding less where it fuses a multiply and an add: float32
    rounding, not bits, so compared at 2e-6 of the array's size)."""
    if request.param == "numpy":
        monkeypatch.setattr(blas, "HAVE_BLAS", False)
        return True
    if not blas.HAVE_BLAS:
        pytest.skip("numpy's OpenBLAS not found: only the numpy path runs here")
    return False


def _same(actual: np.ndarray, expected: np.ndarray, exact: bool, msg: str) -> None:
    if exact:
        np.testing.assert_array_equal(actual, expected, err_msg=msg)
    else:
        scale = float(np.abs(expected).max())
        np.testing.assert_allclose(actual, expected, rtol=2e-6, atol=2e-6 * scale, err_msg=msg)


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


# --- the fused, in-place update (issue 14 item 9) ---------------------------------------

BIG = (700, 600)  # a weight matrix of some size (420,000 floats)


def _previous_adam(w, g, m, v, t, lr, wd=0.0, betas=(0.9, 0.999), eps=1e-8):
    """Adam as the previous release wrote it (whole arrays, one pass after another, in
    the parameter's dtype): the reference the update must equal, bit for bit on numpy's
    path and to float32 rounding with BLAS's axpby."""
    f = w.dtype.type
    if wd:
        g = g + f(wd) * w
    b1, b2 = betas
    m *= f(b1)
    m += g
    tmp = g * g
    v *= f(b2)
    v += tmp
    corr1, corr2 = 1 - b1**t, 1 - b2**t
    scale = np.sqrt(corr2 / (1 - b2))
    tmp = np.sqrt(v)
    tmp += f(eps * scale)
    np.divide(m, tmp, out=tmp)
    tmp *= f(lr * (1 - b1) / corr1 * scale)
    w -= tmp


def _big(seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.standard_normal(BIG).astype(np.float32),
        "b1": rng.standard_normal(BIG[1]).astype(np.float32),
    }


@pytest.mark.parametrize("weight_decay", [0.0, 0.01])
def test_fused_adam_equals_the_previous_update(weight_decay: float, exact: bool) -> None:
    params = _big(1)
    ref = {k: v.copy() for k, v in params.items()}
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in ref.items()}
    opt = Adam(0.003, weight_decay=weight_decay)
    w1 = params["W1"]
    for t in range(1, 6):
        grads = _big(10 + t)
        opt.step(params, grads)
        for k in ref:
            decay = weight_decay if k.startswith("W") else 0.0
            _previous_adam(ref[k], grads[k], *moments[k], t, 0.003, decay)
            _same(params[k], ref[k], exact, f"{k}, step {t}")
    assert params["W1"] is w1
    assert w1.dtype == np.float32
    for store in opt.state.values():
        assert all(a.dtype == np.float32 for a in store.values())


@pytest.mark.parametrize("name", ["sgd", "momentum"])
def test_fused_sgd_and_momentum_equal_the_plain_formulas(name: str, exact: bool) -> None:
    params = _big(2)
    ref = {k: v.copy() for k, v in params.items()}
    vel = {k: np.zeros_like(v) for k, v in ref.items()}
    opt = make_optimizer(name, 0.05, weight_decay=0.1)
    lr, mu, wd = np.float32(0.05), np.float32(0.9), np.float32(0.1)
    for t in range(3):
        grads = _big(20 + t)
        opt.step(params, grads)
        for k in ref:
            g = grads[k] + wd * ref[k] if k.startswith("W") else grads[k]
            if name == "momentum":
                vel[k] = mu * vel[k] + g
                g = vel[k]
            ref[k] = ref[k] - lr * g
            _same(params[k], ref[k], exact, f"{k}, step {t}")


def test_adam_first_steps_move_every_weight_by_lr_against_its_gradient() -> None:
    """Kingma & Ba's known start: with the same gradient every step, m_hat = g and
    v_hat = g^2, so each step moves every weight by lr * g / (|g| + eps) - lr against the
    sign of its gradient, whatever the gradient's size (here over 6 orders of magnitude)."""
    rng = np.random.default_rng(4)
    w0 = rng.standard_normal(BIG).astype(np.float32)
    g = (rng.choice([-1.0, 1.0], BIG) * 10.0 ** rng.uniform(-3, 3, BIG)).astype(np.float32)
    params = {"W1": w0.copy()}
    opt = Adam(1e-3)
    for t in range(1, 4):
        opt.step(params, {"W1": g})
        expected = w0.astype(np.float64) - t * 1e-3 * np.sign(g)
        np.testing.assert_allclose(params["W1"], expected, rtol=0, atol=1e-6)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_an_update_allocates_nothing_after_the_first_step(name: str) -> None:
    import tracemalloc

    params, grads = _big(5), _big(6)
    opt = make_optimizer(name, 1e-3, weight_decay=0.01)
    opt.step(params, grads)  # the first step makes the kept arrays
    tracemalloc.start()
    try:
        opt.step(params, grads)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024  # a W1 temporary alone would be 1.6 MB
