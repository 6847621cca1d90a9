"""ui: widgets for one value - a heat-map table to read a tensor, an editor to type one.

Typed numbers go through `parse_number`: scientific notation works ("1e-3"), and text
that is not a finite number within ±SPIN_RANGE is refused with one message (never
clamped or half-read: "1e30" must not become 130).
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gradflow.core.formatting import format_number, format_shape

SPIN_RANGE = 1e12
MAX_EDIT_SIZE = 32
PARTIAL = ("", "-", "+", ".", "-.", "+.")  # what one types on the way to a number


class NumberError(ValueError):
    """Typed text that is not an acceptable number; the message says why."""


def parse_number(text: str, limit: float = SPIN_RANGE) -> float:
    """The number in `text` ("-2", "0.5", "1e-3", "−4"); NumberError if not a finite one."""
    s = text.strip().replace("−", "-").replace(",", ".")
    try:
        x = float(s)
    except ValueError:
        if not text.strip():
            raise NumberError(
                QCoreApplication.translate("ValueEditor", "an empty field is not a number")
            ) from None
        raise NumberError(
            QCoreApplication.translate("ValueEditor", '"{text}" is not a number').format(
                text=text.strip()
            )
        ) from None
    if not math.isfinite(x):
        raise NumberError(
            QCoreApplication.translate("ValueEditor", "{number} is not a finite number").format(
                number=s
            )
        )
    if abs(x) > limit:
        raise NumberError(
            QCoreApplication.translate(
                "ValueEditor", "{number} is too large (values lie within ±{limit})"
            ).format(number=s, limit=format_number(limit))
        )
    return x


def exact_text(x: float) -> str:
    """The shortest text that reads back as exactly `x` ("-2", "0.1", "1e-20")."""
    s = repr(float(x))
    if s.endswith(".0"):
        s = s[:-2]
    return s.replace("e+", "e")


class NumberSpin(QDoubleSpinBox):
    """A spin box that takes any typed number (1e-3 included) and shows values exactly.

    Text that is not an acceptable number stays visible while typing; when the edit
    ends it is refused: `rejected(message)` fires and the previous value comes back.
    """

    rejected = Signal(str)

    def __init__(self, parent: QWidget | None = None, limit: float = SPIN_RANGE) -> None:
        super().__init__(parent)
        self._limit = limit
        self._bad: str | None = None
        self.setRange(-limit, limit)
        self.setDecimals(323)  # no rounding: 1e-20 stays 1e-20 (the text is ours anyway)
        self.setKeyboardTracking(False)
        self.setToolTip(self.tr("Type a number (e.g. -2, 0.5 or 1e-3) and press Enter"))
        self.editingFinished.connect(self._on_editing_finished)

    # PySide6 takes the bare State here; its stub asks for the C++ tuple (state, text, pos)
    def validate(self, text: str, pos: int) -> QValidator.State:  # type: ignore[override]
        try:
            parse_number(text, self._limit)
        except NumberError:
            return QValidator.State.Intermediate  # keep it visible; refused on commit
        return QValidator.State.Acceptable

    def fixup(self, text: str) -> str:
        self._bad = text  # called for text that is not acceptable when the edit ends
        return text

    def valueFromText(self, text: str) -> float:
        try:
            return parse_number(text, self._limit)
        except NumberError:
            return self.value()

    def textFromValue(self, value: float) -> str:
        return exact_text(value)

    def _on_editing_finished(self) -> None:
        # The refused text has already been replaced by the previous value, so slots that
        # compare the value with the model see no change.
        bad, self._bad = self._bad, None
        if bad is None:
            return
        try:
            parse_number(bad, self._limit)
        except NumberError as err:
            self.rejected.emit(f"{err}: the value was not changed")


def heat_color(x: float, scale: float) -> QColor:
    """Blue for negative, white for zero, red for positive; `scale` maps to full colour."""
    t = 0.0 if scale == 0 else max(-1.0, min(1.0, x / scale))
    fade = int(255 * (1 - 0.55 * abs(t)))
    return QColor(255, fade, fade) if t > 0 else QColor(fade, fade, 255)


def as_matrix(arr: np.ndarray) -> np.ndarray:
    """A 0-d, 1-d or 2-d array as rows × columns (a vector is one row)."""
    arr = np.asarray(arr)
    return arr.reshape(1, -1) if arr.ndim < 2 else arr


class TensorTable(QTableWidget):
    """A read-only (or editable) table of an array, cells tinted by a heat map."""

    def __init__(self, parent: QWidget | None = None, editable: bool = False) -> None:
        super().__init__(parent)
        self.verticalHeader().setDefaultSectionSize(22)
        self.horizontalHeader().setDefaultSectionSize(64)
        if not editable:
            self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def set_array(self, arr: np.ndarray) -> None:
        """Show `arr` (a scalar is a 1×1 table)."""
        mat = as_matrix(arr)
        self.blockSignals(True)
        self.setRowCount(mat.shape[0])
        self.setColumnCount(mat.shape[1])
        scale = float(np.max(np.abs(mat))) if mat.size else 0.0
        for i in range(mat.shape[0]):
            for j in range(mat.shape[1]):
                x = float(mat[i, j])
                cell = QTableWidgetItem(format_number(x, 6))
                cell.setBackground(heat_color(x, scale))
                cell.setForeground(QColor("#1f2430"))
                self.setItem(i, j, cell)
        self.setFixedHeight(min(24 + 22 * mat.shape[0], 220))
        self.blockSignals(False)


class ValueEditor(QWidget):
    """Edits the value of an input or const: a spin box for a scalar, a table otherwise.

    Emits `edited(value)` once per finished edit; `rejected(message)` for bad text.
    """

    edited = Signal(object)
    rejected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = np.zeros(())
        self.kind = QComboBox()
        self.kind.addItems(["scalar", "vector", "matrix"])
        self.rows, self.cols = QSpinBox(), QSpinBox()
        for spin in (self.rows, self.cols):
            spin.setRange(1, MAX_EDIT_SIZE)
        self.spin = NumberSpin()
        self.table = TensorTable(editable=True)
        shape_row = QHBoxLayout()
        shape_row.addWidget(QLabel(self.tr("Shape")))
        self._times = QLabel("×")
        for w in (self.kind, self.rows, self._times, self.cols):
            shape_row.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(shape_row)
        layout.addWidget(self.spin)
        layout.addWidget(self.table)
        self.spin.editingFinished.connect(self._on_spin_editing_finished)
        self.spin.rejected.connect(self.rejected)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.kind.activated.connect(self._on_shape_edited)
        self.rows.editingFinished.connect(self._on_shape_edited)
        self.cols.editingFinished.connect(self._on_shape_edited)

    def set_value(self, value: np.ndarray) -> None:
        """Show `value` without emitting anything."""
        self._value = np.asarray(value)
        widgets = (self.kind, self.rows, self.cols, self.spin)
        for w in widgets:
            w.blockSignals(True)
        nd = self._value.ndim
        self.kind.setCurrentIndex(nd)
        mat = as_matrix(self._value)
        for spin, n in ((self.rows, max(mat.shape)), (self.cols, mat.shape[1])):
            spin.setMaximum(max(MAX_EDIT_SIZE, n))  # a bigger tensor shows its own shape
        self.rows.setValue(mat.shape[0] if nd == 2 else mat.shape[1])
        self.cols.setValue(mat.shape[1])
        self.rows.setVisible(nd >= 1)
        self._times.setVisible(nd == 2)
        self.cols.setVisible(nd == 2)
        self.spin.setVisible(nd == 0)
        self.table.setVisible(nd > 0)
        if nd == 0 and not (self.spin.hasFocus() and self.spin.value() == float(self._value)):
            self.spin.setValue(float(self._value))  # not while the user types over the same value
        else:
            self.table.set_array(self._value)
        for w in widgets:
            w.blockSignals(False)

    def _on_spin_editing_finished(self) -> None:
        new = float(self.spin.value())
        if self._value.ndim == 0 and new != float(self._value):
            self.edited.emit(new)

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        try:
            x = parse_number(item.text())
        except NumberError as err:
            self.rejected.emit(f"{err}: the value was not changed")
            self.set_value(self._value)
            return
        mat = as_matrix(self._value).astype(np.float64).copy()
        mat[item.row(), item.column()] = x
        self.edited.emit(mat.reshape(self._value.shape))

    def _on_shape_edited(self) -> None:
        kind = self.kind.currentIndex()
        shape = ((), (self.rows.value(),), (self.rows.value(), self.cols.value()))[kind]
        if shape == self._value.shape:
            self.set_value(self._value)
            return
        new = np.zeros(shape)
        old = as_matrix(self._value)
        if kind == 0:
            new = np.asarray(float(old[0, 0]))
        else:
            view = as_matrix(new)
            r, c = min(view.shape[0], old.shape[0]), min(view.shape[1], old.shape[1])
            view[:r, :c] = old[:r, :c]
        self.edited.emit(new)


def describe_shape(arr: np.ndarray) -> str:
    """'scalar', 'vector of 3' or '2×3' for an array (a bare '3' was read as the value)."""
    shape = np.asarray(arr).shape
    if len(shape) == 1:
        return QCoreApplication.translate("ValueEditor", "vector of {n}").format(n=shape[0])
    return format_shape(shape)
