"""ui.training: TrainingOptions - the form that edits every TrainConfig option."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from gradflow.nn.config import TASKS, TrainConfig, parse_hidden, parse_image_shape
from gradflow.nn.mlp import ACTIVATIONS
from gradflow.nn.toy_sets import REGRESSION_SETS, TOY_SETS

FILE_KINDS = ("cifar10", "npz")  # data sets read from a location: "cifar10:DIR", "npz:PATH"
# what the data-set and task combos show for each id (the id itself is the item's data)
LABELS = {
    "spiral": QT_TRANSLATE_NOOP("TrainingOptions", "spiral"),
    "xor": QT_TRANSLATE_NOOP("TrainingOptions", "xor"),
    "circles": QT_TRANSLATE_NOOP("TrainingOptions", "circles"),
    "gaussians": QT_TRANSLATE_NOOP("TrainingOptions", "two gaussians"),
    "digits": QT_TRANSLATE_NOOP("TrainingOptions", "digits (8×8)"),
    "line": QT_TRANSLATE_NOOP("TrainingOptions", "line"),
    "sine": QT_TRANSLATE_NOOP("TrainingOptions", "sine"),
    "plane": QT_TRANSLATE_NOOP("TrainingOptions", "plane"),
    "cifar10": QT_TRANSLATE_NOOP("TrainingOptions", "CIFAR-10 folder…"),
    "npz": QT_TRANSLATE_NOOP("TrainingOptions", ".npz file…"),
    "classification": QT_TRANSLATE_NOOP("TrainingOptions", "classification"),
    "regression": QT_TRANSLATE_NOOP("TrainingOptions", "regression"),
}


class WheelGuard(QObject):
    """Event filter: a combo or spin box without focus lets the wheel scroll the form.

    Otherwise scrolling the form with the mouse wheel changes whatever box passes under
    the cursor. The event goes to the scroll area the box is in (or, outside one, on to
    the parents); a box that has focus (clicked or tabbed into) still takes the wheel.
    """

    def guard(self, box: QWidget) -> None:
        """Take the wheel from `box` unless it has focus; it takes focus by click or Tab."""
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            area = _scroll_area_of(watched)
            if area is None:
                event.ignore()  # not accepted: Qt offers a real wheel event to the parents
            else:
                QCoreApplication.sendEvent(area.viewport(), event)  # the form scrolls
            return True
        return False


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area that `widget` is in, if any."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def _combo(items: tuple[str, ...], name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.addItems(list(items))
    return box


def _labelled_combo(ids: tuple[str, ...], name: str) -> QComboBox:
    """A combo showing each id's translated label, with the id as the item's data."""
    box = QComboBox()
    box.setObjectName(name)
    for key in ids:
        label = LABELS.get(key)  # the stub types a NOOP text as object: it is the str given
        shown = key if label is None else QCoreApplication.translate("TrainingOptions", str(label))
        box.addItem(shown, key)
    return box


def _current_id(box: QComboBox) -> str:
    """The id of a labelled combo's current item."""
    return str(box.currentData())


def _select_id(box: QComboBox, key: str) -> None:
    """Show the item of `key` in a labelled combo (nothing changes for an unknown id)."""
    index = box.findData(key)
    if index >= 0:
        box.setCurrentIndex(index)


def _spin(lo: int, hi: int, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo, hi)
    box.setObjectName(name)
    box.setKeyboardTracking(False)
    return box


