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
from gradflow.nn.model_file import Checkpoint
from gradflow.nn.pacing import Pacer
from gradflow.nn.trainer import (
    DecisionGrid,
    EpochMetrics,
    IterationMetrics,
    Trainer,
    TrainingDiverged,
    TrainingFinished,
)
from gradflow.nn.views import compute_views

BATCH_INTERVAL = 1 / 30  # seconds between two iteration packets
BOUNDARY_INTERVAL = 0.3  # seconds between two decision-boundary images
PACED_INTERVAL = 0.1  # ... while the run is paced to be watched
BOUNDARY_RESOLUTION = 80
HOLD_LIMIT = 0.25  # seconds the worker waits at most for the GUI to release it


class TrainingWorker(QObject):
    """Owns one Trainer; `start()` trains on a thread of its own.

    Signals: `ready(trainer)` once the data is loaded; `iterations(array)` rows of
    (iteration, epoch, loss, grad norm per layer...); `epochs_done(list[EpochMetrics])`;
    `boundary(DecisionGrid)` and `views(Views)` (the dock's drawings, computed here);
    `stepped(iteration)` after a single step; `finished(TrainingFinished)`;
    `failed(message, diverged)` (diverged: the loss blew up, not a bad input).
    """

    ready = Signal(object)
    iterations = Signal(object)
    epochs_done = Signal(object)
    boundary = Signal(object)
    views = Signal(object)
    stepped = Signal(int)
    finished = Signal(object)
    failed = Signal(str, bool)  # the message, and whether the loss diverged

    def __init__(
        self,
        config: TrainConfig,
        trainer: Trainer | None = None,
        *,
        start: Checkpoint | None = None,
        rate: float | None = None,
        single_step: bool = False,
    ) -> None:
        """`start`: a loaded model to begin from; `rate`: iterations per second (None: as
        fast as possible); `single_step`: take one iteration, then wait paused."""
        super().__init__()
        self.config = config
        self.trainer = trainer
        self.start_from = start
        self.pacer = Pacer(rate)
        self.single_step = single_step
        self.qthread = QThread()
        self.qthread.setObjectName("gradflow-training")
        self.moveToThread(self.qthread)
        self.qthread.started.connect(self._run)
        self._pending: list[list[float]] = []
        self._pending_epochs: list[EpochMetrics] = []
        self._stop_requested = False
        self._go = threading.Event()
        self._go.set()

    def start(self) -> None:
        """Begin (or continue) training on the worker thread."""
        self.qthread.start()

    def pause(self) -> None:
        """Hold before the next iteration."""
        if self.trainer is not None:
            self.trainer.pause()

    def resume(self) -> None:
        """Continue after pause."""
        if self.trainer is not None:
            self.trainer.resume()

    def set_rate(self, rate: float | None) -> None:
        """Iterations per second from now on (None: as fast as possible)."""
        self.pacer.set_rate(rate)

    def step_once(self) -> None:
        """Take exactly one more iteration, then pause."""
        if self.trainer is not None:
            self.trainer.advance_one()

    def stop(self) -> None:
        """Stop before the next iteration; `finished` follows."""
        self._stop_requested = True
        self._go.set()
        self.pacer.release()
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
        return self.qthread.wait(ms)

    # --- on the worker thread ------------------------------------------------------------
    def _run(self) -> None:
        self._go.wait(HOLD_LIMIT)  # the GUI may be repainting after Start
        try:
            if self.trainer is None:
                self.trainer = Trainer(self.config, start=self.start_from)
            if self.single_step:
                self.trainer.pause()
                self.trainer.advance_one()
            if self._stop_requested:  # stopped while the data was loading
                self.trainer.stop()
            self.ready.emit(self.trainer)
            self._train(self.trainer)
        except GradflowError as err:
            self._flush()
            self.failed.emit(str(err), isinstance(err, TrainingDiverged))
        except MemoryError:
            self._flush()
            self.failed.emit(self.tr("not enough memory for this network and data set"), False)
        except Exception as err:  # a bug: tell the user, and let it reach the logs
            said = self.tr("training stopped by an internal error: {error}")
            self.failed.emit(said.format(error=repr(err)), False)
            raise
        finally:
            self.qthread.quit()

    def _send_views(self, trainer: Trainer) -> None:
        params = trainer.params_copy()
        views = compute_views(
            trainer, params, iteration=trainer.iteration, resolution=BOUNDARY_RESOLUTION
        )
        self.views.emit(views)
        if views.boundary is not None:
            b = views.boundary
            self.boundary.emit(DecisionGrid(b.xs, b.ys, b.values))

    def _train(self, trainer: Trainer) -> None:
        last_sent = last_views = time.monotonic()
        self._send_views(trainer)
        for ev in trainer.run():
            record = trainer.last_step
            stepped = (
                isinstance(ev, IterationMetrics)
                and record is not None
                and record.iteration == ev.iteration
            )
            if isinstance(ev, IterationMetrics):
                self._pending.append([ev.iteration, ev.epoch, ev.loss, *ev.grad_norms])
            elif isinstance(ev, EpochMetrics):
                self._pending_epochs.append(ev)
            now = time.monotonic()
            done = isinstance(ev, TrainingFinished)
            slow = self.pacer.rate is not None and self.pacer.rate <= 1 / BOUNDARY_INTERVAL
            if now - last_sent >= BATCH_INTERVAL or done or stepped or slow:
                self._flush()
                last_sent = now
            every = BOUNDARY_INTERVAL if self.pacer.rate is None else PACED_INTERVAL
            if now - last_views >= every or done or stepped or slow:
                self._send_views(trainer)
                last_views = now
            if stepped:
                self.stepped.emit(ev.iteration)  # type: ignore[union-attr]
            if done:
                self.finished.emit(ev)
            self._go.wait(HOLD_LIMIT)  # the GUI is redrawing: keep off the GIL meanwhile
            if isinstance(ev, IterationMetrics):
                self.pacer.wait()

    def _flush(self) -> None:
        if self._pending:
            self.iterations.emit(np.array(self._pending))
            self._pending = []
        if self._pending_epochs:
            self.epochs_done.emit(self._pending_epochs)
            self._pending_epochs = []
