"""ui.training: PlotGrid - the training plots arranged for the room the dock has.

Four cells (loss, accuracy, gradient norm, the network views). A tall dock shows them
2 x 2, a wide and low one in one row; a dock too low for two rows and too narrow for
four (1024x700) shows one or two cells at a time, with a tab bar under them naming each
page (as a spreadsheet's sheets), so no plot is ever squeezed below a readable size and
nothing scrolls out of view. The row under the plots also holds what goes with them
(the history slider), beside the tabs.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QTabBar, QToolButton, QVBoxLayout, QWidget

CELL_WIDTH = 240  # the narrowest a plot gets: its tick labels and legend still read
CELL_HEIGHT = 170  # the lowest, with its header and axis: ~100 px of curves
SPACING = 6  # px between two cells


def narrowest_cell() -> int:
    """The narrowest a cell gets in any layout: four in a row at the row's least width
    (a page of one or two is never narrower than CELL_WIDTH each)."""
    return (4 * CELL_WIDTH - 3 * SPACING) // 4


def choose_layout(width: int, height: int) -> tuple[str, int]:
    """("grid", 2), ("row", 4) or ("pages", cells per page) for a plot area of this size."""
    wide = width >= 4 * CELL_WIDTH
    tall = width >= 2 * CELL_WIDTH and height >= 2 * CELL_HEIGHT
    if wide and (not tall or width > 3 * height):
        return "row", 4
    if tall:
        return "grid", 2
    return "pages", 2 if width >= 2 * CELL_WIDTH else 1


class PlotGrid(QWidget):
    """`cells` (widget, short name) laid out by `choose_layout`."""

    def __init__(
        self,
        cells: list[tuple[QWidget, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.cells = [widget for widget, _ in cells]
        self.names = [name for _, name in cells]
        self.pages = QTabBar()
        self.pages.setObjectName("plotPages")
        self.pages.setDocumentMode(True)
        self.pages.setShape(QTabBar.Shape.RoundedSouth)
        self.pages.setDrawBase(False)
        self.pages.setExpanding(False)
        self.pages.setUsesScrollButtons(False)  # two pages at most: their names fit
        for arrow in self.pages.findChildren(QToolButton):  # Qt makes them all the same
            arrow.setToolTip(self.tr("More tabs"))
        self.pages.hide()
        self.pages.currentChanged.connect(self._on_pages_current_changed)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(SPACING)
        self._under = QHBoxLayout()
        self._under.setContentsMargins(0, 0, 0, 0)
        self._under.addWidget(self.pages)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(self._grid, 1)
        box.addLayout(self._under)
        self.layout_kind: tuple[str, int] = ("", 0)
        self.arrange(*choose_layout(2 * CELL_WIDTH, 2 * CELL_HEIGHT))

    def arrange(self, kind: str, count: int) -> None:
        """Lay the cells out as `kind` ("grid", "row", "pages") with `count` columns."""
        if (kind, count) == self.layout_kind:
            return
        self.layout_kind = (kind, count)
        paged = kind == "pages"
        self.pages.blockSignals(True)
        while self.pages.count():
            self.pages.removeTab(0)
        if paged:
            for start in range(0, len(self.cells), count):
                page = self.pages.addTab(" · ".join(self.names[start : start + count]))
                self.pages.setTabToolTip(page, self.tr("Show these plots"))
        self.pages.blockSignals(False)
        self.pages.setVisible(paged)
        for i in range(4):
            self._grid.setColumnStretch(i, 1 if i < count else 0)
            self._grid.setRowStretch(i, 0)
        rows = 1 if kind != "grid" else -(-len(self.cells) // count)
        for i in range(rows):
            self._grid.setRowStretch(i, 1)
        for i, cell in enumerate(self.cells):
            at = i % count if paged else i
            self._grid.addWidget(cell, at // count, at % count)  # re-adding moves it
        self._show_page(0 if paged else None)

    def add_beside_pages(self, widget: QWidget) -> None:
        """Put `widget` in the row under the plots, beside the page tabs (it stretches)."""
        self._under.addWidget(widget, 1)

    def page_of(self, cell: QWidget) -> int:
        """The page tab showing `cell` (0 when every cell is shown at once)."""
        kind, count = self.layout_kind
        return self.cells.index(cell) // count if kind == "pages" else 0

    def show_cell(self, cell: QWidget) -> None:
        """Bring the page with `cell` forward (when the plots are paged)."""
        if self.pages.isVisible():
            self.pages.setCurrentIndex(self.page_of(cell))

    def _show_page(self, page: int | None) -> None:
        _kind, count = self.layout_kind
        for i, cell in enumerate(self.cells):
            cell.setVisible(page is None or i // count == page)
        if page is not None and self.pages.currentIndex() != page:
            self.pages.blockSignals(True)
            self.pages.setCurrentIndex(page)
            self.pages.blockSignals(False)

    def _on_pages_current_changed(self, page: int) -> None:
        if page >= 0:
            self._show_page(page)

    def minimumSizeHint(self) -> QSize:  # Qt override
        """The smallest layout's (one plot a page), whatever is shown now: four plots in
        a row must not keep the window from getting narrower, nor 2 x 2 lower."""
        least = max(c.minimumSize().expandedTo(c.minimumSizeHint()).height() for c in self.cells)
        return QSize(CELL_WIDTH, least + self.pages.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override: pick the layout
        super().resizeEvent(event)
        height = event.size().height()
        self.arrange(*choose_layout(event.size().width(), height))
