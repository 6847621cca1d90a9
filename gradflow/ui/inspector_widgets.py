"""ui: the inspector's wide content - tables and rich text that scroll instead of being cut.

The inspector is a narrow dock. A 4 x 64 value table or an explanation with a 2 x 8
Jacobian is wider than it, and a widget that asks for its full width either widens the
dock or (in a scroll area that scrolls only up and down) is cut off at the right edge.
`TensorPanel` shows an array as a table that scrolls sideways inside itself, with a
caption that says its shape and which index runs down the rows; `ScrollingLabel` is rich
text whose sentences wrap at the dock's width while a wider table scrolls sideways.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gradflow.core.formatting import format_shape
from gradflow.ui.value_editor import TensorTable

NARROW = 60  # the least width these widgets ask for: the dock decides their width
MAX_SHOWN_ROWS = 8  # a taller table scrolls down inside itself
MAX_FITTED_COLUMNS = 256  # columns fitted to their numbers (a wider table keeps one width)


def table_caption(shape: tuple[int, ...]) -> str:
    """What a table of an array of `shape` shows: its shape and what the rows are."""
    if len(shape) == 1:
        return QCoreApplication.translate(
            "TensorPanel", "vector of {n}, shown as one row: column j = entry j"
        ).format(n=shape[0])
    if len(shape) == 2:
        return QCoreApplication.translate(
            "TensorPanel",
            "{shape}: row i = first index, column j = second index",
        ).format(shape=format_shape(shape))
    return format_shape(shape)


class TensorPanel(QWidget):
    """An array as a caption (shape, which index is the row) over a heat-map table that
    scrolls inside the dock's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setObjectName("tableCaption")
        self.caption.setWordWrap(True)
        # dimmer than the numbers, in the theme's own grey (a style sheet's palette() is
        # read once, so the dark theme left it dark grey on dark)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.table = FittedTable()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.table)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_array(self, arr: np.ndarray) -> None:
        """Show `arr` and say its shape."""
        arr = np.asarray(arr)
        self.caption.setText(table_caption(arr.shape))
        self.table.set_array(arr)

    def minimumSizeHint(self) -> QSize:
        """Narrow: the table scrolls, the dock keeps its width."""
        return QSize(NARROW, super().minimumSizeHint().height())


class FittedTable(TensorTable):
    """A TensorTable as tall as its rows (up to MAX_SHOWN_ROWS) plus its sideways scroll
    bar when the columns are wider than the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_array(self, arr: np.ndarray) -> None:
        """Show `arr` (see TensorTable), every number in full, and fit the height to it."""
        super().set_array(arr)
        if self.columnCount() <= MAX_FITTED_COLUMNS:
            self.resizeColumnsToContents()  # the exact numbers, not "0.5313…"
        self._fit_height()

    def minimumSizeHint(self) -> QSize:
        """Narrow: the columns scroll."""
        return QSize(NARROW, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The sideways scroll bar comes and goes with the width: refit the height."""
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        rows = min(self.rowCount(), MAX_SHOWN_ROWS)
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(i) for i in range(rows))
        columns = sum(self.columnWidth(j) for j in range(self.columnCount()))
        if columns + self.verticalHeader().width() + 2 * self.frameWidth() > self.width():
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)


class ScrollingLabel(QTextBrowser):
    """Rich text whose sentences wrap at the dock's width while a table wider than the
    dock scrolls sideways; as tall as its text (it never scrolls up and down), and with
    the dock's own background, so it reads as a label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        palette = self.palette()  # the dock's background shows through (either theme)
        palette.setColor(QPalette.ColorRole.Base, QColor(0, 0, 0, 0))
        self.setPalette(palette)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        # lines break between words only (Qt's default also breaks inside a word that
        # does not fit: "upstre/am"); a word wider than the dock scrolls sideways
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(0)

    def setText(self, text: str) -> None:
        """Show `text` (rich text) and fit the height to it (the same text again, as when
        the pulses of an animated step arrive at the step already explained, is not
        parsed and laid out again)."""
        if text != self._text:
            self._text = text
            self.setHtml(text)
        self._fit_height()

    def text(self) -> str:
        """The text shown, as it was given."""
        return self._text

    def minimumSizeHint(self) -> QSize:
        """Narrow: a wide table scrolls, the dock keeps its width."""
        return QSize(NARROW, self.height())

    def sizeHint(self) -> QSize:
        """As tall as the text at the present width."""
        return QSize(NARROW, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new width wraps the text anew: refit the height."""
        super().resizeEvent(event)
        self._fit_height()

    def wide(self) -> bool:
        """Whether a table is wider than the dock (the text scrolls sideways)."""
        return self.document().size().width() > self.viewport().width() + 1

    def _fit_height(self) -> None:
        document, width = self.document(), self.viewport().width()
        if document.textWidth() != width:  # setting it lays the whole text out again
            document.setTextWidth(width)
        height = int(document.size().height()) + 2 * self.frameWidth() + 2
        if self._text and self.wide():
            height += self.horizontalScrollBar().sizeHint().height()
        height = height if self._text else 0
        if height != self.height():
            self.setFixedHeight(height)
