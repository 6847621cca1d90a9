"""ui: ActivationPlot - an activation f and its derivative f', with the node's input marked.

Two small pyqtgraph plots, one above the other: f(x) and f'(x) over -6..6 (wider if the
input lies outside), and the node's current input drawn as points on both curves - one
point per entry for a tensor - so a student sees where on the curve the node sits and
how much gradient the slope there lets through (the vanishing-sigmoid example: points
out on the flat tails, f' near 0). The curves come from `core.activation_curve`.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gradflow.core.activation_curve import activation_curve, curve_range
from gradflow.ui.plot_theme import follow_theme, restyle

CURVE_POINTS = 400
MAX_MARKS = 10_000  # a huge tensor is marked by a sample of its entries


def _small_plot(name: str, title: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(background="w")
    plot.setObjectName(name)
    plot.setTitle(title, color="#333", size="9pt")
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.setFixedHeight(150)
    plot.setMouseEnabled(False, False)
    plot.hideButtons()
    for axis in ("left", "bottom"):
        plot.getAxis(axis).setTextPen("#444")
        plot.getAxis(axis).enableAutoSIPrefix(False)
    return plot


class ActivationPlot(QWidget):
    """`show_op(op_name, inputs)`: the curves of that activation, `inputs` marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activationPlot")
        self.f_plot = _small_plot("activationF", "f(x)")
        self.df_plot = _small_plot("activationDf", self.tr("f′(x): the local gradient"))
        self.f_curve = self.f_plot.plot(pen=pg.mkPen("#1f4e8c", width=2))
        self.df_curve = self.df_plot.plot(pen=pg.mkPen("#c62828", width=2))
        marks = {"size": 8, "pen": pg.mkPen("#222", width=0.8)}
        self.f_marks = pg.ScatterPlotItem(brush=pg.mkBrush("#2e7d32"), **marks)
        self.df_marks = pg.ScatterPlotItem(brush=pg.mkBrush("#2e7d32"), **marks)
        self.f_plot.addItem(self.f_marks)
        self.df_plot.addItem(self.df_marks)
        for plot in (self.f_plot, self.df_plot):
            follow_theme(plot)  # dark with the window's dark theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.f_plot)
        layout.addWidget(self.df_plot)
        self.op_name: str | None = None
        self.marked = np.zeros(0)

    def show_op(self, op_name: str, inputs: np.ndarray | None) -> None:
        """Draw `op_name`'s f and f'; mark each entry of `inputs` (None: nothing marked)."""
        self.op_name = op_name
        x = None if inputs is None else np.asarray(inputs, dtype=np.float64).ravel()
        if x is not None:
            x = x[np.isfinite(x)][:MAX_MARKS]
        lo, hi = curve_range(x)
        xs = np.linspace(lo, hi, CURVE_POINTS)
        f, df = activation_curve(op_name, xs)
        self.f_curve.setData(xs, f)
        self.df_curve.setData(xs, df)
        self.f_plot.setTitle(f"{op_name}(x)", size="9pt")
        restyle(self.f_plot)  # the new title in the theme's text colour
        self.marked = np.zeros(0) if x is None else x
        if x is not None and x.size:
            fx, dfx = activation_curve(op_name, x)
            self.f_marks.setData(x, fx)
            self.df_marks.setData(x, dfx)
        else:
            self.f_marks.setData([], [])
            self.df_marks.setData([], [])
        for plot, ys in ((self.f_plot, f), (self.df_plot, df)):
            top, bottom = float(np.max(ys)), float(np.min(ys))
            pad = 0.08 * (top - bottom) + 0.05
            plot.setRange(xRange=(lo, hi), yRange=(bottom - pad, top + pad), padding=0)
