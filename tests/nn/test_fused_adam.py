"""Adam's compiled one-pass update (nn/fused_adam.py) against its numpy passes."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from gradflow.nn import fused_adam
from gradflow.nn.optim import Adam

BIG = (400, 200)  # 80,000 elements: above fused_adam.MIN_SIZE


def _run_adam(dtype: type, steps: int, compiled: bool, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """Parameters and moments after `steps` Adam steps with random gradients."""
    if not compiled:
        monkeypatch.setattr(fused_adam, "_compiled", lambda: None)
    rng = np.random.default_rng(7)
    params = {"W1": rng.standard_normal(BIG).astype(dtype), "b1": np.zeros(200, dtype)}
    opt = Adam(1e-2)
    for _ in range(steps):
        grads = {name: rng.standard_normal(p.shape).astype(dtype) for name, p in params.items()}
        opt.step(params, grads)
    monkeypatch.undo()
    return params["W1"], opt.m["W1"], opt.v["W1"]


@pytest.mark.parametrize(("dtype", "rtol"), [(np.float32, 2e-6), (np.float64, 1e-14)])
def test_compiled_update_equals_numpys_passes(dtype, rtol, monkeypatch):
    pytest.importorskip("numba")
    assert fused_adam.available()
    fused = _run_adam(dtype, 5, True, monkeypatch)
    plain = _run_adam(dtype, 5, False, monkeypatch)
    for a, b in zip(fused, plain, strict=True):
        assert a.dtype == dtype
        # the paths round differently (BLAS's axpby may fuse a multiply-add): the
        # difference is rounding of a step's update, whose size is at most lr = 1e-2
        np.testing.assert_allclose(a, b, rtol=rtol, atol=rtol * 1e-2)
    # and the two paths really differ in how they ran: the compiled one reports it did
    w, g, m, v = (np.ones(BIG, dtype) for _ in range(4))
    assert fused_adam.update(w, g, m, v, *(dtype(c) for c in (0.9, 0.999, 1e-8, 0.1)))
    np.testing.assert_allclose(m, 1.9)  # g + beta1 m
    np.testing.assert_allclose(v, 1.999)  # g² + beta2 v
    np.testing.assert_allclose(w, 1 - 0.1 * 1.9 / (np.sqrt(1.999) + 1e-8), rtol=rtol)


def test_small_or_strided_or_mixed_arrays_are_left_to_numpy():
    f = np.float32
    consts = (f(0.9), f(0.999), f(1e-8), f(0.1))
    small = [np.ones((10, 10), f) for _ in range(4)]
    assert not fused_adam.update(*small, *consts)
    assert all((a == 1).all() for a in small)  # nothing changed
    strided = [np.ones((400, 400), f)[:, ::2] for _ in range(4)]
    assert not fused_adam.update(*strided, *consts)
    mixed = [np.ones(BIG, f) for _ in range(3)] + [np.ones(BIG, np.float64)]
    assert not fused_adam.update(*mixed, *consts)
    ints = [np.ones(BIG, np.int64) for _ in range(4)]
    assert not fused_adam.update(*ints, *consts)


def test_two_threads_updating_at_once_both_get_the_right_numbers():
    pytest.importorskip("numba")
    f = np.float32
    consts = (f(0.9), f(0.999), f(1e-8), f(0.1))
    sets = [[np.full(BIG, 2.0, f) for _ in range(4)] for _ in range(2)]
    errors: list[BaseException] = []

    def work(arrays):
        try:
            for _ in range(20):
                fused_adam.update(*arrays, *consts)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(s,)) for s in sets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    np.testing.assert_array_equal(sets[0][0], sets[1][0])
    np.testing.assert_array_equal(sets[0][1], sets[1][1])
    assert not np.allclose(sets[0][0], 2.0)  # the weights moved


def test_disabled_by_the_environment(monkeypatch):
    monkeypatch.setenv(fused_adam.DISABLE_ENV, "1")
    fused_adam._compiled.cache_clear()
    try:
        assert not fused_adam.available()
        w, g, m, v = (np.ones(BIG, np.float32) for _ in range(4))
        assert not fused_adam.update(w, g, m, v, *(np.float32(c) for c in (0.9, 0.999, 1e-8, 0.1)))
        assert (w == 1).all()
    finally:
        monkeypatch.delenv(fused_adam.DISABLE_ENV)
        fused_adam._compiled.cache_clear()
