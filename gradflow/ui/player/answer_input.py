"""ui: where a student types a predicted number - a spin box for a scalar, a table for a tensor.

Both give back a numpy array (or None while a table cell is empty) and can be marked
wrong (a red frame) or filled with the answer when the student asks for it.
"""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDoubleSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from gradflow.core.formatting import format_number

LIMIT = 1e9
_PARTIAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d*)?([eE][+-]?\d*)?")
WRONG_STYLE = "border: 2px solid #c0392b;"


def _parse(text: str) -> float | None:
    try:
        value = float(text.replace("−", "-").strip())
    except ValueError:
        return None
    return value if np.isfinite(value) and abs(value) <= LIMIT else None


class AnswerBox(QDoubleSpinBox):
    """A spin box for one number, written compactly (0.1966, 1e-05), any number of decimals."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRange(-LIMIT, LIMIT)
        self.setDecimals(12)
        self.setSingleStep(1.0)
        self.setKeyboardTracking(False)
        self.setMinimumWidth(110)
        self.setAccelerated(True)

    def textFromValue(self, value: float) -> str:
        return format_number(value, 6)

    def valueFromText(self, text: str) -> float:
        value = _parse(text)
        return 0.0 if value is None else value

    def validate(self, text: str, pos: int):
        if _parse(text) is not None:
            return QValidator.State.Acceptable, text, pos
        if _PARTIAL.fullmatch(text.strip().replace("−", "-")):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def answer(self) -> np.ndarray | None:
        """The number typed (the text as it stands, even before the box interprets it)."""
        value = _parse(self.lineEdit().text())
        return None if value is None else np.asarray(value, dtype=np.float64)

    def set_answer(self, value: np.ndarray) -> None:
        """Fill in `value` (when the student asks for the answer)."""
        self.setValue(float(value))

    def mark_wrong(self, wrong: bool) -> None:
        """A red frame while this answer is wrong."""
        self.setStyleSheet(f"QDoubleSpinBox {{{WRONG_STYLE}}}" if wrong else "")


class AnswerTable(QTableWidget):
    """An editable table of a vector (one row) or a matrix, every cell empty to start.

    Enter in a cell moves to the next one; Enter in the last cell (or with no cell
    open) emits `submitted`, so the panel checks the answer.
    """

    submitted = Signal()

    def __init__(self, shape: tuple[int, ...], parent=None) -> None:
        rows, cols = (1, shape[0]) if len(shape) == 1 else shape
        super().__init__(rows, cols, parent)
        self.shape = shape
        for r in range(rows):
            for c in range(cols):
                self.setItem(r, c, QTableWidgetItem(""))
        trigger = QAbstractItemView.EditTrigger
        self.setEditTriggers(
            trigger.DoubleClicked | trigger.SelectedClicked | trigger.EditKeyPressed
            | trigger.AnyKeyPressed
        )  # fmt: skip
        self.horizontalHeader().setDefaultSectionSize(64)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().hide()  # the shape is in the label; the rows keep the room
        self.verticalHeader().hide()
        self.setFixedHeight(rows * 24 + 4)
        self.setFixedWidth(cols * 64 + 4)
        self.itemDelegate().closeEditor.connect(self._on_delegate_close_editor)

    def _on_delegate_close_editor(self, _editor: object, hint: object) -> None:
        if hint != QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            return  # Esc or focus moving away, not Enter
        index = self.currentRow() * self.columnCount() + self.currentColumn() + 1
        # once the editor has closed: the view is still finishing with it
        if index < self.rowCount() * self.columnCount():
            row, col = divmod(index, self.columnCount())
            QTimer.singleShot(0, lambda: self._edit_cell(row, col))
        else:
            QTimer.singleShot(0, self.submitted.emit)

    def _edit_cell(self, row: int, col: int) -> None:
        self.setCurrentCell(row, col)
        self.edit(self.currentIndex())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter with no cell open: the answer is complete
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.state() != QAbstractItemView.State.EditingState:
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def answer(self) -> np.ndarray | None:
        """The entries as an array of the shape, or None while any cell is empty or no number."""
        rows, cols = self.rowCount(), self.columnCount()
        values = []
        for r in range(rows):
            for c in range(cols):
                item = self.item(r, c)
                value = _parse(item.text()) if item is not None else None
                if value is None:
                    return None
                values.append(value)
        return np.array(values, dtype=np.float64).reshape(self.shape)

    def set_answer(self, value: np.ndarray) -> None:
        """Fill every cell from `value`."""
        grid = np.asarray(value, dtype=np.float64).reshape(self.rowCount(), self.columnCount())
        for (r, c), x in np.ndenumerate(grid):
            cell = self.item(r, c)
            if cell is not None:
                cell.setText(format_number(float(x), 6))

    def mark_wrong(self, wrong: bool) -> None:
        """A red frame while this answer is wrong."""
        self.setStyleSheet(f"QTableWidget {{{WRONG_STYLE}}}" if wrong else "")
