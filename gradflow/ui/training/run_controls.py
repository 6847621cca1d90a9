"""ui.training: RunControls - Step, the speed control, history, and the model menu.

Intent signals only: the panel decides what they do. The speed is a choice of
iterations per second, from one step at a time to as fast as possible; "auto" is a
pace at which a toy set's decision boundary visibly forms over a few seconds on its
first run, and as fast as possible otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSlider,
    QToolButton,
    QWidget,
)

AUTO = "auto"
TOY_PACE = 30.0  # iterations per second: the spiral's default run takes ~5 s
# the labels are marked for translation here and translated when shown
# QT_TRANSLATE_NOOP returns its text (a str); its stub says object
RATES: tuple[tuple[str, float | str | None], ...] = (  # type: ignore[assignment]
    (QT_TRANSLATE_NOOP("RunControls", "auto"), AUTO),
    (QT_TRANSLATE_NOOP("RunControls", "1 it/s"), 1.0),
    (QT_TRANSLATE_NOOP("RunControls", "3 it/s"), 3.0),
    (QT_TRANSLATE_NOOP("RunControls", "10 it/s"), 10.0),
    (QT_TRANSLATE_NOOP("RunControls", "30 it/s"), 30.0),
    (QT_TRANSLATE_NOOP("RunControls", "100 it/s"), 100.0),
    (QT_TRANSLATE_NOOP("RunControls", "300 it/s"), 300.0),
    (QT_TRANSLATE_NOOP("RunControls", "fastest"), None),
)


class RunControls(QWidget):
    """Step and the speed box (`step_button`, `speed`: the panel places them beside Start and
    the others), the model row (`model_row`, under the form) and the history slider
    (`history_row`, under the plots). The widget itself is never shown."""

    step_requested = Signal()
    rate_changed = Signal()
    open_iteration_requested = Signal()
    save_requested = Signal()
    load_requested = Signal()
    export_requested = Signal()
    history_moved = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_button = QPushButton(self.tr("▶| Step"))
        self.step_button.setObjectName("step")
        self.step_button.setToolTip(self.tr("Run exactly one iteration, then pause"))
        self.step_button.clicked.connect(self.step_requested)
        self.speed = QComboBox()
        self.speed.setObjectName("speed")
        self.speed.setToolTip(self.tr("Speed: iterations per second"))
        self.speed.setAccessibleName(self.tr("Speed"))
        for text, _rate in RATES:
            self.speed.addItem(self.tr(text))
        self.speed.currentIndexChanged.connect(self.rate_changed)
        self.iteration_button = QPushButton(self.tr("Open this iteration as graph"))
        self.iteration_button.setObjectName("openIteration")
        self.iteration_button.setToolTip(
            self.tr("The last Step's real batch, weights and gradients on the canvas")
        )
        self.iteration_button.setEnabled(False)
        self.iteration_button.clicked.connect(self.open_iteration_requested)
        self.model_button = QToolButton()
        self.model_button.setObjectName("modelMenu")
        self.model_button.setText(self.tr("Model"))
        self.model_button.setToolTip(self.tr("Save, load or export the trained network"))
        self.model_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.model_button)
        self.save_action = menu.addAction(self.tr("Save Model…"))
        self.save_action.triggered.connect(self.save_requested)
        self.load_action = menu.addAction(self.tr("Load Model…"))
        self.load_action.triggered.connect(self.load_requested)
        self.export_action = menu.addAction(self.tr("Export as PyTorch…"))
        self.export_action.triggered.connect(self.export_requested)
        self.model_button.setMenu(menu)
        self.history = QSlider(Qt.Orientation.Horizontal)
        self.history.setObjectName("history")
        self.history.setToolTip(self.tr("Scrub back through the epochs (no re-training)"))
        self.history.setRange(0, 0)
        self.history.setEnabled(False)
        self.history.valueChanged.connect(self.history_moved)
        self.history_label = QLabel(self.tr("History: live"))
        self.history_label.setObjectName("historyLabel")

    def model_row(self) -> QWidget:
        """ "Open this iteration as graph" and the Model menu, for a row under the form."""
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.iteration_button, 1)
        box.addWidget(self.model_button)
        return row

    def history_row(self) -> QWidget:
        """The history slider and its label, for a row under the plots."""
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.history_label)
        box.addWidget(self.history, 1)
        return row

    def rate(self, first_toy_run: bool) -> float | None:
        """The chosen iterations per second (None: as fast as possible)."""
        chosen = RATES[self.speed.currentIndex()][1]
        if chosen == AUTO:
            return TOY_PACE if first_toy_run else None
        return chosen  # type: ignore[return-value]
