"""Training's reused arrays: the step's products and gradients are written into kept
buffers (no new big arrays), give the same numbers as fresh arrays, and stay float32."""

from __future__ import annotations

import numpy as np

from gradflow.core.engine import run
from gradflow.nn import TrainConfig, Trainer
from gradflow.nn.datasets import standardised
from gradflow.nn.mlp import MLP


def _batch(seed: int, n: int = 7) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, 6)).astype(np.float32), rng.integers(0, 3, n)


def test_reused_buffers_give_the_fresh_arrays_numbers_and_are_reused() -> None:
    model = MLP((6, 5, 4, 3), "relu", seed=2)
    first = None
    for seed, n in ((1, 7), (2, 7), (3, 4), (4, 7)):  # a short last batch changes shapes
        x, y = _batch(seed, n)
        loss, grads, scores = model.loss_and_grads(x, y)
        fresh = run(model.train_graph, record=False, feeds=model.feeds(x, y), all_grads=False)
        assert loss == float(fresh.value("loss"))
        np.testing.assert_array_equal(scores, fresh.value("scores"))
        for name in model.params:
            np.testing.assert_array_equal(grads[name], fresh.grads[name][0])
            assert grads[name].dtype == np.float32
        if first is None:
            first = grads["W1"]
        else:  # the same array every step: nothing allocated for dW1
            assert grads["W1"] is first


def test_a_training_step_stays_float32_everywhere() -> None:
    model = MLP((6, 5, 3), "relu", seed=4)
    x, y = _batch(5)
    res = run(model.train_graph, record=False, feeds=model.feeds(x, y), all_grads=False, buffers={})
    for node, values in res.values.items():
        if node != "y":  # the labels are class indices
            assert all(v.dtype == np.float32 for v in values), node
    for node, grads in res.grads.items():
        assert all(g.dtype == np.float32 for g in grads), node


def test_sgd_with_kept_arrays_equals_the_plain_update() -> None:
    rng = np.random.default_rng(6)
    x = rng.standard_normal((40, 6)).astype(np.float32)
    y = rng.integers(0, 3, 40)
    data = standardised("t", (x, y, x[:0], y[:0]), 3)
    for opt in ("sgd", "momentum"):
        cfg = TrainConfig(dataset="t", hidden=(5,), optimizer=opt, lr=0.1, batch=20)
        trainer = Trainer(cfg, dataset=data)
        w = {k: v.copy() for k, v in trainer.model.params.items()}
        v = {k: np.zeros_like(a) for k, a in w.items()}
        for _ in range(3):
            _loss, grads, _s = trainer.model.loss_and_grads(data.x_train, data.y_train)
            expected = {}
            for k in w:
                v[k] = np.float32(0.9) * v[k] + grads[k] if opt == "momentum" else grads[k]
                expected[k] = w[k] - np.float32(0.1) * v[k]
            trainer.optimizer.step(trainer.model.params, grads)
            for k in w:  # BLAS's axpby rounds once where numpy rounds twice
                np.testing.assert_allclose(trainer.model.params[k], expected[k], rtol=2e-6)
                w[k] = trainer.model.params[k].copy()


def test_bias_add_relu_and_its_mask_reuse_their_arrays_too() -> None:
    """After the first step a forward/backward allocates no activation-sized array: the
    bias adds, the ReLUs, their masks and their backward products are kept (one
    64 x 512 float32 activation is 128 KiB; what is left is a few small sums)."""
    import tracemalloc

    model = MLP((100, 512, 256, 10), "relu", seed=0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 100)).astype(np.float32)
    y = rng.integers(0, 10, 64)
    model.loss_and_grads(x, y)
    kept = {k[:2]: a for k, a in model._buffers.items()}
    tracemalloc.start()
    try:
        model.loss_and_grads(x, y)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 96 * 1024
    for key in (("z1", 0), ("h1", 0), ("h1", 1), ("h1", 2), ("z2", 0), ("h2", 0), ("scores", 0)):
        assert key in kept, key
    assert kept["h1", 1].dtype == np.bool_  # the mask: one byte per entry
    assert {k[:2]: a for k, a in model._buffers.items()} == kept  # the same arrays again


def test_gradients_through_reused_arrays_match_finite_differences() -> None:
    """Steps on other batches first (their numbers are in the kept arrays), then the
    gradient of one batch against central differences of the float64 loss."""
    model = MLP((4, 6, 5, 3), "relu", seed=3, dtype=np.float64)
    rng = np.random.default_rng(7)
    for _ in range(3):
        model.loss_and_grads(rng.standard_normal((8, 4)), rng.integers(0, 3, 8))
    x, y = rng.standard_normal((8, 4)), rng.integers(0, 3, 8)
    _loss, grads, _s = model.loss_and_grads(x, y)
    for name, p in model.params.items():
        numeric = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + 1e-6
            up = model.evaluate_batch(x, y)[0]
            p[idx] = old - 1e-6
            down = model.evaluate_batch(x, y)[0]
            p[idx] = old
            numeric[idx] = (up - down) / 2e-6
        np.testing.assert_allclose(grads[name], numeric, rtol=1e-5, atol=1e-8, err_msg=name)
