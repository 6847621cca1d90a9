"""Tests for nn.trainer: learning, reproducibility, divergence, thread control, predictions."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.nn import (
    ConfigError,
    EpochMetrics,
    IterationMetrics,
    TrainConfig,
    Trainer,
    TrainingDiverged,
    TrainingFinished,
)


def _collect(trainer: Trainer) -> list:
    return list(trainer.run())


def test_relu_mlp_learns_the_spiral() -> None:
    cfg = TrainConfig(
        dataset="spiral",
        hidden=(64, 64),
        activation="relu",
        optimizer="adam",
        lr=0.01,
        batch=32,
        epochs=40,
        samples=600,
        noise=0.2,
        seed=0,
    )
    trainer = Trainer(cfg)
    events = _collect(trainer)
    epochs = [e for e in events if isinstance(e, EpochMetrics)]
    assert [e.epoch for e in epochs] == list(range(1, 41))
    _, train_acc = trainer.evaluate(trainer.data.x_train, trainer.data.y_train)
    assert train_acc >= 0.95
    assert epochs[-1].train_loss < epochs[0].train_loss / 5
    assert epochs[-1].val_acc >= 0.9
    assert isinstance(events[-1], TrainingFinished)
    assert not events[-1].stopped
    assert events[-1].iterations == 40 * 15  # 480 training points in batches of 32


def test_events_carry_losses_and_per_layer_gradient_norms() -> None:
    trainer = Trainer(TrainConfig(dataset="xor", hidden=(8, 8), epochs=2, batch=100, samples=500))
    events = _collect(trainer)
    iters = [e for e in events if isinstance(e, IterationMetrics)]
    assert [e.iteration for e in iters] == list(range(1, 9))
    assert all(len(e.grad_norms) == 3 and min(e.grad_norms) > 0 for e in iters)
    epoch = next(e for e in events if isinstance(e, EpochMetrics))
    first = iters[:4]
    assert epoch.train_loss == pytest.approx(sum(e.loss for e in first[:4]) / 4, rel=1e-6)
    np.testing.assert_allclose(epoch.grad_norms, np.mean([e.grad_norms for e in first], 0))
    assert epoch.samples_per_s > 0


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_same_seed_gives_the_same_losses_bit_for_bit(optimizer: str) -> None:
    def losses(seed: int) -> list[float]:
        cfg = TrainConfig(
            dataset="circles", optimizer=optimizer, lr=0.05, epochs=3, weight_decay=1e-3, seed=seed
        )
        return [e.loss for e in Trainer(cfg).run() if isinstance(e, IterationMetrics)]

    assert losses(7) == losses(7)
    assert losses(7) != losses(8)


def test_a_huge_learning_rate_stops_with_a_message_and_finite_weights() -> None:
    cfg = TrainConfig(dataset="spiral", optimizer="sgd", lr=1e6, epochs=50)
    trainer = Trainer(cfg)
    with pytest.raises(
        TrainingDiverged, match=r"the loss became (nan|inf|\d\S*)( \(it was .*\))?; try a smaller"
    ):
        _collect(trainer)
    assert all(np.isfinite(p).all() for p in trainer.model.params.values())


def _eventually(condition, seconds: float = 10.0) -> bool:
    """Whether `condition()` becomes true within `seconds` (polled, no fixed sleep)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


def test_pause_resume_and_stop_from_another_thread() -> None:
    trainer = Trainer(TrainConfig(dataset="spiral", epochs=10_000, batch=8))
    seen: list[object] = []
    paused_at = threading.Event()

    def consume() -> None:
        for ev in trainer.run():
            seen.append(ev)
            if isinstance(ev, IterationMetrics) and ev.iteration == 5:
                trainer.pause()
                paused_at.set()

    worker = threading.Thread(target=consume)
    worker.start()
    assert paused_at.wait(10)
    assert trainer.paused
    count = len(seen)
    assert _eventually(lambda: trainer.parked)  # the loop waits before iteration 6
    assert worker.is_alive()
    assert len(seen) == count == 5
    assert trainer.iteration == 5
    trainer.resume()
    trainer.stop()
    worker.join(10)
    assert not worker.is_alive()
    assert isinstance(seen[-1], TrainingFinished)
    assert seen[-1].stopped
    assert seen[-1].iterations <= 6


def test_predict_decision_grid_and_network_graph() -> None:
    trainer = Trainer(TrainConfig(dataset="gaussians", hidden=(16,), epochs=15, noise=0.0))
    _collect(trainer)
    raw = trainer.data.raw(trainer.data.x_val)
    np.testing.assert_array_equal(trainer.predict(raw), trainer.data.y_val)
    grid = trainer.decision_grid(20)
    assert grid.probs.shape == (20, 20, 2)
    assert grid.xs.shape == (20,)
    np.testing.assert_allclose(grid.probs.sum(axis=2), 1, rtol=1e-5)
    assert grid.xs[0] < raw[:, 0].min()
    assert grid.ys[-1] > raw[:, 1].max()
    g = trainer.network_graph(n_samples=3)
    res = run(g)
    assert res.value("X").shape == (3, 2)
    assert res.value("X").dtype == np.float64
    loss, _ = trainer.evaluate(trainer.data.x_train[:3], trainer.data.y_train[:3])
    assert float(res.value("loss")) == pytest.approx(loss, rel=1e-4)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"activation": "gelu"}, 'unknown activation "gelu"'),
        ({"hidden": (0,)}, "hidden layers must be 1..8192 wide"),
        ({"batch": 0}, "batch size must be at least 1"),
        ({"epochs": 0}, "number of epochs must be at least 1"),
        ({"lr": -1.0}, "learning rate must be a positive number"),
        ({"weight_decay": float("inf")}, "weight decay must be >= 0"),
    ],
)
def test_bad_config_is_refused_before_anything_is_built(change: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Trainer(TrainConfig(**change))


def test_nn_imports_no_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, gradflow.nn, gradflow.train_cli;"
        "print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_stopped_run_continues_exactly_where_it_stopped() -> None:
    cfg = TrainConfig(dataset="spiral", epochs=3, batch=50)
    whole = [e.loss for e in Trainer(cfg).run() if isinstance(e, IterationMetrics)]
    trainer = Trainer(cfg)
    first: list[float] = []
    for ev in trainer.run():
        if isinstance(ev, IterationMetrics):
            first.append(ev.loss)
            if ev.iteration == 13:  # mid-way through the second epoch
                trainer.stop()
    assert trainer.epoch == 1
    rest = list(trainer.run())
    losses = first + [e.loss for e in rest if isinstance(e, IterationMetrics)]
    assert losses == whole
    assert [e.epoch for e in rest if isinstance(e, EpochMetrics)] == [2, 3]
