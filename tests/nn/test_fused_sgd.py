"""Plain SGD folded into the backward on large networks (nn.trainer + core.descend).

A network with a weight matrix of LARGE_LAYER entries or more measures its gradient
norms on every NORMS_EVERY-th iteration; with plain SGD the other iterations let the
engine apply the update inside the weight gradient's gemm. Those steps must be the
optimiser's steps to float rounding, report NaN norms, and stop on a diverged loss with
nothing changed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gradflow.core import blas
from gradflow.nn import EpochMetrics, IterationMetrics, TrainConfig, Trainer, TrainingDiverged
from gradflow.nn.datasets import standardised
from gradflow.nn.trainer import LARGE_LAYER, NORMS_EVERY

D, H, C = 512, 256, 4  # W1 has 512 * 256 = 131,072 entries: exactly LARGE_LAYER


def _trainer(optimizer: str = "sgd", lr: float = 0.05, n: int = 96, **kw: object) -> Trainer:
    rng = np.random.default_rng(3)
    x = rng.standard_normal((n, D)).astype(np.float32)
    y = rng.integers(0, C, n)
    data = standardised("big", (x, y, x[:8], y[:8]), C)
    cfg = TrainConfig(dataset="big", hidden=(H,), optimizer=optimizer, lr=lr, batch=32, **kw)
    return Trainer(cfg, dataset=data)


def test_the_rule_large_layers_measure_norms_every_kth_step() -> None:
    assert D * H == LARGE_LAYER
    assert _trainer().norms_every == NORMS_EVERY
    assert Trainer(TrainConfig(dataset="xor", hidden=(8,))).norms_every == 1


@pytest.mark.parametrize("with_blas", [True, False])
def test_fused_steps_equal_the_optimisers_steps(
    with_blas: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if with_blas and not blas.HAVE_BLAS:
        pytest.skip("numpy's OpenBLAS not found: only numpy's arithmetic runs here")
    # without numpy's OpenBLAS the engine still descends, in numpy (product, then add)
    monkeypatch.setattr(blas, "HAVE_BLAS", with_blas)
    fused, plain = _trainer(), _trainer()
    plain.norms_every = 1  # every step unfused: gradients, norms, then optimizer.step
    x, y = fused.data.x_train[:32], fused.data.y_train[:32]
    for i in range(2 * NORMS_EVERY + 1):
        loss_f, norms_f, ok_f = fused.step(x, y)
        loss_p, norms_p, ok_p = plain.step(x, y)
        assert loss_f == pytest.approx(loss_p, rel=1e-5)
        assert ok_f == ok_p
        if i % NORMS_EVERY == 0:  # measured, on the unfused path
            np.testing.assert_allclose(norms_f, norms_p, rtol=1e-5)
        else:
            assert all(math.isnan(v) for v in norms_f)
    for name, w in plain.model.params.items():
        assert fused.model.params[name].dtype == np.float32
        np.testing.assert_allclose(fused.model.params[name], w, rtol=1e-5, atol=1e-7)
    assert fused.optimizer.t == plain.optimizer.t == 2 * NORMS_EVERY + 1


def test_epoch_norms_average_the_measured_iterations_only() -> None:
    trainer = _trainer(n=32 * 10, epochs=1)
    events = list(trainer.run())
    iters = [e for e in events if isinstance(e, IterationMetrics)]
    epoch = next(e for e in events if isinstance(e, EpochMetrics))
    measured = [e.grad_norms for e in iters if not math.isnan(e.grad_norms[0])]
    assert [e.iteration for e in iters if not math.isnan(e.grad_norms[0])] == [1, 9]
    np.testing.assert_allclose(epoch.grad_norms, np.mean(measured, axis=0))


def test_a_diverged_fused_step_changes_nothing() -> None:
    trainer = _trainer()
    x, y = trainer.data.x_train[:32], trainer.data.y_train[:32]
    trainer.step(x, y)  # iteration 1 (measured) sets the first loss
    before = trainer.params_copy()
    x_bad = x * np.float32(1e30)  # scores overflow: the loss is not finite
    with pytest.raises(TrainingDiverged, match="iteration 2"):
        trainer.step(x_bad, y)
    for name, w in before.items():
        np.testing.assert_array_equal(trainer.model.params[name], w)
    assert trainer.iteration == 1


@pytest.mark.parametrize(
    ("optimizer", "weight_decay"), [("adam", 0.0), ("momentum", 0.0), ("sgd", 1e-3)]
)
def test_only_plain_sgd_is_folded(optimizer: str, weight_decay: float) -> None:
    trainer = _trainer(optimizer, weight_decay=weight_decay)
    assert trainer.optimizer.plain_rates(trainer.model.params) is None
    assert _trainer().optimizer.plain_rates({"W1": np.zeros(1)}) == {"W1": 0.05}
