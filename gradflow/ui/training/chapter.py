"""ui.training: ChapterController - the lecture's chapter in the dock, wired to the panel.

Step and speed, "Open this iteration as graph", the history slider (per-epoch
snapshots, drawn without re-training), the drawings of the network (boundary, fit,
hidden units, templates, linear map), the run list and its overlay, Save/Load Model,
Export as PyTorch, and the "linear vs ReLU on spiral" comparison. It talks to the
panel through its public methods; the panel stays the one owner of the worker.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from gradflow.core.errors import GradflowError
from gradflow.nn.config import TrainConfig
from gradflow.nn.history import Snapshot
from gradflow.nn.model_file import Checkpoint, checkpoint_of, load_model, save_model
from gradflow.nn.torch_export import write_pytorch
from gradflow.nn.toy_sets import TOY_SETS
from gradflow.nn.trainer import DecisionGrid, TrainingFinished
from gradflow.nn.views import Views, compute_views
from gradflow.ui.training.run_controls import RunControls
from gradflow.ui.training.runs import Overlay, RunList, RunRecord

if TYPE_CHECKING:
    from gradflow.ui.training.panel import TrainingPanel

LINEAR_VS_RELU = (
    TrainConfig(dataset="spiral", hidden=(32, 32), activation="linear", epochs=30, noise=0.1),
    TrainConfig(dataset="spiral", hidden=(32, 32), activation="relu", epochs=30, noise=0.1),
)


class ChapterController(QObject):
    """See the module docstring; made by the panel when it builds its widgets."""

    def __init__(self, panel: TrainingPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.controls = RunControls()
        self.runs = RunList()
        self.loaded: Checkpoint | None = None  # the next Start begins from this model
        self.live: Views | None = None
        self.toy_runs = 0  # runs started on a toy set: only the first is paced by "auto"
        self._queue: list[TrainConfig] = []
        self._preset_rows: list[int] = []  # runs to tick when a comparison is done
        c = self.controls
        c.step_requested.connect(self.step)
        c.rate_changed.connect(self._on_rate_changed)
        c.open_iteration_requested.connect(self._on_open_iteration)
        c.history_moved.connect(self.show_history)
        c.save_requested.connect(self._on_save)
        c.load_requested.connect(self._on_load)
        c.export_requested.connect(self._on_export)
        self.runs.ticked_changed.connect(self._on_ticked_changed)
        self._overlay: Overlay | None = None

    def runs_tab(self) -> QWidget:
        """The Runs tab: the list, Export runs CSV and the linear-vs-ReLU comparison."""
        tab = QWidget()
        box = QVBoxLayout(tab)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.runs, 1)
        row = QHBoxLayout()
        compare = QPushButton(self.tr("Linear vs ReLU"))
        compare.setObjectName("compareLinearRelu")
        compare.setToolTip(
            self.tr("The bundled comparison: the same spiral network with linear, then ReLU")
        )
        compare.clicked.connect(self.compare_linear_and_relu)
        export = QPushButton(self.tr("Export CSV…"))
        export.setObjectName("exportRuns")
        export.setToolTip(self.tr("Save the run list (options and final metrics) as CSV"))
        export.clicked.connect(self._on_export_runs)
        row.addWidget(compare)
        row.addStretch(1)
        row.addWidget(export)
        box.addLayout(row)
        return tab

    def on_ready(self) -> None:
        """A run's data is loaded: show the tab that explains it best."""
        trainer, tabs = self.panel.trainer, self.panel.plots.view_tabs
        if trainer is None:
            return
        data = trainer.data
        images = data.image_shape is not None
        tabs.show_only(
            boundary=data.is_2d and not data.is_regression,
            fit=data.is_regression and data.n_features <= 2,
            hidden=data.is_2d and bool(trainer.config.hidden),
            templates=images,
        )
        accuracy = (
            self.tr("Accuracy")
            if not data.is_regression
            else self.tr("Accuracy (classification only)")
        )
        self.panel.plots.headers[1].set_title(accuracy, dim=data.is_regression)
        if data.is_regression:
            tabs.setCurrentWidget(tabs.fit_plot)
        elif images:
            tabs.setCurrentWidget(tabs.templates_area)
        elif data.is_2d:
            tabs.setCurrentWidget(tabs.boundary_plot)

    def _on_export_runs(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.panel, self.tr("Export runs"), "runs.csv", self.tr("CSV (*.csv)")
        )
        if path:
            try:
                n = self.runs.export_csv(path)
            except OSError as err:
                self.panel.show_status(str(err), error=True)
                return
            self.panel.show_status(
                self.tr("Saved {n} runs to {name}.").format(n=n, name=Path(path).name)
            )

    # --- starting ------------------------------------------------------------------------
    def rate_for(self, config: TrainConfig) -> float | None:
        """The pace of a run about to start (counts toy runs for "auto")."""
        toy = config.dataset in TOY_SETS
        rate = self.controls.rate(first_toy_run=toy and self.toy_runs == 0)
        self.toy_runs += toy
        return rate

    def step(self) -> None:
        """Exactly one iteration: starts a paused run if none is going."""
        panel = self.panel
        if panel.worker is None:
            panel.start(single_step=True)
        elif panel.trainer is not None:
            panel.worker.step_once()
            panel.report.paused()
            panel.refresh_buttons()

    def _on_rate_changed(self) -> None:
        if self.panel.worker is not None:
            self.panel.worker.set_rate(self.controls.rate(first_toy_run=False))

    def on_stepped(self, iteration: int) -> None:
        """A single step is done: it may be opened as a graph."""
        self.controls.iteration_button.setEnabled(True)
        self.panel.report.paused()
        self.panel.show_status(
            QCoreApplication.translate(
                "TrainingPanel", "Iteration {n} done; paused. Step again, or Resume."
            ).format(n=iteration)
        )
        self.panel.refresh_buttons()

    def _on_open_iteration(self) -> None:
        trainer = self.panel.trainer
        graph = trainer.iteration_graph() if trainer is not None else None
        if graph is not None:
            self.panel.open_network_requested.emit(graph)

    # --- drawings and history -----------------------------------------------------------
    def _data(self) -> tuple[np.ndarray, np.ndarray]:
        data = self.panel.trainer.data  # type: ignore[union-attr]
        return data.raw(data.x_train), data.y_train

    def on_views(self, views: Views) -> None:
        """Live drawings from the worker; shown unless the history slider looks back."""
        self.live = views
        if self.panel.trainer is None or self._looking_back():
            return
        self._paint(views)

    def _paint(self, views: Views) -> None:
        points, targets = self._data()
        tabs = self.panel.plots.view_tabs
        tabs.show_views(views, points, targets)
        if views.boundary is not None:
            b = views.boundary
            self.panel.show_boundary(DecisionGrid(b.xs, b.ys, b.values))

    def _looking_back(self) -> bool:
        s = self.controls.history
        return s.isEnabled() and s.value() < s.maximum()

    def on_epochs(self) -> None:
        """An epoch ended: one more snapshot to scrub to (the slider stays live at the end)."""
        trainer = self.panel.trainer
        if trainer is None:
            return
        s = self.controls.history
        live = not self._looking_back()
        s.blockSignals(True)
        s.setRange(0, len(trainer.history) - 1)
        if live:
            s.setValue(s.maximum())
        s.blockSignals(False)
        s.setEnabled(len(trainer.history) > 1)
        self._label()

    def show_history(self, index: int) -> None:
        """Draw snapshot `index` (the last one: the live network) without re-training."""
        trainer = self.panel.trainer
        if trainer is None or not len(trainer.history):
            return
        if index >= len(trainer.history) - 1 and self.live is not None:
            self._paint(self.live)
        else:
            snap = trainer.history[min(index, len(trainer.history) - 1)]
            self._paint(
                compute_views(trainer, snap.params, epoch=snap.epoch, iteration=snap.iteration)
            )
        self._label()

    def shown_snapshot(self) -> Snapshot | None:
        """The history snapshot the slider shows, or None when it shows the live network."""
        trainer = self.panel.trainer
        if trainer is None or not self._looking_back():
            return None
        return trainer.history[self.controls.history.value()]

    def _label(self) -> None:
        trainer, s = self.panel.trainer, self.controls.history
        if trainer is None or not self._looking_back():
            self.controls.history_label.setText(self.tr("History: live"))
            return
        snap = trainer.history[s.value()]
        self.controls.history_label.setText(
            self.tr("History: epoch {e} (recorded)").format(e=snap.epoch)
        )

    def reset(self) -> None:
        """A new run: no history, nothing to open yet."""
        s = self.controls.history
        s.blockSignals(True)
        s.setRange(0, 0)
        s.blockSignals(False)
        s.setEnabled(False)
        self.controls.iteration_button.setEnabled(False)
        self.live = None
        self._label()

    # --- runs ---------------------------------------------------------------------------
    def on_finished(self, done: TrainingFinished) -> None:
        """Keep the finished run in the list; start the next of a comparison."""
        panel = self.panel
        if panel.trainer is None or done.stopped:
            return
        it = panel.plots.iterations
        self.runs.add(
            RunRecord(
                panel.trainer.config,
                np.array(it.column(0)),
                np.array(it.column(3)),
                tuple(panel.plots.epochs),
            )
        )
        if self._queue:
            self.panel.options.set_config(self._queue.pop(0))
            panel.after_thread(panel.start)
        elif self._preset_rows:
            for row in self._preset_rows:
                self.runs.set_ticked(row, True)
            self._preset_rows = []

    def compare_linear_and_relu(self) -> None:
        """The bundled comparison: the same spiral run with linear, then ReLU activations,
        both ticked in the run list when done."""
        if self.panel.worker is not None:
            return
        first = len(self.runs.records)
        self._preset_rows = [first, first + 1]
        self._queue = [LINEAR_VS_RELU[1]]
        self.controls.speed.setCurrentIndex(self.controls.speed.count() - 1)  # fastest
        self.panel.options.set_config(LINEAR_VS_RELU[0])
        self.panel.start()

    def _on_ticked_changed(self) -> None:
        plots = self.panel.plots
        if self._overlay is None:
            self._overlay = Overlay(plots.loss_plot, plots.accuracy_plot)
        self._overlay.show(self.runs.ticked())

    def overlay_names(self) -> list[str]:
        """The legend names of the overlaid runs."""
        return list(self._overlay.names) if self._overlay else []

    # --- the model ----------------------------------------------------------------------
    def save_model(self, path: str | Path) -> None:
        """Save the current network (GradflowError if there is none or it cannot be written)."""
        trainer = self.panel.trainer
        if trainer is None:
            raise GradflowError(self.tr("Train or load a network first."))
        save_model(checkpoint_of(trainer.config, trainer.data, trainer.params_copy()), path)

    def load_model(self, path: str | Path) -> None:
        """Load a model: the form shows its config and the next Start begins from it."""
        checkpoint = load_model(path)  # raises before anything changes
        self.panel.reset()
        self.loaded = checkpoint
        self.panel.options.set_config(checkpoint.config)

    def export_pytorch(self, py_path: str | Path) -> None:
        """Write the PyTorch file and, beside it, the weights it loads."""
        trainer = self.panel.trainer
        if trainer is None:
            raise GradflowError(self.tr("Train or load a network first."))
        py = Path(py_path)
        checkpoint = checkpoint_of(trainer.config, trainer.data, trainer.params_copy())
        save_model(checkpoint, py.with_suffix(".npz"))
        write_pytorch(checkpoint, py, py.with_suffix(".npz").name)

    def _file_action(self, action: object, path: str, done: str) -> None:
        try:
            action(path)  # type: ignore[operator]
        except GradflowError as err:
            self.panel.show_status(str(err), error=True)
            return
        self.panel.show_status(done.format(name=Path(path).name))

    def _on_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.panel, self.tr("Save Model"), "model.npz", self.tr("gradflow model (*.npz)")
        )
        if path:
            self._file_action(self.save_model, path, self.tr("Saved the model to {name}."))

    def _on_load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.panel, self.tr("Load Model"), "", self.tr("gradflow model (*.npz)")
        )
        if path:
            self._file_action(
                self.load_model, path, self.tr("Loaded {name}: Start continues from it.")
            )

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.panel, self.tr("Export as PyTorch"), "model.py", self.tr("Python (*.py)")
        )
        if path:
            self._file_action(
                self.export_pytorch, path, self.tr("Wrote {name} and its weights beside it.")
            )

    def config_for_start(self, config: TrainConfig) -> TrainConfig:
        """A loaded model fixes the layers and activation of the next run."""
        if self.loaded is None:
            return config
        saved = self.loaded.config
        return dataclasses.replace(
            config, hidden=saved.hidden, activation=saved.activation, task=saved.task
        )
