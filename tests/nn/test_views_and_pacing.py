"""Training you can watch: pacing, single steps, history snapshots, and the views drawn."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.nn import TrainConfig, Trainer
from gradflow.nn.history import History
from gradflow.nn.pacing import Pacer
from gradflow.nn.views import compute_views


class _FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept += seconds
        self.now += seconds


@pytest.mark.parametrize("rate", [1.0, 10.0, 40.0])
def test_the_pacer_bounds_the_iteration_rate(rate: float) -> None:
    t = _FakeTime()
    pacer = Pacer(rate, t.clock, t.sleep)
    for _ in range(21):
        pacer.wait()
        t.now += 0.001  # the iteration itself
    assert t.now >= 20 / rate  # 21 starts need at least 20 intervals
    assert t.now <= 20 / rate + 0.002  # and not much more: work counts towards the wait


def test_as_fast_as_possible_never_waits() -> None:
    t = _FakeTime()
    pacer = Pacer(None, t.clock, t.sleep)
    for _ in range(100):
        pacer.wait()
    pacer.set_rate(0)
    pacer.wait()
    assert t.slept == 0


def _toy(**kw: object) -> Trainer:
    base = {"dataset": "spiral", "hidden": (6,), "samples": 60, "batch": 16, "epochs": 3}
    return Trainer(TrainConfig(**{**base, **kw}))  # type: ignore[arg-type]


def test_advance_one_runs_exactly_one_optimiser_step() -> None:
    trainer, direct = _toy(), _toy()
    trainer.pause()
    events = trainer.run()
    trainer.advance_one()
    first = next(events)
    assert first.iteration == 1
    assert trainer.paused  # and waits again
    # the same step, taken by hand on the first batch of the same seeded order
    order = np.random.default_rng(trainer.config.seed + 1).permutation(len(direct.data.x_train))
    idx = order[:16]
    direct.step(direct.data.x_train[idx], direct.data.y_train[idx])
    for name, value in direct.model.params.items():
        assert trainer.model.params[name].tobytes() == value.tobytes()
    record = trainer.last_step
    assert record is not None
    np.testing.assert_array_equal(record.x, direct.data.x_train[idx])
    graph = trainer.iteration_graph()
    assert graph is not None
    np.testing.assert_array_equal(graph.node("W1").attrs["value"], trainer.history[0].params["W1"])
    trainer.stop()
    list(events)


def test_history_keeps_one_snapshot_per_epoch_and_thins_out_when_full() -> None:
    trainer = _toy()
    for _ev in trainer.run():
        pass
    assert trainer.history.epochs() == [0, 1, 2, 3]
    last = trainer.history[-1].params
    for name, value in trainer.model.params.items():
        np.testing.assert_array_equal(last[name], value)
    assert not np.array_equal(trainer.history[0].params["W1"], last["W1"])
    small = History(budget=50)
    for e in range(10):
        small.record(e, e, {"W": np.full(10, float(e))})
    assert small.epochs()[0] == 0
    assert small.epochs()[-1] == 9
    assert len(small) <= 5


def test_views_of_a_snapshot_are_not_the_live_ones() -> None:
    trainer = _toy(epochs=4)
    for _ev in trainer.run():
        pass
    old = compute_views(trainer, trainer.history[0].params, epoch=0, resolution=20)
    now = compute_views(trainer, trainer.model.params, resolution=20)
    assert old.boundary is not None
    assert now.boundary is not None
    assert old.boundary.values.shape == (20, 20, 3)
    assert not np.allclose(old.boundary.values, now.boundary.values)
    assert [name for name, _m in now.hidden] == [f"h1:{u}" for u in range(1, 7)]
    assert now.linear_map is None


def test_fit_views_for_regression() -> None:
    line = Trainer(TrainConfig(dataset="line", task="regression", hidden=(), samples=40, epochs=1))
    views = compute_views(line, line.model.params)
    assert views.fit_curve is not None
    xs, ys = views.fit_curve
    np.testing.assert_allclose(ys, line.predict_values(xs.reshape(-1, 1))[:, 0], rtol=1e-6)
    assert views.linear_map is not None
    plane = Trainer(TrainConfig(dataset="plane", task="regression", hidden=(4,), samples=40))
    views = compute_views(plane, plane.model.params, resolution=10)
    assert views.fit_surface is not None
    assert views.fit_surface.values.shape == (10, 10)
