"""ui: FieldUndo - Ctrl+Z in an inspector field: the field's own typing first, then the
window's Undo (imported with the inspector's form, when a node is first selected)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, SignalInstance
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QWidget


class FieldUndo(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the window's Undo/Redo once a field's edit is committed.

    A line edit claims the undo keys for itself even when it has nothing of its own to
    undo, so after typing -2 + Enter, Ctrl+Z did nothing. While typing is uncommitted
    the field keeps the keys (undoing the typing, as usual); afterwards they pass on.
    """

    def __init__(self, field: QWidget, edit: QLineEdit, finished: SignalInstance) -> None:
        super().__init__(field)
        self.pending = False
        edit.textEdited.connect(self._on_edit_text_edited)
        finished.connect(self._on_finished)
        field.installEventFilter(self)  # a spin box's keys may go to it or to its line edit
        if edit is not field:
            edit.installEventFilter(self)

    def _on_edit_text_edited(self, _text: str) -> None:
        self.pending = True

    def _on_finished(self) -> None:
        self.pending = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and not self.pending
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            event.ignore()  # not claimed: the window's Undo/Redo shortcut fires
            return True
        return False


def pass_undo_keys(field: QLineEdit | QAbstractSpinBox) -> FieldUndo:
    """Install FieldUndo on a line edit or on a spin box's line edit."""
    if isinstance(field, QAbstractSpinBox):
        return FieldUndo(field, field.lineEdit(), field.editingFinished)
    return FieldUndo(field, field, field.editingFinished)
