"""nn: the training loop - config, metrics events, pause/resume/stop, predictions.

`Trainer(config).run()` is a generator of events: an `IterationMetrics` per mini-batch,
an `EpochMetrics` per epoch and a final `TrainingFinished`. A NaN or infinite loss raises
`TrainingDiverged` before the parameters are touched. `pause`, `resume` and `stop` may be
called from any thread; they take effect between two iterations. Predictions and
`network_graph` may also be asked for from another thread while training runs: a lock
makes them see the parameters between two updates, never half-way through one.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from typing import Any

import numpy as np

from gradflow.core.errors import GradflowError
from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.core.numerics import log_softmax
from gradflow.nn.config import TrainConfig
from gradflow.nn.datasets import Dataset, load_dataset
from gradflow.nn.events import (
    DecisionGrid,
    EpochMetrics,
    Event,
    IterationMetrics,
    StepRecord,
    TrainingFinished,
)
from gradflow.nn.history import History
from gradflow.nn.memory import check_fits
from gradflow.nn.mlp import MLP
from gradflow.nn.model_file import Checkpoint
from gradflow.nn.optim import make_optimizer

__all__ = [
    "DecisionGrid",
    "EpochMetrics",
    "Event",
    "IterationMetrics",
    "StepRecord",
    "Trainer",
    "TrainingDiverged",
    "TrainingFinished",
    "softmax",
]

EXPLODED = 1e6  # a loss this many times its first value has diverged, even if finite
# A network with a weight matrix this large measures its gradient norms on every
# NORMS_EVERY-th iteration only: on the others plain SGD is folded into the backward
# (core.descend: the weight gradient is never an array, so it has no norm to measure).
LARGE_LAYER = 1 << 17  # entries of a weight matrix (a 3072 x 512 layer has 1.57 M)
NORMS_EVERY = 8


class TrainingDiverged(GradflowError):
    """The loss became NaN or infinite; training stopped with the last finite parameters."""


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax of class scores."""
    result: np.ndarray = np.exp(log_softmax(np.atleast_2d(scores)))
    return result


class _EpochProgress:
    """Where the current epoch is (batch order, position) and its running sums."""

    def __init__(self, order: np.ndarray, n_layers: int) -> None:
        self.order = order
        self.pos = 0
        self.busy = self.loss_sum = 0.0
        self.correct = self.measured = 0
        self.norm_sum = np.zeros(n_layers)

    def add(self, seconds: float, loss_sum: float, correct: int, norms: tuple[Any, ...]) -> None:
        self.busy += seconds
        self.loss_sum += loss_sum
        self.correct += correct
        if norms and math.isfinite(norms[0]):  # NaN: this iteration did not measure them
            self.norm_sum += norms
            self.measured += 1


def _layer_norms(grads: dict[str, np.ndarray], n_layers: int) -> tuple[float, ...]:
    """sqrt(|dWi|² + |dbi|²) per layer, one dot product per array (no temporaries)."""
    return tuple(
        math.sqrt(
            float(np.vdot(grads[f"W{i}"], grads[f"W{i}"]))
            + float(np.vdot(grads[f"b{i}"], grads[f"b{i}"]))
        )
        for i in range(1, n_layers + 1)
    )


