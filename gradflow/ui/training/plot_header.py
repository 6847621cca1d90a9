"""ui.training: a plot's header row - the title on the left, the legend beside it on the right.

pyqtgraph puts a legend inside the curve area, where a falling loss or a rising accuracy
sooner or later runs under it. Here the legend sits in the title row above the curves:
as many entries side by side as fit next to the title, more rows (and a taller header)
only when the plot is too narrow for one, so it never covers a curve.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QObject, QTimer

from gradflow.ui.plot_theme import set_title

TITLE_ROW = 30  # pyqtgraph's own title row height
GAP = 10  # between the title and the legend
MARGIN = 4  # the legend's distance from the plot's right edge and top


class _Legend(pg.LegendItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A legend that says when its entries change (a run's overlay adds and removes some)."""

    def __init__(self, changed: Callable[[], None], **opts: Any) -> None:
        super().__init__(**opts)
        self._changed = changed

    def addItem(self, item: Any, name: str) -> None:
        super().addItem(item, name)
        self._changed()

    def removeItem(self, item: Any) -> None:
        super().removeItem(item)
        self._changed()

    def clear(self) -> None:
        super().clear()
        self._changed()


class PlotHeader(QObject):
    """The header row of `plot`: its title (left) and a legend (`plot.plotItem.legend`),
    refitted whenever the plot changes size or the legend's entries change."""

    def __init__(self, plot: pg.PlotWidget, **legend_opts: Any) -> None:
        super().__init__(plot)
        self.plot = plot
        item = plot.getPlotItem()
        self._refit = QTimer(self)  # once, after a burst of entries changed
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit)
        legend = _Legend(self._refit.start, offset=None, colCount=1, **legend_opts)
        legend.setParentItem(item)
        item.legend = legend  # curves added with a name join it; the theme restyles it
        self.legend = legend
        item.titleLabel.setAttr("justify", "left")
        item.titleLabel.resizeEvent(None)
        item.geometryChanged.connect(self.fit)

    def set_title(self, text: str, dim: bool = False) -> None:
        """A new title in the theme's colours (pyqtgraph's setTitle also resets the row
        height: refit it)."""
        set_title(self.plot, text, dim)
        self.fit()

    def fit(self) -> None:
        """Lay the legend out beside the title, or under it when that takes less height
        (or the title leaves no room), in as few rows as fit; size the header row to it."""
        item = self.plot.getPlotItem()
        legend = self.legend
        left = item.vb.geometry().left()  # where the left-justified title begins
        full = item.width() - MARGIN - left
        beside = full - item.titleLabel.itemRect().width() - GAP
        top, height = MARGIN / 2, float(TITLE_ROW)
        if legend.items and legend.isVisible():
            if self._columns_for(beside) is None or self._height_for(full) + TITLE_ROW < max(
                TITLE_ROW, self._height_for(beside)
            ):
                self._columns_for(full)
                top, height = TITLE_ROW - MARGIN, TITLE_ROW - MARGIN + legend.height() + MARGIN
            else:
                height = max(height, legend.height() + MARGIN)
        item.layout.setRowFixedHeight(0, height)
        item.titleLabel.setMaximumHeight(TITLE_ROW)
        legend.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-MARGIN, top))

    def _columns_for(self, room: float) -> int | None:
        """Lay the legend out in the most columns that fit in `room` px (None: not even
        one fits; it is left in one column)."""
        legend = self.legend
        for columns in range(len(legend.items), 0, -1):
            legend.setColumnCount(columns)
            if legend.width() <= room:
                return columns
        return None

    def _height_for(self, room: float) -> float:
        """The legend's height laid out for `room` px (large when it does not fit)."""
        return self.legend.height() if self._columns_for(room) is not None else 1e9
