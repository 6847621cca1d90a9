"""Every tab label reads whole, in English and Korean: the training dock's view tabs fit
the narrowest plot column for every kind of data, and no tab in the window is elided at
1280x800 or 1024x700 (the Korean labels were cut to "…" at 1280x800)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabBar, QToolButton, QWidget

from gradflow.ui import language

# the tabs each kind of data shows (ViewTabs.show_only's arguments, as chapter.on_ready
# passes them): 2-D classification, 1-D regression, 2-D regression, images
DATA_KINDS = {
    "2-D classification": {"boundary": True, "fit": False, "hidden": True, "templates": False},
    "1-D regression": {"boundary": False, "fit": True, "hidden": False, "templates": False},
    "2-D regression": {"boundary": False, "fit": True, "hidden": True, "templates": False},
    "images": {"boundary": False, "fit": False, "hidden": False, "templates": True},
}


@pytest.fixture(params=["en", "ko"])
def lang(request, qapp):
    """The whole process in one language for the test."""
    language.install_language(request.param, qapp)
    yield request.param
    language.install_language("en", qapp)


def _cut_tabs(bar: QTabBar) -> list[str]:
    """The labels of the shown tabs that do not get their full width (Qt elides those) or
    stick out of the bar."""
    cut = []
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        rect = bar.tabRect(i)
        if rect.width() < bar.tabSizeHint(i).width() or not bar.rect().contains(rect):
            cut.append(f"{bar.tabText(i)!r}: {rect.width()} of {bar.tabSizeHint(i).width()} px")
    return cut


@pytest.mark.parametrize("kind", list(DATA_KINDS))
def test_the_view_tabs_fit_the_narrowest_plot_column(lang, qtbot, kind) -> None:
    from gradflow.ui.training.plot_grid import CELL_WIDTH, narrowest_cell
    from gradflow.ui.training.plots import TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    tabs = plots.view_tabs
    runs = QCoreApplication.translate("PanelBody", "Runs")  # the label the panel gives it
    tabs.extra_tab(QWidget(), runs)
    tabs.setParent(None)  # on its own, at the width four plots in a row give it
    qtbot.addWidget(tabs)
    width = narrowest_cell()
    assert CELL_WIDTH - 6 <= width < CELL_WIDTH
    tabs.resize(width, 200)
    tabs.show_only(**DATA_KINDS[kind])
    tabs.show()
    qtbot.waitExposed(tabs)
    bar = tabs.tabBar()
    shown = [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert len(shown) >= 3
    assert runs in shown
    qtbot.waitUntil(lambda: bar.width() == width)
    assert _cut_tabs(bar) == [], (lang, kind, width)
    assert not any(b.isVisible() for b in bar.findChildren(QToolButton))  # no scroll arrows
    for i in range(tabs.count()):  # the short label is named in full in its tooltip
        assert tabs.tabToolTip(i)
    if lang == "ko":
        assert "decision boundary" in tabs.tabToolTip(0)  # the lecture's term, in full
        assert "…" not in "".join(shown)


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_no_tab_in_the_window_is_elided_with_the_training_dock_open(
    lang, qtbot, make_window, size
) -> None:
    from gradflow.nn import TrainConfig

    window = make_window()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    window.docks["training"].toggleViewAction().trigger()
    panel = window.training
    qtbot.waitUntil(lambda: not panel.visibleRegion().isEmpty())
    panel.options.set_config(
        TrainConfig(dataset="spiral", task="classification", hidden=(8,), epochs=1, samples=200)
    )
    try:
        panel.start_button.click()
        qtbot.waitUntil(lambda: not panel.is_running(), timeout=20_000)
    finally:
        panel.shutdown()
    tabs = panel.plots.view_tabs
    grid = panel.plots.grid
    grid.show_cell(tabs)  # the views' page, when the plots are paged
    qtbot.waitUntil(lambda: tabs.isVisible())
    bars = [b for b in window.findChildren(QTabBar) if b.isVisible()]
    assert tabs.tabBar() in bars
    if grid.pages.isVisible():
        assert grid.pages in bars
    shown = [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert len(shown) == 4  # boundary, units, linear map, runs
    qtbot.waitUntil(lambda: tabs.tabBar().tabRect(tabs.count() - 1).right() <= tabs.width())
    cut = [(b.objectName(), label) for b in bars for label in _cut_tabs(b)]
    assert cut == [], (lang, size, grid.layout_kind)
    if size == (1280, 800):  # the same layout in both languages: four plots in a row (the
        assert grid.layout_kind == ("row", 4)  # Korean form's longest data set name left
        # the plots 1 px short of it, so Korean showed two plots a page)
