"""ui: the practice panel under the player's controls - the question, answers, verdict, hints.

A view only: PracticeMode (practice.py) decides what it shows. Left: the question, one
input per number asked (a spin box, or a table for a small tensor; bigger tensors are
listed as shown, not asked), Check, Hint and the tolerance. Right: the verdict, the
hints given so far and the score per gate type.
"""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gradflow.core.formatting import format_shape
from gradflow.core.practice import Question
from gradflow.ui.player.answer_input import AnswerBox, AnswerTable

TOLERANCES = (1e-3, 1e-2, 5e-2, 1e-1)
RIGHT, WRONG = "#1b7f3b", "#c0392b"


class PracticePanel(QWidget):
    """Asks for the numbers of one step; emits intents, shows what it is told."""

    check_requested = Signal()
    hint_requested = Signal()
    tolerance_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practicePanel")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        self.question = QLabel(self)
        self.question.setObjectName("practiceQuestion")
        self.question.setWordWrap(True)
        left.addWidget(self.question)
        self.grid = QGridLayout()
        left.addLayout(self.grid)
        buttons = QHBoxLayout()
        self.check = QPushButton(self.tr("Check (Enter)"), self)
        self.check.setObjectName("practiceCheck")
        self.check.clicked.connect(self.check_requested)
        self.hint = QPushButton(self.tr("Hint"), self)
        self.hint.setObjectName("practiceHint")
        self.hint.clicked.connect(self.hint_requested)
        self.tolerance = QComboBox(self)
        self.tolerance.setObjectName("practiceTolerance")
        self.tolerance.setToolTip(self.tr("How close an answer must be, relative to the number"))
        for tol in TOLERANCES:
            self.tolerance.addItem(self.tr("within {p} %").format(p=f"{tol * 100:g}"), tol)
        self.tolerance.setCurrentIndex(TOLERANCES.index(1e-2))
        self.tolerance.currentIndexChanged.connect(
            lambda i: self.tolerance_changed.emit(float(self.tolerance.itemData(i)))
        )
        for w in (self.check, self.hint, self.tolerance):
            buttons.addWidget(w)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addStretch(1)
        self.verdict = self._label("practiceVerdict", right)
        self.hints = self._label("practiceHints", right)
        self.summary = self._label("practiceSummary", right)
        right.addStretch(1)
        self.inputs: list[AnswerBox | AnswerTable] = []

    def _label(self, name: str, column: QVBoxLayout) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        column.addWidget(label)
        return label

    def show_question(self, question: Question | None, text: str) -> None:
        """The question (its inputs rebuilt), or just `text` when nothing is asked."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                if isinstance(widget, AnswerTable):  # an open cell commits nothing now
                    delegate = widget.itemDelegate()
                    if delegate is not None:
                        delegate.blockSignals(True)
                widget.hide()  # at once: deleteLater would leave it drawn until then
                widget.deleteLater()
        self.inputs = []
        self.question.setText(text if question is None else question.prompt)
        self.check.setEnabled(question is not None)
        self.hint.setEnabled(question is not None)
        self.hints.clear()
        if question is None:
            return
        for row, u in enumerate(question.unknowns):
            shape = f" ({format_shape(u.expected.shape)})" if u.expected.ndim else ""
            self.grid.addWidget(QLabel(f"{u.label}{shape} =", self), row, 0)
            if not u.asked:
                shown = self.tr("shown, not asked ({shape})").format(
                    shape=format_shape(u.expected.shape)
                )
                self.grid.addWidget(QLabel(shown, self), row, 1)
                continue
            box: AnswerTable | AnswerBox
            if u.expected.ndim:
                box = AnswerTable(u.expected.shape, self)
                box.submitted.connect(self.check_requested)
            else:
                box = AnswerBox(self)
            box.setObjectName(f"practiceAnswer{len(self.inputs)}")
            self.grid.addWidget(box, row, 1, Qt.AlignmentFlag.AlignLeft)
            self.inputs.append(box)
        self.grid.setColumnStretch(2, 1)

    def answers(self) -> dict[int, np.ndarray | None]:
        """What is typed, by index into the question's asked unknowns."""
        return {i: box.answer() for i, box in enumerate(self.inputs)}

    def focus_first(self) -> None:
        """Put the cursor in the first answer, its text selected for typing over."""
        if self.inputs:
            box = self.inputs[0]
            box.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(box, AnswerBox):
                box.selectAll()

    def show_verdict(self, right: bool, text: str, wrong: tuple[int, ...] = ()) -> None:
        """A green tick or a red cross with `text`; wrong inputs framed red."""
        colour, mark = (RIGHT, "✓") if right else (WRONG, "✗")
        self.verdict.setText(f'<b style="color:{colour}">{mark}</b> {escape(text)}')
        for i, box in enumerate(self.inputs):
            box.mark_wrong(i in wrong)

    def show_hints(self, hints: tuple[str, ...]) -> None:
        """The hints given so far, numbered."""
        self.hints.setText("<br>".join(f"{i}. {escape(h)}" for i, h in enumerate(hints, 1)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.check.isEnabled():
            self.check_requested.emit()
            return
        super().keyPressEvent(event)
