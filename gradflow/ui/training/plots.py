"""ui.training: TrainingPlots - loss, accuracy, gradient-norm and decision-boundary plots.

Data arrives in packets and is only stored; `redraw()` (driven by the panel's ~30 Hz
timer) pushes it to the curves, so drawing cost does not depend on the training rate.
Curves use automatic peak downsampling and clip to the view, which keeps 100,000
iterations smooth. Each redraw settles the auto-ranges before Qt paints, so a plot is
painted once per redraw (not once for the data and again for the new range), and the
data points of the boundary plot are one scatter per class (a brush per class, not per
point), so the GUI thread stays free while the training thread runs.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gradflow.nn.trainer import DecisionGrid, EpochMetrics
from gradflow.ui.plot_theme import follow_theme, restyle, set_title
from gradflow.ui.training.plot_grid import PlotGrid
from gradflow.ui.training.plot_header import PlotHeader
from gradflow.ui.training.series import Series, ema
from gradflow.ui.training.view_tabs import ViewTabs

PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
SMOOTHING = 0.05  # EMA weight of a new iteration loss
MAX_LAYERS = 17
GROUPS = ("loss", "grad", "accuracy")  # the plots redrawn from stored data, in turn
TINY = 1e-30  # exact zeros are drawn this small on a log axis instead of as -inf
EMPTY_RANGE = (-1.0, 1.0)  # the boundary plot's x and y range before there is data
HINT = QT_TRANSLATE_NOOP("TrainingPlots", "decision boundary of 2-D data sets<br>appears here")
LEGEND = {  # small and see-through, in the header row above the curves (plot_header)
    "labelTextColor": "#333",
    "labelTextSize": "8pt",
    "brush": (255, 255, 255, 170),
    "pen": None,
    "verSpacing": -6,
    "horSpacing": 2,
}


def _plot(name: str, title: str, left: str, bottom: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(background="w")
    plot.setObjectName(name)
    plot.setTitle(title, color="#333", size="10pt")
    plot.setLabel("left", left)
    plot.setLabel("bottom", bottom)
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.setMinimumSize(220, 120)  # four fit a short dock at 1024x700
    for axis in ("left", "bottom"):
        plot.getAxis(axis).setTextPen("#444")
        plot.getAxis(axis).setPen("#999")
        # no "(x0.001)" in the label: the tick labels show the values themselves
        plot.getAxis(axis).enableAutoSIPrefix(False)
    return plot


def _validation_curve(plot: pg.PlotWidget, name: str) -> pg.PlotDataItem:
    """Per-epoch validation points: red dots joined by a line, `name` in the legend."""
    return plot.plot(
        pen=pg.mkPen("#d62728", width=2),
        symbol="o",
        symbolSize=5,
        symbolBrush="#d62728",
        symbolPen=None,
        name=name,
    )


def _fast(curve: pg.PlotDataItem) -> pg.PlotDataItem:
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    return curve


class TrainingPlots(QWidget):
    """The four live plots, with their data (iterations, epochs) kept in growing arrays."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_plot = _plot("lossPlot", self.tr("Loss"), self.tr("loss"), self.tr("iteration"))
        self.accuracy_plot = _plot(
            "accuracyPlot", self.tr("Accuracy"), self.tr("accuracy"), self.tr("epoch")
        )
        self.grad_plot = _plot(
            "gradNormPlot",
            self.tr("Gradient norm per layer"),
            self.tr("norm"),
            self.tr("iteration"),
        )
        self.boundary_plot = _plot("boundaryPlot", self.tr("Decision boundary"), "x₂", "x₁")
        # each legend beside its plot's title, above the curves: never over one
        self.headers = [
            PlotHeader(plot, **LEGEND)
            for plot in (self.loss_plot, self.accuracy_plot, self.grad_plot)
        ]
        self.grad_plot.plotItem.legend.hide()  # until there are layers to name
        self.loss_plot.setClipToView(True)
        self.grad_plot.setClipToView(True)
        self.accuracy_plot.setYRange(0, 1.05, padding=0)
        # the legends' names, in the interface language
        self.loss_curve = _fast(
            self.loss_plot.plot(pen=pg.mkPen("#9ab8d8", width=1), name=self.tr("batch"))
        )
        self.smooth_curve = _fast(
            self.loss_plot.plot(pen=pg.mkPen("#1f4e8c", width=2.5), name=self.tr("smoothed"))
        )
        self.val_loss_curve = _validation_curve(self.loss_plot, self.tr("validation"))
        self.train_acc_curve = self.accuracy_plot.plot(
            pen=pg.mkPen("#1f4e8c", width=2), name=self.tr("train")
        )
        self.val_acc_curve = _validation_curve(self.accuracy_plot, self.tr("validation"))
        self.grad_curves: list[pg.PlotDataItem] = []
        self.image = pg.ImageItem(axisOrder="row-major")
        self.dots: list[pg.ScatterPlotItem] = []  # the data points, one item per class
        self._dots_for: tuple[int, int] | None = None  # (id, length) of the points shown
        self.boundary_plot.addItem(self.image)
        self.boundary_plot.setAspectLocked(True)
        self.hint = pg.TextItem(anchor=(0.5, 0.5))
        self.hint.setHtml(f'<div style="color:#888" align="center">{self.tr(HINT)}</div>')  # type: ignore[arg-type]  # a NOOP text is a str
        self.hint.textItem.setTextWidth(240)  # so that the two lines are centred
        self.boundary_plot.addItem(self.hint, ignoreBounds=True)
        self._show_empty_boundary()
        self.view_tabs = ViewTabs(self.boundary_plot)
        for plot in (*self.live_plots(), self.view_tabs.fit_plot):
            follow_theme(plot)  # background, text, axes, legend and curves follow the theme
        for header in self.headers:
            header.fit()  # the entries are in
        cells = [
            (self.loss_plot, self.tr("Loss")),
            (self.accuracy_plot, self.tr("Accuracy")),
            (self.grad_plot, self.tr("Gradient norm")),
            (self.view_tabs, self.tr("Network views")),
        ]
        self.grid = PlotGrid(cells)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.grid)
        # columns: iteration, epoch, loss, smoothed loss, gradient norm of each layer
        self.iterations = Series(4 + MAX_LAYERS)
        self.epochs: list[EpochMetrics] = []
        self.n_layers = 0
        self._stale: set[str] = set(GROUPS)  # plots whose data changed since drawn
        self._next = 0  # the plot redraw_next looks at first
        self.log_scale = False

    def live_plots(self) -> tuple[pg.PlotWidget, ...]:
        """The four plot widgets."""
        return (self.loss_plot, self.accuracy_plot, self.grad_plot, self.boundary_plot)

    # --- data in --------------------------------------------------------------------------
    def reset(self, n_layers: int) -> None:
        """Forget all data; prepare one gradient-norm curve per layer."""
        self.iterations.clear()
        self.epochs = []
        self.n_layers = n_layers
        if len(self.grad_curves) != n_layers:  # the same network again keeps its curves
            for curve in self.grad_curves:
                self.grad_plot.removeItem(curve)
            self.grad_plot.plotItem.legend.clear()
            self.grad_plot.plotItem.legend.setVisible(n_layers > 0)  # no empty box
            self.grad_curves = [
                _fast(
                    self.grad_plot.plot(
                        pen=pg.mkPen(PALETTE[i % len(PALETTE)], width=1.5),
                        name=self.tr("layer {n}").format(n=i + 1),
                    )
                )
                for i in range(n_layers)
            ]
            restyle(self.grad_plot)  # the new curves in the theme's colours
            self.headers[2].fit()  # room for the new names
        self.image.clear()
        for dots in self.dots:
            dots.clear()
        self._dots_for = None
        self._show_empty_boundary()
        self._stale.update(GROUPS)
        self.redraw()

    def add_iterations(self, rows: np.ndarray) -> None:
        """Rows of (iteration, epoch, loss, norm per layer) from the worker."""
        losses = rows[:, 2]
        start = self.iterations.column(3)[-1] if len(self.iterations) else None
        smooth = ema(losses, SMOOTHING, start)
        norms = np.zeros((len(rows), MAX_LAYERS))
        k = min(rows.shape[1] - 3, MAX_LAYERS)
        norms[:, :k] = rows[:, 3 : 3 + k]
        self.iterations.append(np.column_stack([rows[:, :3], smooth, norms]))
        self._stale.update(("loss", "grad"))

    def add_epochs(self, eps: list[EpochMetrics]) -> None:
        """Epoch results: validation loss and accuracy points."""
        self.epochs.extend(eps)
        self._stale.update(("loss", "accuracy"))

    def show_boundary(self, grid: DecisionGrid, points: np.ndarray, labels: np.ndarray) -> None:
        """Colour each grid cell by its class probabilities; draw the data on top."""
        colours = np.array([pg.mkColor(c).getRgb()[:3] for c in PALETTE], dtype=float)
        k = grid.probs.shape[2]
        rgb = grid.probs @ colours[np.arange(k) % len(colours)]
        confidence = grid.probs.max(axis=2, keepdims=True)
        light = 255 - (255 - rgb) * (0.15 + 0.4 * confidence)  # pale where unsure
        self.image.setImage(light.astype(np.uint8), autoLevels=False, levels=(0, 255))
        dx = grid.xs[1] - grid.xs[0] if len(grid.xs) > 1 else 1.0
        dy = grid.ys[1] - grid.ys[0] if len(grid.ys) > 1 else 1.0
        self.image.setRect(
            QRectF(grid.xs[0] - dx / 2, grid.ys[0] - dy / 2, dx * len(grid.xs), dy * len(grid.ys))
        )
        if self._dots_for != (id(points), len(points)):
            self._show_dots(points, np.asarray(labels, dtype=int))
        if self.hint.isVisible():  # the first boundary of a run: fit the view to it
            self.hint.hide()
            self.boundary_plot.enableAutoRange()
        self.boundary_plot.getViewBox().prepareForPaint()  # one paint, not two

    def _show_dots(self, points: np.ndarray, labels: np.ndarray) -> None:
        self._dots_for = (id(points), len(points))
        n_classes = int(labels.max()) + 1 if len(labels) else 0
        while len(self.dots) < n_classes:
            dots = pg.ScatterPlotItem(size=6, pen=pg.mkPen("#333", width=0.6))
            dots.setBrush(pg.mkBrush(PALETTE[len(self.dots) % len(PALETTE)]))
            self.boundary_plot.addItem(dots)
            self.dots.append(dots)
        for c, dots in enumerate(self.dots):
            dots.setData(pos=points[labels == c])

    def set_boundary_available(self, available: bool, points: np.ndarray | None = None) -> None:
        """Say in the title when the data has more than 2 features (no boundary to draw);
        with 2-D `points`, show their range until the first boundary arrives."""
        title = (
            self.tr("Decision boundary")
            if available
            else self.tr("Decision boundary (2-D data sets only)")
        )
        set_title(self.boundary_plot, title, dim=not available)
        if not available or points is None or not len(points):
            return
        lo, hi = points.min(axis=0), points.max(axis=0)
        self.boundary_plot.setRange(xRange=(lo[0], hi[0]), yRange=(lo[1], hi[1]))
        self.hint.setPos((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2)

    def _show_empty_boundary(self) -> None:
        """No boundary: a hint where it will appear, and a small range (not +-500)."""
        self.hint.setPos(0, 0)
        self.hint.show()
        self.boundary_plot.setRange(xRange=EMPTY_RANGE, yRange=EMPTY_RANGE, padding=0)
        self.boundary_plot.getViewBox().prepareForPaint()

    # --- drawing ----------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """Whether some plot has data it does not show yet."""
        return bool(self._stale)

    def redraw(self) -> None:
        """Push stored data to every plot whose data changed since it was last drawn."""
        for group in GROUPS:
            if group in self._stale:
                self._draw(group)

    def redraw_next(self) -> None:
        """Push stored data to the next stale plot only (round robin), so one timer tick
        repaints one plot and the event loop is never busy with all of them at once."""
        order = GROUPS[self._next :] + GROUPS[: self._next]
        for group in order:
            if group in self._stale:
                self._draw(group)
                self._next = (GROUPS.index(group) + 1) % len(GROUPS)
                return

    def _draw(self, group: str) -> None:
        self._stale.discard(group)
        it, eps = self.iterations, self.epochs
        x = it.column(0)

        def col(i: int) -> np.ndarray:
            return np.maximum(it.column(i), TINY) if self.log_scale else it.column(i)

        if group == "loss":
            plot = self.loss_plot
            self.loss_curve.setData(x, col(2), skipFiniteCheck=True)
            self.smooth_curve.setData(x, col(3), skipFiniteCheck=True)
            val = [e for e in eps if np.isfinite(e.val_loss)]
            self.val_loss_curve.setData([e.iteration for e in val], [e.val_loss for e in val])
        elif group == "grad":
            plot = self.grad_plot
            for i, curve in enumerate(self.grad_curves):
                # a large network measures its norms on every k-th iteration only (NaN
                # on the others, nn.trainer): the curve joins the measured points
                ys = col(4 + i)
                measured = np.isfinite(ys)
                if measured.all():
                    curve.setData(x, ys, skipFiniteCheck=True)
                else:
                    curve.setData(x[measured], ys[measured], skipFiniteCheck=True)
        else:
            plot = self.accuracy_plot
            # regression has no accuracy: its NaNs are left out (a curve of NaNs breaks
            # the plot's auto-range)
            val = [e for e in eps if np.isfinite(e.val_acc)]
            train = [e for e in eps if np.isfinite(e.train_acc)]
            self.train_acc_curve.setData([e.epoch for e in train], [e.train_acc for e in train])
            self.val_acc_curve.setData([e.epoch for e in val], [e.val_acc for e in val])
        # the new auto-range now, not at paint time (which would ask for a second paint)
        plot.getViewBox().prepareForPaint()

    def set_log_scale(self, on: bool) -> None:
        """Logarithmic loss and gradient-norm axes."""
        self.log_scale = on
        self._stale.update(("loss", "grad"))
        self.redraw()
        self.loss_plot.setLogMode(y=on)
        self.grad_plot.setLogMode(y=on)
