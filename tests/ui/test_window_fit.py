"""The window fits 1024x700 with every dock shown, and the dark theme reaches the plots and
the disabled buttons (item 7 of issue 9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QMainWindow

SMALL = (1024, 700)


def _show_every_dock(window, qtbot) -> None:
    for dock in window.docks.values():
        if not dock.isVisible():
            dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: all(d.isVisible() for d in window.docks.values()))


def test_the_window_fits_1024x700_with_every_dock_shown(window, qtbot) -> None:
    _show_every_dock(window, qtbot)
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL[0]
    assert hint.height() <= SMALL[1]
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.size().toTuple() == SMALL)
    inside = QRect(0, 0, *SMALL)
    for name, dock in window.docks.items():
        if name == "player":
            continue  # a tab behind the training dock
        qtbot.waitUntil(lambda d=dock: inside.contains(d.geometry()))
        assert not dock.visibleRegion().isEmpty(), name
    assert window.view.viewport().height() >= 120  # the canvas keeps room to work in
    assert window.docks["training"].height() >= 200  # its controls and plots, scrolled
    start = window.training.start_button
    assert not start.visibleRegion().isEmpty()  # Start can be pressed without scrolling


def _visible_in_scroll(widget) -> bool:
    """Whether all of `widget` is on screen inside every scroll area around it."""
    from PySide6.QtWidgets import QAbstractScrollArea

    if widget.visibleRegion().isEmpty():
        return False
    rect = QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            port = parent.viewport()
            if not QRect(port.mapToGlobal(port.rect().topLeft()), port.size()).contains(rect):
                return False
        parent = parent.parentWidget()
    return True


CANVAS_LEAST = 300  # px of canvas height at 1024x700 with the training dock open


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", [SMALL, (1280, 800)])
def test_the_training_dock_leaves_the_canvas_room_and_shows_its_buttons(
    make_window, qtbot, qapp, lang, size
) -> None:
    from gradflow.ui import language

    language.install_language(lang, qapp)
    try:
        window = make_window()  # built in the language: the Korean form is wider
    finally:
        language.install_language("en", qapp)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    window.docks["training"].toggleViewAction().trigger()
    training = window.training
    qtbot.waitUntil(lambda: not training.visibleRegion().isEmpty())
    assert window.minimumSizeHint().width() <= SMALL[0]
    view = window.view.viewport()
    qtbot.waitUntil(lambda: view.height() >= CANVAS_LEAST)
    # nothing of the dock scrolls away: its body fits the dock
    scroll = training  # the dock's content scrolls
    qtbot.waitUntil(lambda: scroll.widget().height() <= scroll.viewport().height())
    buttons = (training.start_button, training.pause_button, training.stop_button)
    buttons += (training.reset_button, window.training.chapter.controls.step_button)
    for button in buttons:
        assert _visible_in_scroll(button), button.objectName()
    assert _visible_in_scroll(training.progress)
    plots = training.plots
    shown = [p for p in (plots.loss_plot, plots.accuracy_plot) if p.isVisible()]
    assert len(shown) == 2  # loss and accuracy side by side (a tab for the other two)
    for plot in shown:
        curves = plot.getViewBox()
        qtbot.waitUntil(lambda c=curves: c.sceneBoundingRect().height() >= 60)
        assert plot.width() >= 240
        legend = plot.plotItem.legend.sceneBoundingRect()
        assert not legend.intersects(curves.sceneBoundingRect()), plot.objectName()


def test_opened_wide_the_training_dock_still_lets_the_window_shrink(window, qtbot) -> None:
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1920, 1080))
    dock = window.docks["training"]
    dock.toggleViewAction().trigger()
    plots = window.training.plots
    qtbot.waitUntil(lambda: plots.grid.layout_kind == ("row", 4))
    qtbot.waitUntil(lambda: dock.height() >= 300)  # shown at its own height, then shrunk
    # four plots in a row must not hold the window at their width
    assert window.minimumSizeHint().width() <= SMALL[0]
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.size().toTuple() == SMALL)
    qtbot.waitUntil(lambda: plots.grid.layout_kind == ("pages", 2))
    view = window.view.viewport()
    qtbot.waitUntil(lambda: view.height() >= CANVAS_LEAST)
    scroll = window.training
    qtbot.waitUntil(lambda: scroll.widget().height() <= scroll.viewport().height())


def test_at_1920x1080_the_canvas_gets_the_room(window, qtbot) -> None:
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1920, 1080))
    window.docks["training"].toggleViewAction().trigger()
    training = window.docks["training"]
    qtbot.waitUntil(lambda: not training.visibleRegion().isEmpty())
    view = window.view.viewport()
    qtbot.waitUntil(lambda: view.height() >= 0.55 * (view.height() + training.height()))
    assert training.height() <= 400  # the dock keeps its own comfortable height
    plots = window.training.plots
    qtbot.waitUntil(lambda: plots.grid.layout_kind == ("row", 4))  # all four plots at once
    assert all(p.isVisible() for p in (*plots.live_plots()[:3], plots.view_tabs))


def test_each_dock_alone_fits_1024x700(window, qtbot) -> None:
    for name, dock in window.docks.items():
        if not dock.isVisible():
            dock.toggleViewAction().trigger()
            qtbot.waitUntil(dock.isVisible)
        hint = window.minimumSizeHint()
        assert hint.width() <= SMALL[0], name
        assert hint.height() <= SMALL[1], name


def _plot_colours(plot):
    item = plot.getPlotItem()
    background = plot.backgroundBrush().color()
    ticks = item.getAxis("left").textPen().color()
    legend = item.legend
    label = legend.opts["labelTextColor"] if legend is not None else None
    return background, ticks, label


def test_the_training_plots_follow_the_theme_live(window, qtbot) -> None:
    window.docks["training"].toggleViewAction().trigger()
    qtbot.waitUntil(window.docks["training"].isVisible)
    plots = window.training.plots
    loss = plots.loss_plot
    background, ticks, _label = _plot_colours(loss)
    assert background.lightness() > 200  # light: a white plot, dark text
    assert ticks.lightness() < 100
    window.workspace.set_display(theme="dark")
    for plot in plots.live_plots():
        background, ticks, _ = _plot_colours(plot)
        assert background.lightness() < 60, plot.objectName()
        assert ticks.lightness() > 170, plot.objectName()
    _, _, label = _plot_colours(loss)
    assert label is not None
    assert label.lightness() > 170  # the legend reads on the dark plot
    legend = loss.getPlotItem().legend
    assert all(f"color: {label.name()}" in lab.item.toHtml() or label.name() in lab.item.toHtml()
               for _s, lab in legend.items)  # fmt: skip
    smoothed = plots.smooth_curve.opts["pen"].color()
    assert smoothed.lightness() > 120  # the dark blue curve is drawn lighter
    window.workspace.set_display(theme="light")
    background, ticks, _ = _plot_colours(loss)
    assert background.lightness() > 200
    assert plots.smooth_curve.opts["pen"].color().name() == "#1f4e8c"  # its own again


def test_the_activation_plot_follows_the_theme(window, qtbot) -> None:
    from gradflow.core.examples import load_example

    window.load_graph(load_example("tiny-mlp"))
    node = next(n.id for n in window.document.graph if n.op == "relu")
    window.scene.select_nodes([node])
    qtbot.waitUntil(lambda: window.inspector.activation_plot is not None)
    window.workspace.set_display(theme="dark")
    plot = window.inspector.activation_plot.f_plot
    assert plot.backgroundBrush().color().lightness() < 60
    assert plot.getPlotItem().getAxis("bottom").textPen().color().lightness() > 170


def _text_lightness(button) -> tuple[int, int]:
    """(lightness of the button's face, the lightest text pixel on it) as drawn."""
    image = button.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    face = image.pixelColor(w // 2, 3).lightness()
    texts = [image.pixelColor(x, y).lightness() for x in range(4, w - 4) for y in range(4, h - 4)]
    return face, max(texts)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_disabled_buttons_read_as_disabled_and_stay_readable(window, qtbot, theme) -> None:
    window.docks["training"].toggleViewAction().trigger()
    qtbot.waitUntil(window.docks["training"].isVisible)
    window.workspace.set_display(theme=theme)
    panel = window.training
    enabled, disabled = panel.start_button, panel.pause_button
    assert enabled.isEnabled()
    assert not disabled.isEnabled()
    pal = QMainWindow.palette(window)
    role = QPalette.ColorRole.ButtonText
    on = pal.color(QPalette.ColorGroup.Active, role)
    off = pal.color(QPalette.ColorGroup.Disabled, role)
    face = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button)
    assert abs(on.lightness() - off.lightness()) >= 40  # visibly not the enabled colour
    if theme == "dark":  # readable on its face, and as drawn dimmer than enabled text
        assert abs(off.lightness() - face.lightness()) >= 60
        _face_on, text_on = _text_lightness(enabled)
        face_off, text_off = _text_lightness(disabled)
        assert text_off < text_on - 40
        assert text_off > face_off + 40


@pytest.mark.parametrize("size", [(1280, 800), SMALL])
@pytest.mark.parametrize("name", ["tiny-mlp", "vanishing-sigmoid", "gate-patterns"])
def test_presentation_mode_keeps_every_number_of_the_step_on_screen(window, qtbot, name, size):
    import sys
    from pathlib import Path

    from gradflow.core.examples import load_example

    sys.path.insert(0, str(Path(__file__).parent))
    from test_camera import _unreadable

    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    window.load_graph(load_example(name))
    window.player.driver.animate = False
    window.camera.duration_ms = 0
    window.presentation.set_presentation(True)
    qtbot.waitUntil(lambda: not window.inspector.isVisible())
    qtbot.waitUntil(lambda: window.view.viewport().width() > 500)
    controller = window.player.controller
    controller.to_start()
    port = window.view.viewport()
    on_window = QRect(port.mapTo(window, port.rect().topLeft()), port.size())
    assert QRect(0, 0, *size).contains(on_window)
    for k in range(1, controller.length + 1):
        controller.step_forward()
        assert _unreadable(window, k) == [], (name, k)  # inside the view, >= 9 pt


@pytest.mark.parametrize(
    ("dataset", "dimmed"), [("spiral", ()), ("line", ("accuracyPlot", "boundaryPlot"))]
)
def test_titles_given_during_a_run_read_on_the_dark_plots(window, qtbot, dataset, dimmed):
    from PySide6.QtGui import QColor

    from gradflow.nn.config import TrainConfig

    window.docks["training"].toggleViewAction().trigger()
    panel = window.training
    qtbot.waitUntil(panel.isVisible)
    window.workspace.set_display(theme="dark")
    plots = panel.plots
    # the accuracy and boundary titles are given anew once the data is known
    panel.options.set_config(TrainConfig(dataset=dataset, epochs=1, samples=100))
    panel.start_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=60_000)
    for plot in (plots.accuracy_plot, plots.boundary_plot):
        title = QColor(plot.plotItem.titleLabel.opts["color"])
        background = plot.backgroundBrush().color()
        assert abs(title.lightness() - background.lightness()) >= 80, plot.objectName()
        if plot.objectName() in dimmed:  # "nothing to draw": dimmer than the other titles
            assert (
                title.lightness()
                < QColor(plots.loss_plot.plotItem.titleLabel.opts["color"]).lightness()
            )
    window.workspace.set_display(theme="light")
    for plot in (plots.accuracy_plot, plots.boundary_plot):
        assert QColor(plot.plotItem.titleLabel.opts["color"]).lightness() < 160