class Trainer:
    """Trains an MLP on one data set, as configured; see the module docstring."""

    def __init__(
        self,
        config: TrainConfig,
        dataset: Dataset | None = None,
        start: Checkpoint | None = None,
    ) -> None:
        """`start` (a loaded model file) gives the first weights and the standardisation;
        its layer sizes must fit the data."""
        config.validate()
        self.config = config
        data = dataset or load_dataset(
            config.dataset,
            samples=config.samples,
            noise=config.noise,
            classes=config.classes,
            val_fraction=config.val_fraction,
            seed=config.seed,
            task=config.task,
            image_shape=config.image_shape,
        )
        sizes = (data.n_features, *config.hidden, data.n_classes)
        check_fits(sizes, config.batch, config.optimizer)
        if start is not None:
            data = start.apply_to(data, sizes)
        self.data = data
        self.model = MLP(
            sizes,
            config.activation,
            config.loss,
            init=config.init,
            seed=config.seed,
            regression=data.is_regression,
        )
        if start is not None:
            for name, value in start.params.items():
                self.model.params[name][...] = value
        self.optimizer = make_optimizer(config.optimizer, config.lr, config.weight_decay)
        big = max(w.size for name, w in self.model.params.items() if name.startswith("W"))
        # gradient norms on every iteration, or (large networks) on every k-th one
        self.norms_every = NORMS_EVERY if big >= LARGE_LAYER else 1
        self._batch: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # batch arrays by size
        self._rng = np.random.default_rng(config.seed + 1)
        self.epoch = 0
        self.iteration = 0
        self._progress: _EpochProgress | None = None
        self._go = threading.Event()
        self._go.set()
        self._stop = threading.Event()
        self._single = False  # advance_one: pause again after the next iteration
        self._parked = threading.Event()  # set while the loop waits at a pause
        self._params_lock = threading.Lock()
        self._first_loss: float | None = None
        self.last_step: StepRecord | None = None
        self.history = History()
        self.history.record(0, 0, self.model.params)

    # --- control from any thread ---------------------------------------------------------
    def pause(self) -> None:
        """Hold training before the next iteration."""
        self._go.clear()

    def resume(self) -> None:
        """Continue after `pause`."""
        self._go.set()

    def stop(self) -> None:
        """End training before the next iteration (also wakes a paused trainer)."""
        self._stop.set()
        self._go.set()

    def advance_one(self) -> None:
        """Run exactly one more iteration, then pause (from any thread). The batch and
        the parameters it started from are kept in `last_step`."""
        self._single = True
        self._go.set()

    @property
    def paused(self) -> bool:
        """Whether `pause` is in effect."""
        return not self._go.is_set()

    @property
    def parked(self) -> bool:
        """Whether the loop is waiting at a pause now: no iteration runs until resumed."""
        return self._parked.is_set()

    # --- training -----------------------------------------------------------------------------
    def step(self, x: np.ndarray, labels: np.ndarray) -> tuple[float, tuple[float, ...], int]:
        """One optimiser step on a batch: (loss, gradient norm per layer, correct predictions).

        The norms are NaN on iterations that do not measure them (`norms_every`); with
        plain SGD those fold the update into the backward (`MLP.loss_and_descend`)."""
        measure = self.iteration % self.norms_every == 0
        rates = None if measure else self.optimizer.plain_rates(self.model.params)
        if rates is not None:
            with self._params_lock, np.errstate(all="ignore"):
                loss, scores = self.model.loss_and_descend(x, labels, rates, self._check_loss)
            self.optimizer.count_step()
            norms: tuple[float, ...] = (math.nan,) * self.model.n_layers
        else:
            with np.errstate(all="ignore"):  # an overflow shows as a non-finite loss, below
                loss, grads, scores = self.model.loss_and_grads(x, labels)
            self._check_loss(loss)
            norms = (
                _layer_norms(grads, self.model.n_layers)
                if measure
                else (math.nan,) * self.model.n_layers
            )
            with self._params_lock, np.errstate(all="ignore"):
                self.optimizer.step(self.model.params, grads)
        self.iteration += 1
        if self.data.is_regression:
            return loss, norms, 0
        correct = int(np.count_nonzero(scores.argmax(axis=1) == labels))
        return loss, norms, correct

    def _check_loss(self, loss: float) -> None:
        """TrainingDiverged if the loss is NaN, infinite or exploded (before any update)."""
        loss = float(loss)
        if self._first_loss is None:
            self._first_loss = loss
        exploded = math.isfinite(loss) and loss > EXPLODED * max(abs(self._first_loss), 1.0)
        if math.isfinite(loss) and not exploded:
            return
        where = {"epoch": self.epoch + 1, "iteration": self.iteration + 1, "loss": f"{loss:.3g}"}
        said = (
            _(
                "training diverged at epoch {epoch}, iteration {iteration}: the loss became "
                "{loss} (it was {first} at the start); try a smaller learning rate"
            ).format(first=f"{self._first_loss:.3g}", **where)
            if exploded
            else _(
                "training diverged at epoch {epoch}, iteration {iteration}: the loss became "
                "{loss}; try a smaller learning rate"
            ).format(**where)
        )
        raise TrainingDiverged(said)

    def _batch_of(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The training rows `idx`, gathered into arrays kept from batch to batch (no new
        3 MB batch per step on CIFAR-10); overwritten by the next call."""
        xs, ys = self.data.x_train, self.data.y_train
        kept = self._batch.get(len(idx))
        if kept is None:
            kept = self._batch[len(idx)] = (
                np.empty((len(idx), *xs.shape[1:]), xs.dtype),
                np.empty((len(idx), *ys.shape[1:]), ys.dtype),
            )
        np.take(xs, idx, axis=0, out=kept[0])
        np.take(ys, idx, axis=0, out=kept[1])
        return kept

    def run(self) -> Iterator[Event]:
        """Train for the configured epochs; after a stop, continue exactly where it stopped
        (same batch order), so a stopped and continued run equals an uninterrupted one."""
        cfg, data = self.config, self.data
        n = len(data.x_train)
        start = time.perf_counter()
        stopped = False
        while self.epoch < cfg.epochs and not stopped:
            if self._progress is None:
                self._progress = _EpochProgress(self._rng.permutation(n), self.model.n_layers)
            ep = self._progress
            while ep.pos < n:
                if not self._go.is_set():
                    self._parked.set()
                    self._go.wait()
                    self._parked.clear()
                if self._stop.is_set():
                    stopped = True
                    break
                idx = ep.order[ep.pos : ep.pos + cfg.batch]
                single = self._single
                if single:  # one step at a time: keep what it started from
                    self.last_step = StepRecord(
                        self.iteration + 1,
                        data.x_train[idx],
                        data.y_train[idx],
                        {k: v.copy() for k, v in self.model.params.items()},
                    )
                t0 = time.perf_counter()
                loss, norms, ok = self.step(*self._batch_of(idx))
                ep.add(time.perf_counter() - t0, loss * len(idx), ok, norms)
                ep.pos += len(idx)
                if single:
                    self._single = False
                    self._go.clear()
                yield IterationMetrics(self.epoch + 1, self.iteration, loss, norms)
            if stopped:
                break
            self.epoch += 1
            self._progress = None
            with self._params_lock:
                self.history.record(self.epoch, self.iteration, self.model.params)
            val_loss, val_acc = self.evaluate(data.x_val, data.y_val)
            yield EpochMetrics(
                self.epoch,
                self.iteration,
                ep.loss_sum / n,
                float("nan") if data.is_regression else ep.correct / n,
                val_loss,
                val_acc,
                n / ep.busy if ep.busy > 0 else float("inf"),
                tuple(float(v) for v in ep.norm_sum / max(ep.measured, 1)),
                time.perf_counter() - start,
            )
        self._stop.clear()
        yield TrainingFinished(self.epoch, self.iteration, time.perf_counter() - start, stopped)

    # --- using the model ------------------------------------------------------------------------
    def evaluate(self, x: np.ndarray, labels: np.ndarray, chunk: int = 4096) -> tuple[float, float]:
        """Mean loss and accuracy on standardised features (NaN, NaN when empty; the
        accuracy is NaN for regression)."""
        if len(x) == 0:
            return float("nan"), float("nan")
        total, correct = 0.0, 0
        with self._params_lock:
            for i in range(0, len(x), chunk):
                loss, scores = self.model.evaluate_batch(x[i : i + chunk], labels[i : i + chunk])
                total += loss * len(scores)
                if not self.data.is_regression:
                    hits = scores.argmax(axis=1) == labels[i : i + chunk]
                    correct += int(np.count_nonzero(hits))
        acc = float("nan") if self.data.is_regression else correct / len(x)
        return total / len(x), acc

    def predict_values(self, raw: np.ndarray) -> np.ndarray:
        """The network's outputs (class scores, or regression predictions) for raw rows."""
        x = self.data.standardise(np.asarray(raw))
        with self._params_lock:
            return self.model.scores(x)

    def predict_proba(self, raw: np.ndarray) -> np.ndarray:
        """Class probabilities for raw feature rows (in the data set's own units)."""
        x = self.data.standardise(np.asarray(raw))
        with self._params_lock:
            return softmax(self.model.scores(x))

    def predict(self, raw: np.ndarray) -> np.ndarray:
        """The most likely class of each raw feature row."""
        result: np.ndarray = self.predict_proba(raw).argmax(axis=1)
        return result

    def decision_grid(self, resolution: int = 100) -> DecisionGrid:
        """Class probabilities on a resolution x resolution grid covering the 2-D data."""
        if not self.data.is_2d:
            raise GradflowError("a decision boundary needs a data set with 2 features")
        pts = self.data.raw(np.concatenate([self.data.x_train, self.data.x_val]))
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        pad = 0.08 * (hi - lo) + 1e-6
        xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution)
        ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution)
        gx, gy = np.meshgrid(xs, ys)
        probs = self.predict_proba(np.column_stack([gx.ravel(), gy.ravel()]))
        return DecisionGrid(xs, ys, probs.reshape(resolution, resolution, -1))

    def params_copy(self) -> dict[str, np.ndarray]:
        """A copy of the current parameters, taken between two updates (any thread)."""
        with self._params_lock:
            return {k: v.copy() for k, v in self.model.params.items()}

    def iteration_graph(self) -> Graph | None:
        """The last `advance_one` iteration as a float64 graph: its whole batch and the
        weights it started from, so the engine's gradients are that step's (None before
        any single step)."""
        record = self.last_step
        if record is None:
            return None
        return self.model.graph_for(record.x, record.labels, params=record.params)

    def network_graph(
        self, n_samples: int = 1, params: dict[str, np.ndarray] | None = None
    ) -> Graph:
        """The MLP (with `params`, by default the current ones) as a float64 core Graph on
        `n_samples` real training rows."""
        n = max(1, min(n_samples, len(self.data.x_train)))
        with self._params_lock:
            x, y = self.data.x_train[:n], self.data.y_train[:n]
            return self.model.graph_for(x, y, params=params)