def _fspin(lo: float, hi: float, name: str, decimals: int, step: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(decimals)
    box.setRange(lo, hi)
    box.setSingleStep(step)
    box.setObjectName(name)
    box.setKeyboardTracking(False)
    return box


class TrainingOptions(QWidget):
    """Every training option; `config()` reads them, `set_config()` shows a config."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset = _labelled_combo(
            (*TOY_SETS, "digits", *REGRESSION_SETS, *FILE_KINDS), "dataset"
        )
        self.task = _labelled_combo(TASKS, "task")
        self.image_shape = QLineEdit()
        self.image_shape.setObjectName("imageShape")
        self.image_shape.setPlaceholderText(self.tr("8x8 or 32x32x3"))
        self.image_shape.setToolTip(
            self.tr("How a row of an .npz file is an image (for the templates)")
        )
        self.location = QLineEdit()
        self.location.setObjectName("datasetLocation")
        self.location.setPlaceholderText(self.tr("folder or file"))
        self.browse = QToolButton()
        self.browse.setText("…")
        self.browse.setToolTip(self.tr("Choose the CIFAR-10 folder or .npz file"))
        self.hidden = QLineEdit()
        self.hidden.setObjectName("hidden")
        self.hidden.setToolTip(self.tr('Hidden layer sizes, e.g. "100,50" ("none": linear)'))
        self.activation = _combo(ACTIVATIONS, "activation")
        self.optimizer = _combo(("adam", "momentum", "sgd"), "optimizer")
        self.loss = _combo(("softmax_ce", "mse"), "loss")
        self.init = _combo(("he", "xavier"), "init")
        self.lr = _fspin(1e-5, 1000.0, "lr", decimals=5, step=0.001)
        self.batch = _spin(1, 100_000, "batch")
        self.epochs = _spin(1, 100_000, "epochs")
        self.weight_decay = _fspin(0.0, 1.0, "weightDecay", decimals=5, step=1e-4)
        self.seed = _spin(0, 2**31 - 1, "seed")
        self.val_fraction = _fspin(0.0, 0.9, "valFraction", decimals=2, step=0.05)
        self.samples = _spin(20, 1_000_000, "samples")
        self.noise = _fspin(0.0, 10.0, "noise", decimals=2, step=0.05)
        self.classes = _spin(1, 10, "classes")
        self.classes.setSpecialValueText(self.tr("auto"))  # the minimum (1) means the set's default
        self._layout()
        self.set_config(TrainConfig())
        for box in (
            self.dataset,
            self.task,
            self.activation,
            self.optimizer,
            self.loss,
            self.init,
        ):
            box.currentIndexChanged.connect(self.changed)
        for spin in (
            self.lr,
            self.batch,
            self.epochs,
            self.weight_decay,
            self.seed,
            self.val_fraction,
            self.samples,
            self.noise,
            self.classes,
        ):
            spin.valueChanged.connect(self.changed)
        self.hidden.editingFinished.connect(self.changed)
        self.location.editingFinished.connect(self.changed)
        self.image_shape.editingFinished.connect(self.changed)
        self.dataset.currentIndexChanged.connect(self._update_enabled)
        self.task.currentIndexChanged.connect(self._update_enabled)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.wheel_guard = WheelGuard(self)
        for kind in (QComboBox, QAbstractSpinBox):
            for found in self.findChildren(kind):
                self.wheel_guard.guard(found)

    def _layout(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        where = QHBoxLayout()
        where.addWidget(self.location)
        where.addWidget(self.browse)
        rows = (
            (self.tr("Data set"), self.dataset),
            (self.tr("Location"), where),
            (self.tr("Task"), self.task),
            (self.tr("Image shape"), self.image_shape),
            (self.tr("Samples"), self.samples),
            (self.tr("Noise"), self.noise),
            (self.tr("Classes"), self.classes),
            (self.tr("Validation"), self.val_fraction),
            (self.tr("Hidden"), self.hidden),
            (self.tr("Activation"), self.activation),
            (self.tr("Loss"), self.loss),
            (self.tr("Init"), self.init),
            (self.tr("Optimizer"), self.optimizer),
            (self.tr("Learning rate"), self.lr),
            (self.tr("Weight decay"), self.weight_decay),
            (self.tr("Batch"), self.batch),
            (self.tr("Epochs"), self.epochs),
            (self.tr("Seed"), self.seed),
        )
        for label, field in rows:
            form.addRow(label, field)

    def dataset_spec(self) -> str:
        """The data set as the trainer names it: "spiral", "cifar10:DIR", "npz:PATH"."""
        key = _current_id(self.dataset)
        if key in FILE_KINDS:
            return f"{key}:{self.location.text().strip()}"
        return key

    def config(self) -> TrainConfig:
        """The options as a TrainConfig (ConfigError if the hidden sizes cannot be read)."""
        classes = self.classes.value()
        return TrainConfig(
            dataset=self.dataset_spec(),
            hidden=parse_hidden(self.hidden.text()),
            activation=self.activation.currentText(),
            optimizer=self.optimizer.currentText(),
            lr=self.lr.value(),
            batch=self.batch.value(),
            epochs=self.epochs.value(),
            weight_decay=self.weight_decay.value(),
            seed=self.seed.value(),
            init=self.init.currentText(),
            val_fraction=self.val_fraction.value(),
            samples=self.samples.value(),
            noise=self.noise.value(),
            classes=None if classes < 2 else classes,
            loss=self.loss.currentText(),
            task=_current_id(self.task),
            image_shape=parse_image_shape(shape)
            if (shape := self.image_shape.text().strip())
            else None,
        )

    def set_config(self, cfg: TrainConfig) -> None:
        """Show the options of `cfg`."""
        kind, _, where = cfg.dataset.partition(":")
        _select_id(self.dataset, kind)
        self.location.setText(where)
        self.hidden.setText(",".join(str(h) for h in cfg.hidden) or "none")
        self.activation.setCurrentText(cfg.activation)
        self.optimizer.setCurrentText(cfg.optimizer)
        self.loss.setCurrentText(cfg.loss)
        self.init.setCurrentText(cfg.init)
        self.lr.setValue(cfg.lr)
        self.batch.setValue(cfg.batch)
        self.epochs.setValue(cfg.epochs)
        self.weight_decay.setValue(cfg.weight_decay)
        self.seed.setValue(cfg.seed)
        self.val_fraction.setValue(cfg.val_fraction)
        self.samples.setValue(cfg.samples)
        self.noise.setValue(cfg.noise)
        self.classes.setValue(cfg.classes or 1)
        _select_id(self.task, cfg.task)
        self.image_shape.setText("x".join(map(str, cfg.image_shape or ())))
        self._update_enabled()

    def _update_enabled(self) -> None:
        key = _current_id(self.dataset)
        is_file = key in FILE_KINDS
        for w in (self.location, self.browse):
            w.setEnabled(is_file)
        self.image_shape.setEnabled(is_file)
        if not is_file:  # a named set knows its task; an .npz file may be either
            _select_id(self.task, "regression" if key in REGRESSION_SETS else TASKS[0])
        self.task.setEnabled(is_file)
        self.loss.setEnabled(_current_id(self.task) != "regression")
        for spin in (self.samples, self.noise, self.classes):
            spin.setEnabled(not is_file)

    def _on_browse_clicked(self) -> None:
        if _current_id(self.dataset) == "cifar10":
            path = QFileDialog.getExistingDirectory(self, self.tr("CIFAR-10 batches folder"))
        else:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Data set"), "", self.tr("NumPy arrays (*.npz)")
            )
        if path:
            self.location.setText(path)
            self.changed.emit()