def test_the_dock_height_the_user_left_is_kept_next_time(window, make_window, qtbot) -> None:
    training, heights = window.docks["training"], window.dock_heights
    training.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: not training.visibleRegion().isEmpty())
    idle = lambda h: not (h._timer.isActive() or h._grow.isActive())  # noqa: E731
    qtbot.waitUntil(lambda: idle(heights) and training.height() < 330)  # shared
    window.resizeDocks([training], [420], Qt.Orientation.Vertical)  # the user drags it up
    qtbot.waitUntil(lambda: training.height() >= 340)
    left = training.height()
    window.close()  # saves the layout
    again = make_window()
    qtbot.waitUntil(lambda: again.docks["training"].isVisible())
    qtbot.waitUntil(lambda: not again.dock_heights.keep_once)  # its first share: skipped
    qtbot.waitUntil(lambda: idle(again.dock_heights))
    assert abs(again.docks["training"].height() - left) <= 2
    again.dock_heights.fit()  # the share it did not make would have changed it
    qtbot.waitUntil(lambda: again.docks["training"].height() < left - 10)


@pytest.mark.parametrize(
    ("dataset", "task", "shown"),
    [
        ("sine", "regression", ["Fit", "Linear map", "Runs"]),
        ("spiral", "classification", ["Boundary", "Units", "Linear map", "Runs"]),
    ],
)
def test_at_1280x800_the_view_tabs_and_the_fit_plot_fit_the_dock(
    window, qtbot, dataset, task, shown
) -> None:
    from PySide6.QtCore import QPoint, QRectF
    from PySide6.QtWidgets import QToolButton

    from gradflow.nn import TrainConfig

    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 800))
    window.docks["training"].toggleViewAction().trigger()
    panel = window.training
    qtbot.waitUntil(lambda: not panel.visibleRegion().isEmpty())
    panel.options.set_config(
        TrainConfig(dataset=dataset, task=task, hidden=(8,), epochs=1, samples=200)
    )
    try:
        panel.start_button.click()
        qtbot.waitUntil(lambda: not panel.is_running(), timeout=20_000)
    finally:
        panel.shutdown()
    plots = panel.plots
    qtbot.waitUntil(lambda: plots.grid.layout_kind == ("row", 4))  # four plots in a row
    tabs = plots.view_tabs
    bar = tabs.tabBar()
    visible = [i for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert [tabs.tabText(i) for i in visible] == shown
    qtbot.waitUntil(lambda: bar.tabRect(visible[-1]).right() <= bar.rect().right())
    for i in visible:  # every tab in the bar, at its full label's width (none elided)
        assert bar.rect().contains(bar.tabRect(i)), tabs.tabText(i)
        assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width(), tabs.tabText(i)
    assert not any(b.isVisible() for b in bar.findChildren(QToolButton))  # no scroll arrows
    scroll = panel
    port = scroll.viewport()
    seen = QRect(QPoint(0, 0), port.size())
    corner = tabs.mapTo(port, QPoint(0, 0))
    assert seen.contains(QRect(corner, tabs.size()))  # the views' column is inside the dock
    if dataset == "sine":
        fit = tabs.fit_plot
        assert tabs.currentWidget() is fit
        corner = fit.mapTo(port, QPoint(0, 0))
        assert seen.contains(QRect(corner, fit.size()))
        inside = QRectF(fit.viewport().rect()).adjusted(-0.5, -0.5, 0.5, 0.5)
        assert inside.contains(fit.plotItem.sceneBoundingRect())  # the plot is not clipped
        title = fit.plotItem.titleLabel
        assert inside.contains(title.sceneBoundingRect())
        assert title.text == "Prediction over the data"  # whole, not elided
