"""ui.training: ProgressReport - what the training dock's progress bar says.

While a run goes the bar shows the epoch and an estimate of the time left; once the run
has stopped, finished or failed it says which ("stopped at epoch 12/30", "done: 30
epochs", "diverged at epoch 3/50") and never a time left, which would be a promise
nothing keeps.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressBar

from gradflow.nn.trainer import EpochMetrics, TrainingFinished

IDLE_FORMAT = "%p%"


class ProgressReport:
    """Drives `bar`: `begin()` a run, `running()` per packet, then `finished()`/`failed()`."""

    def __init__(self, bar: QProgressBar) -> None:
        self.bar = bar
        self._started_at = 0.0
        self._done_at_start = 0
        self._per_epoch = 0  # iterations per epoch of the current run (0: not known yet)
        self._epochs = 0  # epochs of the current run
        self._iteration = 0  # the last iteration reported
        self._paused_at: float | None = None

    def clear(self) -> None:
        """No run: an empty bar."""
        self._per_epoch = self._epochs = self._iteration = 0
        self.bar.setValue(0)
        self.bar.setFormat(IDLE_FORMAT)

    def begin(self, iteration: int, per_epoch: int, epochs: int) -> None:
        """A run (re)starts at `iteration`; the time left is measured from now."""
        self._started_at = time.monotonic()
        self._paused_at = None
        self._done_at_start = self._iteration = iteration
        self._per_epoch = max(1, per_epoch)
        self._epochs = epochs

    def _epoch(self, iteration: int) -> int:
        """The epoch `iteration` belongs to (1-based), at most the run's epochs."""
        return min(self._epochs, max(1, -(-iteration // self._per_epoch)))

    def running(self, iteration: int) -> None:
        """`iteration` is done: the share done, the epoch and the time left."""
        if not self._per_epoch:
            return
        self._iteration = iteration
        total = self._per_epoch * self._epochs
        ran = iteration - self._done_at_start
        spent = time.monotonic() - self._started_at
        left = spent * (total - iteration) / ran if ran > 0 else 0.0
        epoch = min(self._epochs, iteration // self._per_epoch + 1)
        self.bar.setValue(round(100 * iteration / total))
        if self._paused_at is not None:  # iterations sent just before the pause
            self.paused()
        else:
            self.bar.setFormat(
                QCoreApplication.translate(
                    "ProgressReport", "epoch {epoch}/{epochs} · {left} s left"
                ).format(epoch=epoch, epochs=self._epochs, left=f"{left:.0f}")
            )

    def paused(self) -> None:
        """The run waits: no time left is counted down meanwhile."""
        if self._paused_at is None:
            self._paused_at = time.monotonic()
        if self._per_epoch:
            at = self._epoch(self._iteration + 1)
            self.bar.setFormat(
                QCoreApplication.translate(
                    "ProgressReport", "paused at epoch {epoch}/{epochs}"
                ).format(epoch=at, epochs=self._epochs)
            )

    def resumed(self) -> None:
        """The run goes on: the pause does not count as time spent training."""
        if self._paused_at is not None:
            self._started_at += time.monotonic() - self._paused_at
            self._paused_at = None

    def finished(self, done: TrainingFinished) -> None:
        """The run ended: stopped by the user, or all its epochs done."""
        if done.stopped and self._per_epoch:
            at = self._epoch(done.iterations)
            self.bar.setFormat(
                QCoreApplication.translate(
                    "ProgressReport", "stopped at epoch {epoch}/{epochs}"
                ).format(epoch=at, epochs=self._epochs)
            )
        elif done.stopped:
            self.bar.setFormat(QCoreApplication.translate("ProgressReport", "stopped"))
        else:
            self.bar.setValue(100)
            self.bar.setFormat(
                QCoreApplication.translate("ProgressReport", "done: {epochs} epochs").format(
                    epochs=done.epochs
                )
            )

    def failed(self, diverged: bool) -> None:
        """The run failed: "diverged at epoch 3/50" (the loss blew up), else "failed"."""
        if not diverged:
            self.bar.setFormat(QCoreApplication.translate("ProgressReport", "failed"))
        elif self._per_epoch and self._iteration:
            # the failing iteration is the one after the last one reported
            self.bar.setFormat(
                QCoreApplication.translate(
                    "ProgressReport", "diverged at epoch {epoch}/{epochs}"
                ).format(epoch=self._epoch(self._iteration + 1), epochs=self._epochs)
            )
        else:
            self.bar.setFormat(QCoreApplication.translate("ProgressReport", "diverged"))


def run_summary(done: TrainingFinished, last: EpochMetrics | None) -> str:
    """The status line when a run ends: "Finished after 30 epochs, 600 iterations, validation
    accuracy 97.5%." (no accuracy for regression or before the first epoch)."""
    acc = (
        ""
        if last is None or math.isnan(last.val_acc)
        else QCoreApplication.translate(
            "ProgressReport", ", validation accuracy {accuracy}"
        ).format(accuracy=f"{last.val_acc:.1%}")
    )
    said = (
        QCoreApplication.translate(
            "ProgressReport", "Stopped after {epochs} epochs, {iterations} iterations{accuracy}."
        )
        if done.stopped
        else QCoreApplication.translate(
            "ProgressReport", "Finished after {epochs} epochs, {iterations} iterations{accuracy}."
        )
    )
    return said.format(epochs=done.epochs, iterations=done.iterations, accuracy=acc)
