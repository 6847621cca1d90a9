"""ui.training: PanelBody - the training dock's widgets and their layout.

Start/Pause/Step and Stop/Reset/speed, Open network (with its batch), the progress bar
and the status line, then the options form, the model row, Log scale and Export CSV
(scrolling in what height is left) in a fixed-width column on the left; the plots
(added later, when first needed) with the history slider under them on the right. It
knows nothing of training: the TrainingPanel connects the buttons and tells it the
run's state (`set_running`) and what to say (`show_status`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gradflow.ui.training.controls import TrainingOptions
from gradflow.ui.training.network_batch import NetworkBatchBox
from gradflow.ui.training.progress import ProgressReport
from gradflow.ui.training.run_controls import RunControls

if TYPE_CHECKING:
    from gradflow.ui.training.plots import TrainingPlots

SIDE_WIDTH = 272  # the options column at least; the plots take the rest
FORM_LEAST = 48  # the options form scrolls in at least this much height
ERROR_STYLE = "color: #b00020;"


def _button(name: str, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


class PanelBody(QWidget):
    """The dock's widget: `options`, the buttons, `progress`/`report`, `status`, `plot_area`.

    `slots` maps each button's job ("start", "pause", "stop", "reset", "export",
    "network", "log_scale") to the panel's handler.
    """

    def __init__(
        self,
        options: TrainingOptions,
        run_controls: RunControls,
        history_row: QWidget,
        model_row: QWidget,
        slots: dict[str, Callable[..., object]],
    ) -> None:
        super().__init__()
        self.options = options
        self.start_button = _button(
            "start", "▶ " + self.tr("Start"), self.tr("Start or continue training"), slots["start"]
        )
        self.pause_button = _button(
            "pause", "❚❚ " + self.tr("Pause"), self.tr("Pause or resume"), slots["pause"]
        )
        self.stop_button = _button(
            "stop", "■ " + self.tr("Stop"), self.tr("Stop after this iteration"), slots["stop"]
        )
        self.reset_button = _button(
            "reset", "↺ " + self.tr("Reset"), self.tr("Forget this run"), slots["reset"]
        )
        self.export_button = _button(
            "exportCsv",
            self.tr("Export CSV…"),
            self.tr("Save the metrics as a CSV table"),
            slots["export"],
        )
        self.network_button = _button(
            "openNetwork",
            self.tr("Open network as graph"),
            self.tr("Show the current MLP on the canvas"),
            slots["network"],
        )
        self.network_samples = NetworkBatchBox()  # how many samples the network graph takes
        self.log_scale = QCheckBox(self.tr("Log scale"))
        self.log_scale.setObjectName("logScale")
        self.log_scale.setToolTip(self.tr("Logarithmic loss and gradient-norm axes"))
        self.log_scale.toggled.connect(slots["log_scale"])
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(True)
        self.report = ProgressReport(self.progress)
        self.status = QLabel(self.tr("Choose the options and press Start."))
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.plot_area = QVBoxLayout()  # the plots go here when first needed
        self.plot_area.setContentsMargins(0, 0, 0, 0)
        self._layout(run_controls, history_row, model_row)

    def _layout(self, run_controls: RunControls, history_row: QWidget, model_row: QWidget) -> None:
        # the side column: what is pressed during a run stays in view (the buttons, Step,
        # the speed, Open network, progress, status); the form scrolls in what is left
        buttons = QGridLayout()
        step, speed = run_controls.step_button, run_controls.speed
        for i, b in enumerate(
            (self.start_button, self.pause_button, step, self.stop_button, self.reset_button)
        ):
            buttons.addWidget(b, i // 3, i % 3)
        buttons.addWidget(speed, 1, 2)
        run_controls.setParent(self)  # it only owns its widgets and signals
        run_controls.hide()
        network = QHBoxLayout()
        network.addWidget(self.network_samples)
        network.addWidget(self.network_button, 1)
        plot_options = QHBoxLayout()
        plot_options.addWidget(self.log_scale)
        plot_options.addStretch(1)
        plot_options.addWidget(self.export_button)
        form = QWidget()
        form_box = QVBoxLayout(form)
        form_box.setContentsMargins(0, 0, 0, 0)
        form_box.addWidget(self.options)
        form_box.addWidget(model_row)
        form_box.addLayout(plot_options)
        form_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("optionsScroll")
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumHeight(FORM_LEAST)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addLayout(buttons)
        side.addLayout(network)
        side.addWidget(self.progress)
        side.addWidget(self.status)
        side.addWidget(scroll, 1)
        # the history slider joins the row under the plots when they are built
        self._history_row = history_row
        history_row.setParent(self)
        history_row.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        side_widget = QWidget()
        side_widget.setObjectName("trainingSide")
        side_widget.setLayout(side)
        # as wide as the form in the interface language (Korean labels are wider)
        bar = scroll.verticalScrollBar().sizeHint().width()
        side_widget.setFixedWidth(max(SIDE_WIDTH, form.minimumSizeHint().width() + bar + 2))
        row.addWidget(side_widget)
        row.addLayout(self.plot_area, 1)

    def make_plots(self, runs_tab: QWidget, repaint_filter: QObject) -> TrainingPlots:
        """Build the plots (pyqtgraph is imported now) with the Runs tab beside the views;
        `repaint_filter` sees every plot's viewport events."""
        from gradflow.ui.training.plots import TrainingPlots

        plots = TrainingPlots()
        plots.view_tabs.extra_tab(runs_tab, self.tr("Runs"), self.tr("Run list"))
        self.plot_area.addWidget(plots, 1)
        plots.grid.add_beside_pages(self._history_row)
        self._history_row.show()
        for plot in plots.live_plots():
            plot.viewport().installEventFilter(repaint_filter)
        if self.log_scale.isChecked():
            plots.set_log_scale(True)
        return plots

    def set_running(self, running: bool, paused: bool, has_network: bool) -> None:
        """Enable what makes sense: Start when idle, Pause/Resume and Stop while running,
        the form only when idle, Open network once there is one."""
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.pause_button.setText("▶ " + self.tr("Resume") if paused else "❚❚ " + self.tr("Pause"))
        self.stop_button.setEnabled(running)
        self.options.setEnabled(not running)
        self.network_button.setEnabled(has_network)

    def show_status(self, text: str, error: bool = False) -> None:
        """Say `text` under the buttons (red for an error)."""
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def export_metrics(self, write: Callable[[str], int]) -> None:
        """Ask where to save the metrics table, `write(path)` it (returns the rows), say so."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export metrics"), "metrics.csv", self.tr("CSV (*.csv)")
        )
        if not path:
            return
        try:
            rows = write(path)
        except OSError as err:
            why = err.strerror or err
            self.show_status(self.tr("cannot write {path}: {why}").format(path=path, why=why), True)
            return
        self.show_status(
            self.tr("Saved {rows} rows to {name}.").format(rows=rows, name=Path(path).name)
        )
