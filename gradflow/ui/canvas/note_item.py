"""ui: a note on the canvas - a few lines of text in a card above the graph's top-left node.

Not part of the document (never saved): a part that opens a graph may say something
about how to read it (the network graph says how W is oriented). A new document clears
it with the rest of the scene.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem

from gradflow.ui.canvas.style import font

PAD = 8.0
GAP = 56.0  # between the note and the nodes below it (room for their numbers)


class NoteItem(QGraphicsItem):
    """Text in a pale card, drawn at a readable size; it takes no clicks."""

    def __init__(self, text: str, pt: float = 10.0) -> None:
        super().__init__()
        self._text = text
        self._font = font(pt)
        metrics = QFontMetricsF(self._font)
        lines = text.split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines)
        self._rect = QRectF(0, 0, width + 2 * PAD, metrics.lineSpacing() * len(lines) + 2 * PAD)
        self.setZValue(3)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def text(self) -> str:
        """The note's text."""
        return self._text

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setPen(QPen(QColor(180, 160, 90), 1.0))
        painter.setBrush(QBrush(QColor(255, 249, 222)))
        painter.drawRoundedRect(self._rect, 6, 6)
        painter.setFont(self._font)
        painter.setPen(QColor(60, 50, 20))
        painter.drawText(self._rect.adjusted(PAD, PAD, -PAD, -PAD), 0, self._text)


def show_note(scene: QGraphicsScene, nodes: QRectF, text: str) -> NoteItem:
    """Put a note with `text` above the top-left corner of `nodes` (scene coordinates)."""
    note = NoteItem(text)
    scene.addItem(note)
    note.setPos(nodes.left(), nodes.top() - GAP - note.boundingRect().height())
    return note
