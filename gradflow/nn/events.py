"""nn: what training reports - per-iteration and per-epoch metrics, the end of a run, a
recorded single step and a decision-boundary grid (plain data, made by `nn.trainer`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class IterationMetrics:
    """One mini-batch: its loss and the gradient norm of each layer (W and b together).

    The norms are NaN on the iterations that did not measure them (a large network
    measures every `Trainer.norms_every`-th one, see `nn.trainer`)."""

    epoch: int
    iteration: int
    loss: float
    grad_norms: tuple[float, ...]


@dataclass(frozen=True)
class EpochMetrics:
    """One epoch: running training loss/accuracy (averaged over its batches), validation
    loss/accuracy (NaN without a validation set), speed, and mean gradient norm per layer
    (over the epoch's iterations that measured it)."""

    epoch: int
    iteration: int
    train_loss: float
    train_acc: float
    val_loss: float
    val_acc: float
    samples_per_s: float
    grad_norms: tuple[float, ...]
    elapsed: float


@dataclass(frozen=True)
class TrainingFinished:
    """The end of a run: completed epochs, iterations, total time, and whether stopped early."""

    epochs: int
    iterations: int
    elapsed: float
    stopped: bool


Event = IterationMetrics | EpochMetrics | TrainingFinished


@dataclass(frozen=True)
class StepRecord:
    """One iteration taken with `advance_one`: its number, its real batch (standardised
    features, labels or targets) and the parameters before the update."""

    iteration: int
    x: np.ndarray
    labels: np.ndarray
    params: dict[str, np.ndarray]


@dataclass(frozen=True)
class DecisionGrid:
    """Class probabilities on a regular grid: probs[iy, ix, c] at (xs[ix], ys[iy])."""

    xs: np.ndarray
    ys: np.ndarray
    probs: np.ndarray
