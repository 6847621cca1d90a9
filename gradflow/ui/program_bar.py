"""ui: the program bar above the canvas - type a program, press Enter, get the graph.

The bar shows the current graph as a program of the expression language and keeps it
in step with the canvas: an edit on the canvas rewrites the text (unless you are in the
middle of typing), and Enter builds the typed program into a laid-out graph as ONE
undoable edit - replacing the canvas or inserted beside it, as the mode box says. A
program that cannot be built changes nothing: the spot is underlined and the reason is
written under the text. Ctrl+L jumps here; Shift+Enter starts a new line; Esc brings
back the program of the canvas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontDatabase, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gradflow.core.errors import ExpressionError, GradflowError
from gradflow.core.expr_print import to_program
from gradflow.core.graph import Graph
from gradflow.ui.actions import MenuEntry, make_action
from gradflow.ui.first_paint import after_first_paint

if TYPE_CHECKING:
    from gradflow.ui.dock_context import DockContext

REPLACE, INSERT = 0, 1
GAP = 160.0  # between the canvas and a program inserted beside it
ERROR_COLOUR = "#c62828"
MAX_SHOWN_NODES = 300  # beyond these the canvas is the better view (and printing costs)
MAX_SHOWN_NUMBERS = 400


class ProgramEdit(QPlainTextEdit):
    """A few lines of program: Enter submits, Shift+Enter breaks the line, Esc reverts."""

    submitted = Signal()
    reverted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")  # a real new line (Qt's own is a soft break)
            else:
                self.submitted.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.reverted.emit()
            return
        super().keyPressEvent(event)


class ProgramBar(QDockWidget):
    """The dock holding the program of the current graph."""

    built = Signal(int)  # nodes built from a program

    def __init__(self, ctx: DockContext) -> None:
        super().__init__(self.tr("Program"))
        self.setObjectName("program")
        self._workspace, self._services = ctx.workspace, ctx.services
        self._view = ctx.view
        self._in_step: tuple[int, int] | None = None  # (graph id, revision) the text shows
        self._dirty = False
        self._building = False
        self._stale = False
        self._build_ui()
        doc = ctx.workspace.document
        doc.result_changed.connect(lambda _structural: self._on_document_changed())
        doc.graph_replaced.connect(self._on_document_changed)
        self._on_document_changed()

    # --- widgets ---------------------------------------------------------------------------
    def _build_ui(self) -> None:
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(6, 2, 6, 4)
        outer.setSpacing(2)
        row = QHBoxLayout()
        self.edit = ProgramEdit()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.edit.setFont(mono)
        self.edit.setPlaceholderText(
            self.tr("Type a program, e.g.  x = -2; y = 5; z = -4; f = (x + y) * z  and press Enter")
        )
        self.edit.setToolTip(
            self.tr(
                "Enter builds the graph (one undoable edit); Shift+Enter starts a new line; "
                "Esc shows the canvas's program again. Ctrl+L comes here."
            )
        )
        self.edit.setTabChangesFocus(True)
        lines = 3
        height = self.edit.fontMetrics().lineSpacing() * lines + 14
        self.edit.setFixedHeight(height)
        self.mode = QComboBox()
        self.mode.addItems([self.tr("Replace canvas"), self.tr("Insert beside")])
        self.mode.setToolTip(self.tr("Whether Enter replaces the canvas or adds the new graph"))
        self.build_button = QPushButton(self.tr("Build"))
        self.build_button.setToolTip(self.tr("Build the program into a graph (Enter)"))
        self.copies = QCheckBox(self.tr("Copy gates"))
        self.copies.setToolTip(
            self.tr("Draw a copy gate wherever a name is used more than once (copy adds)")
        )
        side = QVBoxLayout()
        side.addWidget(self.mode)
        side.addWidget(self.copies)
        side.addWidget(self.build_button)
        side.addStretch(1)
        row.addWidget(self.edit, 1)
        row.addLayout(side)
        outer.addLayout(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.message)
        self.setWidget(body)
        self.edit.submitted.connect(self.build_program)
        self.edit.reverted.connect(self.show_graph_program)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.build_button.clicked.connect(self.build_program)
        self.focus_action = make_action(
            self, self.tr("Type a &Program"), self.focus_program, "Ctrl+L",
            object_name="focus_program",
        )  # fmt: skip

    def menu_entries(self) -> list[MenuEntry]:
        """View ▸ Type a Program (Ctrl+L)."""
        return [MenuEntry("&View", self.focus_action, "focus_program")]

    # --- public API ------------------------------------------------------------------------
    def focus_program(self) -> None:
        """Show the bar, put the cursor in it and select the program (Ctrl+L)."""
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def text(self) -> str:
        """The program as typed."""
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Type `text` into the bar (as a user would; the canvas does not change yet)."""
        self.edit.setPlainText(text)
        self._dirty = True

    def build_program(self) -> bool:
        """Build the typed program into the canvas as one undoable edit; False if refused."""
        from gradflow.core.expression import build  # imported when a program is first built

        text = self.text()
        try:
            graph = build(text, explicit_copies=self.copies.isChecked())
        except ExpressionError as err:
            self._show_error(err)
            return False
        document = self._workspace.document
        self._building = True  # the document's signals come back while it changes
        try:
            if self.mode.currentIndex() == INSERT and len(document.graph):
                document.paste(graph, _beside(document.graph, graph), self.tr("Build from program"))
            else:
                document.replace_graph(graph, self.tr("Build from program"))
        except GradflowError as err:
            self._show_message(str(err), error=True)
            return False
        finally:
            self._building = False
        self._dirty = False
        self._mark_in_step()
        self._clear_underline()
        self._show_message(
            self.tr("Built {n} nodes · Ctrl+Z undoes it").format(n=len(graph)), error=False
        )
        QTimer.singleShot(0, self._view.fit)  # once the new items have their places
        self.built.emit(len(graph))
        return True

    def show_graph_program(self) -> None:
        """Show the program of the current graph (or say why there is none)."""
        graph = self._workspace.document.graph
        self._clear_underline()
        too_big = _too_big(graph)
        if not len(graph):
            self._set_plain("")
            self._show_message("", error=False)
        elif too_big:
            self._set_plain("")
            self._show_message(too_big, error=False)
        else:
            try:
                self._set_plain(to_program(graph))
                self._show_message("", error=False)
            except ExpressionError as err:
                self._set_plain("")
                self._show_message(
                    self.tr("This graph has no program: {why}").format(why=err.message),
                    error=False,
                )
        self._dirty = False
        self._mark_in_step()

    # --- helpers ---------------------------------------------------------------------------
    def _set_plain(self, text: str) -> None:
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)

    def _mark_in_step(self) -> None:
        graph = self._workspace.document.graph
        self._in_step = (id(graph), graph.revision)

    def _on_document_changed(self) -> None:
        if self._building:
            return
        graph = self._workspace.document.graph
        if self._in_step == (id(graph), graph.revision):
            return  # the text already is this graph's program (as typed or as printed)
        if not self.isVisible():
            self._stale = True  # printed when the bar is shown again (printing costs)
            return
        if self._dirty and self.edit.hasFocus():
            self._show_message(
                self.tr("The canvas changed; Esc shows its program, Enter builds yours"),
                error=False,
            )
            return
        self.show_graph_program()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:  # printed now, or at start-up once the canvas is on screen
            after_first_paint(self._view.viewport(), self._catch_up)

    def _catch_up(self) -> None:
        if self._stale and self.isVisible():
            self._stale = False
            self._on_document_changed()

    def _on_edit_text_changed(self) -> None:
        self._dirty = True
        self._clear_underline()

    def _show_error(self, err: ExpressionError) -> None:
        # Qt makes these types (and their enums) when first imported: not at start-up
        from PySide6.QtGui import QTextCharFormat, QTextCursor

        self._show_message(str(err), error=True)
        doc = self.edit.document()
        block = doc.findBlockByLineNumber(err.line - 1)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        col = min(err.col - 1, max(0, block.length() - 1))
        cursor.setPosition(block.position() + col)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
        if not cursor.hasSelection():
            cursor.movePosition(
                QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
            )
        if not cursor.hasSelection():  # the end of the text: underline the last character
            cursor.movePosition(
                QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor
            )
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(ERROR_COLOUR))
        fmt.setToolTip(err.message)
        mark = QTextEdit.ExtraSelection()
        mark.cursor, mark.format = cursor, fmt  # type: ignore[misc]
        self.edit.setExtraSelections([mark])

    def _clear_underline(self) -> None:
        self.edit.setExtraSelections([])

    def underlined(self) -> str:
        """The text under the error mark ('' when there is none) - for tests and tooltips."""
        marks = self.edit.extraSelections()
        return marks[0].cursor.selectedText() if marks else ""

    def _show_message(self, text: str, error: bool) -> None:
        self.message.setText(text)
        style = f"color: {ERROR_COLOUR};" if error else "color: gray;"
        if self.message.styleSheet() != style:  # a new style sheet re-polishes: per edit
            self.message.setStyleSheet(style)
        self.message.setVisible(bool(text))


def _too_big(graph: Graph) -> str:
    """Why a graph is not shown as a program (too many nodes or numbers to read), or ''."""
    if len(graph) > 10 * MAX_SHOWN_NODES:  # far too many: no walk over every node per edit
        return QCoreApplication.translate(
            "ProgramBar", "This graph is too big to show as a program ({n} nodes)"
        ).format(n=len(graph))
    numbers = sum(int(np.size(n.attrs["value"])) for n in graph if n.spec.is_leaf)
    if len(graph) > MAX_SHOWN_NODES or numbers > MAX_SHOWN_NUMBERS:
        return QCoreApplication.translate(
            "ProgramBar", "This graph is too big to show as a program ({n} nodes, {k} numbers)"
        ).format(n=len(graph), k=numbers)
    return ""


def _beside(current: Graph, new: Graph) -> tuple[float, float]:
    """The offset that puts `new` to the right of everything on the canvas, tops aligned."""
    placed = [n.pos for n in current if n.pos is not None]
    coming = [n.pos for n in new if n.pos is not None]
    if not placed or not coming:
        return (GAP, 0.0)
    right = max(x for x, _ in placed)
    top = min(y for _, y in placed)
    return (right + GAP - min(x for x, _ in coming), top - min(y for _, y in coming))
