"""ui.training: ViewTabs - the dock's drawings of the network, one tab each.

Boundary (2-D classification; the plot TrainingPlots owns), Fit (regression: the line
over the points for one feature, the predicted surface under the points for two),
Units (the hidden units: each first-layer unit's output over the input plane, 2-D data),
Templates (W's rows as images, with the class names under them) and Linear map (the
effective single matrix when every hidden activation is linear). Every tab paints a
`gradflow.nn.views.Views` - live, or a history snapshot - and computes nothing itself.
The tabs never scroll, and their labels are short enough (in English and Korean) for
the four of 2-D data to fit the narrowest column the plot grid makes (each tab's tooltip
names it in full). The Fit plot's title is elided to the plot's width, so a narrow
column (four plots in a row at 1280x800) shows every tab and the whole plot.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QProxyStyle,
    QScrollArea,
    QStyle,
    QStyleOption,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gradflow.core.formatting import format_number
from gradflow.nn.views import Grid, Views
from gradflow.ui.training.templates_image import templates_image

MAX_MATRIX_ENTRIES = 64  # the effective W is printed in full up to this size
TITLE_PT = 10  # the Fit plot's title size
TITLE_ROOM = 32  # px the title leaves free besides the left axis (its text margins)


def _rect(grid: Grid) -> QRectF:
    dx = grid.xs[1] - grid.xs[0] if len(grid.xs) > 1 else 1.0
    dy = grid.ys[1] - grid.ys[0] if len(grid.ys) > 1 else 1.0
    return QRectF(grid.xs[0] - dx / 2, grid.ys[0] - dy / 2, dx * len(grid.xs), dy * len(grid.ys))


def _diverging(values: np.ndarray, scale: float | None = None) -> np.ndarray:
    """Blue (negative) - white (0) - red (positive) RGB, symmetric around 0; `scale` is the
    value drawn in full colour (by default the largest magnitude)."""
    scale = scale or float(np.abs(values).max()) or 1.0
    t = np.clip(values / scale, -1, 1)[..., None]
    red, blue, white = np.array([178, 24, 43]), np.array([33, 102, 172]), np.full(3, 255)
    rgb = np.where(t >= 0, white + t * (red - white), white - t * (blue - white))
    return rgb.astype(np.uint8)


class _CompactTabs(QProxyStyle):
    """The application's style with half its room beside each tab's label, so the four
    labels of 2-D data (Boundary, Units, Linear map, Runs) fit a plot's column."""

    def pixelMetric(  # Qt override
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        """PM_TabBarTabHSpace halved; every other metric as the style has it."""
        value = super().pixelMetric(metric, option, widget)
        return value // 2 if metric == QStyle.PixelMetric.PM_TabBarTabHSpace else value


class ViewTabs(QTabWidget):
    """The tabs; `show_views(views, points, targets)` paints one state of the network."""

    def __init__(self, boundary_plot: pg.PlotWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewTabs")
        self.setDocumentMode(True)
        self.setUsesScrollButtons(False)  # every tab stays in view: labels elide instead
        self.setElideMode(Qt.TextElideMode.ElideRight)
        self._tab_style = _CompactTabs()  # kept: a widget does not own its style
        self._tab_style.setParent(self)
        self.tabBar().setStyle(self._tab_style)
        self.boundary_plot = boundary_plot
        self.fit_plot = pg.PlotWidget(background="w")
        self.fit_plot.setObjectName("fitPlot")
        self.fit_title = self.tr("Prediction over the data")
        self.fit_plot.setToolTip(self.fit_title)
        self._set_fit_title()
        self.fit_plot.installEventFilter(self)  # its title follows the plot's width
        self.fit_plot.showGrid(x=True, y=True, alpha=0.2)
        self.fit_points = pg.ScatterPlotItem(size=5, pen=None, brush=pg.mkBrush("#1f77b4"))
        self.fit_curve = self.fit_plot.plot(pen=pg.mkPen("#d62728", width=2.5), name=self.tr("fit"))
        self.fit_image = pg.ImageItem(axisOrder="row-major")
        self.fit_plot.addItem(self.fit_image)
        self.fit_plot.addItem(self.fit_points)
        self.fit_image.setZValue(-1)
        self.hidden_label = QLabel()
        self.hidden_label.setObjectName("hiddenUnits")
        self.hidden_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hidden_view = QScrollArea()
        self.hidden_view.setWidget(self.hidden_label)
        self.hidden_view.setWidgetResizable(True)
        self.hidden_image: QImage | None = None
        self.templates_label = QLabel(self.tr("Templates appear here for image data sets."))
        self.templates_label.setObjectName("templates")
        self.templates_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.templates_area = templates = QScrollArea()
        templates.setWidget(self.templates_label)
        templates.setWidgetResizable(True)
        self.linear_label = QLabel()  # the statement, wrapped to the tab's width
        self.linear_label.setObjectName("linearMap")
        self.linear_label.setWordWrap(True)
        self.linear_matrix = QLabel()  # W and b, as wide as they are (scrolls)
        self.linear_matrix.setObjectName("linearMatrix")
        for label in (self.linear_label, self.linear_matrix):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        matrix = QScrollArea()
        matrix.setWidget(self.linear_matrix)
        matrix.setWidgetResizable(True)
        matrix.setFrameShape(QScrollArea.Shape.NoFrame)
        linear = QWidget()
        column = QVBoxLayout(linear)
        column.setContentsMargins(6, 4, 6, 4)
        column.addWidget(self.linear_label)
        column.addWidget(matrix, 1)
        # short labels, so the four of 2-D data fit the narrowest plot column in either
        # language; each tab's tooltip names it in full
        for widget, short, name in (
            (boundary_plot, self.tr("Boundary"), self.tr("Decision boundary")),
            (self.fit_plot, self.tr("Fit"), self.fit_title),
            (self.hidden_view, self.tr("Units"), self.tr("Hidden units")),
            (templates, self.tr("Templates"), self.tr("Class templates (the rows of W)")),
            (linear, self.tr("Linear map"), self.tr("The network as one linear map")),
        ):
            self.extra_tab(widget, short, name)
        for arrow in self.tabBar().findChildren(QAbstractButton):  # Qt's, never shown now
            arrow.setToolTip(self.tr("More tabs"))
        self.last_views: Views | None = None
        self.templates_image: QImage | None = None

    def show_only(self, boundary: bool, fit: bool, hidden: bool, templates: bool) -> None:
        """Show the tabs that have something to draw for this data set (the linear map
        and the runs always)."""
        for widget, on in (
            (self.boundary_plot, boundary),
            (self.fit_plot, fit),
            (self.hidden_view, hidden),
            (self.templates_area, templates),
        ):
            self.setTabVisible(self.indexOf(widget), on)

    def extra_tab(self, widget: QWidget, label: str, name: str = "") -> None:
        """Add a tab labelled `label` (short), its tooltip `name` (in full; the label if
        not given). The panel adds the run list this way."""
        self.setTabToolTip(self.addTab(widget, label), name or label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """Elide the Fit plot's title to its new width."""
        if watched is self.fit_plot and event.type() == QEvent.Type.Resize:
            self._set_fit_title()
        return super().eventFilter(watched, event)

    def _set_fit_title(self) -> None:
        """The title, elided to the plot's width (its LabelItem would widen the plot)."""
        font = QFont(self.font())
        font.setPointSizeF(TITLE_PT)
        axis = self.fit_plot.plotItem.getAxis("left").width()  # the title sits beside it
        room = max(40, int(self.fit_plot.width() - axis - TITLE_ROOM))
        text = QFontMetrics(font).elidedText(self.fit_title, Qt.TextElideMode.ElideRight, room)
        if text != getattr(self, "_fit_title_shown", None):
            self._fit_title_shown = text
            self.fit_plot.setTitle(text, size=f"{TITLE_PT}pt")

    def show_views(self, views: Views, points: np.ndarray, targets: np.ndarray) -> None:
        """Paint `views`; `points`/`targets` are the raw training data (for the fit plot)."""
        self.last_views = views
        if views.fit_curve is not None or views.fit_surface is not None:
            self._show_fit(views, points, targets)
        self._show_hidden(views)
        if views.templates is not None:
            n, h, w = views.templates.shape[:3]
            columns = 5 if n == 10 else max(1, min(n, 8))
            fit = (self.width() - 24) // columns - 8  # tiles fill the tab's width
            tile = max(2 * max(h, w), min(96, fit))
            image = templates_image(views.templates, views.template_names, tile, columns)
            self.templates_image = image
            self.templates_label.setPixmap(QPixmap.fromImage(image))
        self._show_linear(views)

    def _show_fit(self, views: Views, points: np.ndarray, targets: np.ndarray) -> None:
        if views.fit_curve is not None:
            xs, ys = views.fit_curve
            self.fit_curve.setData(xs, ys)
            self.fit_points.setData(points[:, 0], targets[:, 0])
            self.fit_plot.setLabel("left", "y")
            self.fit_plot.setLabel("bottom", "x")
            self.fit_image.clear()
            both = np.concatenate([targets[:, 0], ys])
            self._set_range(points[:, 0], both)
        elif views.fit_surface is not None:
            grid = views.fit_surface
            self.fit_curve.setData([], [])
            self.fit_image.setImage(_diverging(grid.values), autoLevels=False, levels=(0, 255))
            self.fit_image.setRect(_rect(grid))
            scale = float(np.abs(grid.values).max()) or 1.0  # points on the surface's scale
            brushes = [pg.mkBrush(*c) for c in _diverging(targets[:, 0], scale)]
            self.fit_points.setData(pos=points, brush=brushes, pen=pg.mkPen("#333", width=0.6))
            self.fit_plot.setLabel("left", "x₂")
            self.fit_plot.setLabel("bottom", "x₁")
            self._set_range(grid.xs, grid.ys)

    def _set_range(self, xs: np.ndarray, ys: np.ndarray) -> None:
        """Fit the view to the data (no auto-range pass over the items at paint time)."""
        lo_x, hi_x = float(np.min(xs)), float(np.max(xs))
        lo_y, hi_y = float(np.min(ys)), float(np.max(ys))
        self.fit_plot.setRange(
            xRange=(lo_x, max(hi_x, lo_x + 1e-6)),
            yRange=(lo_y, max(hi_y, lo_y + 1e-6)),
            padding=0.05,
        )

    def _show_hidden(self, views: Views) -> None:
        """Each unit's output over the input plane as a tile (red high, blue negative, each
        on its own scale; x1 to the right, x2 up), its name under it."""
        if not views.hidden:
            return
        columns = 4
        fit = max(24, min(110, (self.width() - 24) // columns - 8))
        step = -(-views.hidden[0][1].shape[0] // fit)  # fewer cells than pixels: subsample
        tiles = np.stack(
            [_diverging(values)[::-1][::step, ::step] for _name, values in views.hidden]
        )
        image = templates_image(
            np.ascontiguousarray(tiles), [name for name, _v in views.hidden], fit, columns
        )
        self.hidden_image = image
        self.hidden_label.setPixmap(QPixmap.fromImage(image))

    def _show_linear(self, views: Views) -> None:
        if views.linear_map is None:
            self.linear_label.setText(
                self.tr(
                    "The network has a non-linear activation between its layers, so it is "
                    "not one linear map. Choose the linear activation (or no hidden layer) "
                    "to see W = Wk…W1."
                )
            )
            self.linear_matrix.clear()
            return
        w, b = views.linear_map
        rows, cols = w.shape
        if w.size <= MAX_MATRIX_ENTRIES:
            cell = 8
            body = "<br>".join(
                "["
                + "".join(format_number(v).rjust(cell) for v in row)
                + " ]"
                + format_number(b[i]).rjust(cell)
                for i, row in enumerate(w)
            )
            head = "W = Wk…W1".ljust(cell * cols + 2) + "b".rjust(cell)
            table = f"<pre>{head}<br>{body}</pre>"
        else:
            table = self.tr("<p>(W has {n} entries; the Templates tab draws its rows.)</p>").format(
                n=w.size
            )
        statement = self.tr(
            "<b>One linear map.</b> With no hidden layer, or only linear activations, "
            "f(x) = W x + b with W = Wk…W1 ({rows} × {cols}): the boundary stays straight."
        ).format(rows=rows, cols=cols)
        self.linear_label.setText(statement)
        self.linear_matrix.setText(table)
