"""ui.training: TrainingPanel - the training dock's content: options, Start/Pause/Stop/Reset, plots.

Training runs in a TrainingWorker (its own QThread) and reaches this panel by signals
only; the panel stores what arrives and a ~30 Hz timer redraws the plots, so the window
stays responsive whatever the training rate. Start after Stop continues the same run;
Reset forgets it. The form, the buttons and the plots (and pyqtgraph) are built when
the panel is first shown or used; in the window the panel itself is made (and this
module imported) only when the dock is first shown or reached (the registry names it by
path: its LazyDock frame makes it), and then built whole, so that the dock has its size
before it is first painted. The widgets and their layout are `panel_body.PanelBody`;
this module runs the training and tells the body what to show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame

from gradflow.core.errors import GradflowError
from gradflow.nn.trainer import DecisionGrid, EpochMetrics, Trainer, TrainingFinished
from gradflow.ui.canvas.note_item import show_note
from gradflow.ui.dock_fit import ShortScroll
from gradflow.ui.training.chapter import ChapterController
from gradflow.ui.training.controls import TrainingOptions
from gradflow.ui.training.metrics_csv import write_metrics_csv
from gradflow.ui.training.network_batch import orientation_note
from gradflow.ui.training.panel_body import PanelBody
from gradflow.ui.training.progress import run_summary
from gradflow.ui.training.repaint_hold import RepaintHold
from gradflow.ui.training.worker import TrainingWorker

if TYPE_CHECKING:
    from gradflow.core.graph import Graph
    from gradflow.ui.dock_context import DockContext
    from gradflow.ui.training.plots import TrainingPlots

REDRAW_MS = 33  # a plot redrawn every tick, in turn: each of the three ~10 times a second
_BUILT_LATER = frozenset(  # the widgets ensure_built() makes
    {"options", "start_button", "pause_button", "stop_button", "reset_button"}
    | {"network_samples"}
    | {"export_button", "network_button", "log_scale", "progress", "report", "status"}
    | {"chapter", "body"}
)


class TrainingPanel(ShortScroll):
    """The training dock's content, a ShortScroll (its body scrolls when the window is
    short). `open_network_requested(Graph)` carries the current network. Built without a
    DockContext it is a window of its own (tests)."""

    open_network_requested = Signal(object)

    def __init__(self, ctx: DockContext | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Training"))
        self.setObjectName("trainingScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if ctx is not None:
            services = ctx.services
            message = self.tr(
                "The network as a graph: one training step on a small batch - step through it"
            )
            workspace = ctx.workspace

            def open_network(graph: Graph) -> None:
                if services.open_graph(graph, message) and self.trainer is not None:
                    workspace.set_learning_rate(float(self.trainer.config.lr))
                    nodes = QRectF()
                    for item in ctx.scene.node_items():
                        nodes = nodes.united(item.sceneBoundingRect())
                    show_note(ctx.scene, nodes, orientation_note(tuple(self.trainer.model.sizes)))

            self.open_network_requested.connect(open_network)
        self._built = False
        self._plots: TrainingPlots | None = None
        self.trainer: Trainer | None = None
        self.worker: TrainingWorker | None = None
        self._points = np.zeros((0, 2))
        self._resumable = False  # a stopped run can continue; a failed one cannot
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self._hold = RepaintHold(self)  # the worker waits while the plots repaint
        self._then: Callable[[], object] | None = None
        app = QCoreApplication.instance()
        if app is not None:  # never leave a training thread running at exit
            app.aboutToQuit.connect(self.shutdown)
        if ctx is not None:  # made by the dock's frame as it is shown: its size must be known
            self.plots  # noqa: B018 - the property builds them, and the form

    def ensure_built(self) -> None:
        """Build the form and the buttons (done when the dock is first shown or used)."""
        if not self._built:
            self._built = True
            self.options = TrainingOptions()
            self._build()
            self._set_running(self.worker is not None)

    def __getattr__(self, name: str) -> object:
        # only reached while a widget made by ensure_built() does not exist yet
        if name in _BUILT_LATER and not self.__dict__.get("_built", True):
            self.ensure_built()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _build(self) -> None:
        self.chapter = ChapterController(self)
        slots: dict[str, Callable[..., object]] = {
            "start": self.start,
            "pause": self.toggle_pause,
            "stop": self.stop,
            "reset": self.reset,
            "export": self._on_export,
            "network": self._on_open_network,
            "log_scale": self._on_log_scale_toggled,
        }
        controls = self.chapter.controls
        history, model = controls.history_row(), controls.model_row()
        self.body = body = PanelBody(self.options, controls, history, model, slots)
        # the widgets tests and the chapter reach through the panel
        self.start_button, self.pause_button = body.start_button, body.pause_button
        self.stop_button, self.reset_button = body.stop_button, body.reset_button
        self.export_button, self.network_button = body.export_button, body.network_button
        self.network_samples = body.network_samples
        self.log_scale, self.progress, self.report = body.log_scale, body.progress, body.report
        self.status = body.status
        self.setWidget(body)

    @property
    def plots(self) -> TrainingPlots:
        """The live plots and their data, built on first use (pyqtgraph is imported then)."""
        if self._plots is None:
            self.ensure_built()
            # a repaint of a plot releases the held worker
            self._plots = self.body.make_plots(self.chapter.runs_tab(), self._hold)
        return self._plots

    def showEvent(self, event: QShowEvent) -> None:  # Qt override: build it all once seen
        self.plots  # noqa: B018 - the property builds them, and the form
        super().showEvent(event)

    # --- commands ------------------------------------------------------------------------
    def is_running(self) -> bool:
        """Whether a run is in progress: true until every signal of its thread has arrived."""
        return self.worker is not None

    def start(self, single_step: bool = False) -> None:
        """Start training with the current options, or continue a stopped run; with
        `single_step`, take one iteration and wait paused."""
        if self.worker is not None:
            return
        try:
            config = self.chapter.config_for_start(self.options.config())
            config.validate()
        except GradflowError as err:
            self.show_status(str(err), error=True)
            return
        trainer = self.trainer if self._resumable else None
        if trainer is None or trainer.config != config or trainer.epoch >= config.epochs:
            self.trainer = None
            self.plots.reset(len(config.hidden) + 1)
            self.report.clear()
            self.chapter.reset()
        self.worker = worker = TrainingWorker(
            config,
            self.trainer,
            start=None if self.trainer else self.chapter.loaded,
            rate=self.chapter.rate_for(config),
            single_step=single_step,
        )
        worker.ready.connect(self._on_worker_ready)
        worker.iterations.connect(self._on_worker_iterations)
        worker.epochs_done.connect(self._on_worker_epochs_done)
        worker.views.connect(self.chapter.on_views)
        worker.stepped.connect(self.chapter.on_stepped)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        worker.qthread.finished.connect(self._on_thread_finished)
        self.show_status(self.tr("Loading the data…"))
        self._set_running(True)
        self.timer.start()
        self._hold_worker()  # the reset plots repaint first, then the data loads
        worker.start()

    def toggle_pause(self) -> None:
        """Pause a running training, or resume a paused one."""
        if self.worker is None or self.trainer is None:
            return
        if self.trainer.paused:
            self.worker.resume()
            self.report.resumed()
            self.show_status(self.tr("Training…"))
        else:
            self.worker.pause()
            self.report.paused()
            self.show_status(self.tr("Paused."))
        self._set_running(True)

    def stop(self) -> None:
        """Stop before the next iteration; Start continues from there."""
        if self.worker is not None:
            self.worker.stop()

    def reset(self) -> None:
        """Stop, and forget the run, its plots and a loaded model."""
        self.shutdown()
        self.trainer = None
        self.chapter.loaded = None
        self.chapter.reset()
        self.plots.reset(0)
        self.report.clear()
        self.show_status(self.tr("Choose the options and press Start."))

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Stop training and wait for its thread to end (closing, resetting)."""
        worker = self.worker
        if worker is not None:
            worker.stop()
            worker.wait(timeout_ms)
            # deliver what the thread sent before it ended, so nothing arrives later
            QCoreApplication.sendPostedEvents(self, 0)
            self._on_thread_finished()

    def export_csv(self, path: str | Path) -> int:
        """Write the metrics table (see metrics_csv) to `path`; returns the number of rows."""
        plots = self.plots
        return write_metrics_csv(path, plots.iterations, plots.epochs, plots.n_layers)

    # --- worker signals ----------------------------------------------------------------------
    def _on_worker_ready(self, trainer: Trainer) -> None:
        self.trainer = trainer
        self._resumable = True
        cfg = trainer.config
        self.report.begin(trainer.iteration, -(-len(trainer.data.x_train) // cfg.batch), cfg.epochs)
        self.show_status(self.tr("Training…"))
        if trainer.data.is_2d:
            self._points = trainer.data.raw(trainer.data.x_train)
            self.plots.set_boundary_available(True, self._points)
        else:
            self.plots.set_boundary_available(False)
        self.network_button.setEnabled(True)
        self.chapter.on_ready()

    def _on_worker_iterations(self, rows: np.ndarray) -> None:
        self.plots.add_iterations(rows)
        self.report.running(int(rows[-1, 0]))

    def _on_worker_epochs_done(self, epochs: list[EpochMetrics]) -> None:
        self.plots.add_epochs(epochs)
        self.chapter.on_epochs()

    def show_boundary(self, grid: DecisionGrid) -> None:
        """Draw a decision grid under the training points."""
        if self.trainer is not None:
            self._hold_worker()
            self.plots.show_boundary(grid, self._points, self.trainer.data.y_train)

    def _on_worker_finished(self, done: TrainingFinished) -> None:
        self.report.finished(done)
        self.show_status(run_summary(done, self.plots.epochs[-1] if self.plots.epochs else None))
        self.chapter.on_finished(done)

    def _on_worker_failed(self, message: str, diverged: bool) -> None:
        self._resumable = False  # the same run would fail the same way: Start begins anew
        self.report.failed(diverged)
        self.show_status(message, error=True)

    def _on_thread_finished(self) -> None:
        if self.worker is None:
            return
        self.worker.wait()
        self.worker = None
        self.timer.stop()
        self.plots.redraw()
        self._set_running(False)
        then, self._then = self._then, None
        if then is not None:
            then()

    def after_thread(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the current run's thread has ended (next run of a series)."""
        self._then = callback

    def refresh_buttons(self) -> None:
        """Update the buttons to the run's state (after a Step)."""
        self._set_running(self.worker is not None)

    def _on_timer_timeout(self) -> None:
        if self.plots.dirty:
            self._hold_worker()
            self.plots.redraw_next()

    def _hold_worker(self) -> None:
        """Keep the worker off the GIL until a plot has repainted (see RepaintHold)."""
        self._hold.hold(self.worker, self._plots_on_screen())

    def _plots_on_screen(self) -> bool:
        return (
            self._plots is not None and self._plots.isVisible() and not self.window().isMinimized()
        )

    def _on_log_scale_toggled(self, on: bool) -> None:
        self.plots.set_log_scale(on)

    # --- helpers ---------------------------------------------------------------------------
    def _set_running(self, running: bool) -> None:
        paused = running and self.trainer is not None and self.trainer.paused
        self.body.set_running(running, paused, has_network=self.trainer is not None)

    def show_status(self, text: str, error: bool = False) -> None:
        """Say `text` under the buttons (red for an error)."""
        self.body.show_status(text, error)

    def _on_export(self) -> None:
        self.body.export_metrics(self.export_csv)

    def _on_open_network(self) -> None:
        if self.trainer is not None:  # the scrubbed-to epoch's weights when looking back
            snapshot = self.chapter.shown_snapshot()
            params = dict(snapshot.params) if snapshot is not None else None
            samples = self.network_samples.value()
            self.open_network_requested.emit(self.trainer.network_graph(samples, params=params))
