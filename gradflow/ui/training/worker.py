"""ui.training: TrainingWorker - runs a Trainer in a QThread and reports by signals only.

Iteration metrics are batched (at most ~30 signals a second whatever the training rate)
and the decision boundary is recomputed at most a few times a second, so the GUI thread
only ever receives small, already-computed packets. Control (pause, resume, stop) goes
straight to the Trainer, whose methods are thread-safe.

Both threads need Python's GIL, and a GUI thread that must win it back for every
Python call of a plot repaint gets slowed several times over by a busy worker. So the
panel can `hold()` the worker while it redraws: the worker waits (GIL released) after
its current iteration until `release()` - or at most HOLD_LIMIT, so a stuck GUI never
stops training.
"""

from __future__ import annotations

import threading
import time

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal

from gradflow.core.errors import GradflowError
from gradflow.nn.config import TrainConfig
from gradflow.nn.trainer import EpochMetrics, IterationMetrics, Trainer, TrainingFinished

BATCH_INTERVAL = 1 / 30  # seconds between two iteration packets
BOUNDARY_INTERVAL = 0.3  # seconds between two decision-boundary images
BOUNDARY_RESOLUTION = 80
HOLD_LIMIT = 0.25  # seconds the worker waits at most for the GUI to release it


class TrainingWorker(QObject):
    """Owns one Trainer; `start()` trains on a thread of its own.

    Signals: `ready(trainer)` once the data is loaded; `iterations(array)` rows of
    (iteration, epoch, loss, grad norm per layer...); `epochs_done(list[EpochMetrics])`;
    `boundary(DecisionGrid)`; `finished(TrainingFinished)`; `failed(message)`.
    """

    ready = Signal(object)
    iterations = Signal(object)
    epochs_done = Signal(object)
    boundary = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, config: TrainConfig, trainer: Trainer | None = None) -> None:
        super().__init__()
        self.config = config
        self.trainer = trainer
        self.thread = QThread()
        self.thread.setObjectName("gradflow-training")
        self.moveToThread(self.thread)
        self.thread.started.connect(self._run)
        self._pending: list[list[float]] = []
        self._pending_epochs: list[EpochMetrics] = []
        self._stop_requested = False
        self._go = threading.Event()
        self._go.set()

    def start(self) -> None:
        """Begin (or continue) training on the worker thread."""
        self.thread.start()

    def pause(self) -> None:
        """Hold before the next iteration."""
        if self.trainer is not None:
            self.trainer.pause()

    def resume(self) -> None:
        """Continue after pause."""
        if self.trainer is not None:
            self.trainer.resume()

    def stop(self) -> None:
        """Stop before the next iteration; `finished` follows."""
        self._stop_requested = True
        self._go.set()
        if self.trainer is not None:
            self.trainer.stop()

    def hold(self) -> None:
        """Ask the worker to wait after its current iteration until `release()`."""
        self._go.clear()

    def release(self) -> None:
        """Let a held worker continue."""
        self._go.set()

    def wait(self, ms: int = 5000) -> bool:
        """Block until the thread has ended (used when the panel closes)."""
        return self.thread.wait(ms)

    # --- on the worker thread ------------------------------------------------------------
    def _run(self) -> None:
        self._go.wait(HOLD_LIMIT)  # the GUI may be repainting after Start
        try:
            if self.trainer is None:
                self.trainer = Trainer(self.config)
            if self._stop_requested:  # stopped while the data was loading
                self.trainer.stop()
            self.ready.emit(self.trainer)
            self._train(self.trainer)
        except GradflowError as err:
            self._flush()
            self.failed.emit(str(err))
        except MemoryError:
            self._flush()
            self.failed.emit("not enough memory for this network and data set")
        except Exception as err:  # a bug: tell the user, and let it reach the logs
            self.failed.emit(f"training stopped by an internal error: {err!r}")
            raise
        finally:
            self.thread.quit()

    def _train(self, trainer: Trainer) -> None:
        last_sent = last_boundary = time.monotonic()
        show_boundary = trainer.data.is_2d
        if show_boundary:
            self.boundary.emit(trainer.decision_grid(BOUNDARY_RESOLUTION))
        for ev in trainer.run():
            if isinstance(ev, IterationMetrics):
                self._pending.append([ev.iteration, ev.epoch, ev.loss, *ev.grad_norms])
            elif isinstance(ev, EpochMetrics):
                self._pending_epochs.append(ev)
            now = time.monotonic()
            if now - last_sent >= BATCH_INTERVAL or isinstance(ev, TrainingFinished):
                self._flush()
                last_sent = now
            if show_boundary and (
                now - last_boundary >= BOUNDARY_INTERVAL or isinstance(ev, TrainingFinished)
            ):
                self.boundary.emit(trainer.decision_grid(BOUNDARY_RESOLUTION))
                last_boundary = now
            if isinstance(ev, TrainingFinished):
                self.finished.emit(ev)
            self._go.wait(HOLD_LIMIT)  # the GUI is redrawing: keep off the GIL meanwhile

    def _flush(self) -> None:
        if self._pending:
            self.iterations.emit(np.array(self._pending))
            self._pending = []
        if self._pending_epochs:
            self.epochs_done.emit(self._pending_epochs)
            self._pending_epochs = []
