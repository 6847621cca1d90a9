"""ui: pyqtgraph plots that follow the window's theme - background, text, axes, legend, curves.

pyqtgraph draws with its own colours, not the Qt palette, so a plot stays white with dark
text when the window turns dark. `follow_theme(plot)` restyles a plot from the palette
it inherits from the window (ui/canvas/style.py `window_palette`) now and on every later
palette change (`set_title` gives a plot a later title in the same colours): the
background is the palette's Base, titles, tick labels, axis titles
and legend text its Text, axis lines its Mid, the legend's see-through box the Base; a
curve or marker too dark to see on a dark background is drawn lighter (and its own
colour again on a light one). The training plots, the fit view and the inspector's
activation plots use it, so View ▸ Dark Theme switches them live.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette

LEGEND_ALPHA = 170  # the legend's box lets the curves under it show through
DARK_CURVE_LIGHTNESS = 110  # on a dark plot, a curve darker than this is lightened
LIGHTENED = 175  # ... to this lightness (its hue kept)
_ORIGINAL = "gradflow_light_pen"  # where a lightened item keeps its own pen
_DIM_TITLE = "gradflow_dim_title"  # set on a plot whose title says "nothing to draw"


def is_dark(palette: QPalette) -> bool:
    """Whether the palette is a dark theme's (a dark window background)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def style_plot(plot: pg.PlotWidget, palette: QPalette) -> None:
    """Colour `plot` for `palette` (see the module docstring)."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    line = palette.color(QPalette.ColorRole.Mid)
    plot.setBackground(base)
    item = plot.getPlotItem()
    title = item.titleLabel
    if title.text:
        title.setText(title.text, color=_title_colour(plot, palette).name())
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        axis.setTextPen(text)
        axis.setPen(line)
        if axis.labelText:  # the axis title, in the text colour too
            axis.setLabel(axis.labelText, axis.labelUnits, axis.labelUnitPrefix, color=text.name())
    legend = item.legend
    if legend is not None:
        legend.setLabelTextColor(text)
        for _sample, label in legend.items:  # the labels already there, drawn anew
            label.setText(label.text, color=text.name())
        box = QColor(base)
        box.setAlpha(LEGEND_ALPHA)
        legend.setBrush(pg.mkBrush(box))
    dark = is_dark(palette)
    for data in item.listDataItems():
        _recolour(data, dark)


def _title_colour(plot: pg.PlotWidget, palette: QPalette) -> QColor:
    """The palette's text colour, or for a dimmed title halfway from it to the background
    (grey on white, grey on the dark plot: dimmer than a title, still readable)."""
    text = palette.color(QPalette.ColorRole.Text)
    if not getattr(plot, _DIM_TITLE, False):
        return text
    base = palette.color(QPalette.ColorRole.Base)
    return QColor(
        (text.red() + base.red()) // 2,
        (text.green() + base.green()) // 2,
        (text.blue() + base.blue()) // 2,
    )


def set_title(plot: pg.PlotWidget, text: str, dim: bool = False, size: str = "10pt") -> None:
    """Give `plot` a new title in the theme's text colour (`dim`: a dimmer one, for a
    title that says there is nothing to draw). A colour written into the title
    (pyqtgraph's own setTitle) would stay dark on a dark plot."""
    setattr(plot, _DIM_TITLE, dim)
    plot.setTitle(text, color=_title_colour(plot, plot.palette()).name(), size=size)


def _recolour(item: pg.GraphicsObject, dark: bool) -> None:
    """A curve's pen lightened on a dark plot when it would not show; its own otherwise."""
    if not isinstance(item, pg.PlotDataItem):
        return
    original = getattr(item, _ORIGINAL, None)
    pen = pg.mkPen(original if original is not None else item.opts["pen"])
    if original is None:
        setattr(item, _ORIGINAL, pg.mkPen(pen))
    colour = pen.color()
    if dark and colour.alpha() > 0 and colour.lightness() < DARK_CURVE_LIGHTNESS:
        h, s, _light, a = colour.getHsl()
        pen.setColor(QColor.fromHsl(h, s, LIGHTENED, a))
    item.setPen(pen)


class _Follower(QObject):
    """Restyles its plot whenever the plot's palette changes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, pg.PlotWidget):
            style_plot(watched, watched.palette())
        return False


def follow_theme(plot: pg.PlotWidget) -> pg.PlotWidget:
    """Style `plot` for its palette now and whenever it changes; returns the plot."""
    follower = _Follower(plot)
    plot.installEventFilter(follower)
    style_plot(plot, plot.palette())
    return plot


def restyle(plot: pg.PlotWidget) -> None:
    """Style `plot` again for its palette (after curves were added to it)."""
    style_plot(plot, plot.palette())
