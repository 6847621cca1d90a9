"""Docks built on first need: the training dock's frame from the start, its content when
first shown (Ctrl+T, View ▸ Docks, a saved layout), and a lazy dock is one registry line."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from gradflow.ui import dock_registry
from gradflow.ui.dock_context import DockContext
from gradflow.ui.dock_registry import DockSpec
from gradflow.ui.lazy_dock import LazyDock
from gradflow.ui.training import TrainingPanel


def test_the_training_dock_is_a_frame_until_ctrl_t_shows_it_whole(window, qtbot) -> None:
    dock = window.docks["training"]
    assert isinstance(dock, LazyDock)
    assert dock.windowTitle() == "Training"
    assert dock.toggleViewAction() in window.menu("View/Docks").actions()
    assert not dock.isVisible()
    assert not dock.is_built()
    assert dock.widget() is None  # no content yet
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dock.isVisible)
    panel = dock.widget()
    assert isinstance(panel, TrainingPanel)
    assert window.training is panel
    qtbot.waitUntil(lambda: not panel.start_button.visibleRegion().isEmpty())
    assert panel.start_button.isEnabled()
    assert panel.status.text() == "Choose the options and press Start."
    assert panel.plots.loss_plot.isVisible()  # the plots came with it, not a frame later
    assert dock.height() >= panel.minimumSizeHint().height()


def test_the_docks_menu_entry_builds_it_in_a_fresh_window(window, qtbot) -> None:
    dock = window.docks["training"]
    window.menu_actions["dock_training"].trigger()
    qtbot.waitUntil(dock.isVisible)
    assert dock.is_built()
    start = window.training.start_button
    qtbot.waitUntil(lambda: not start.visibleRegion().isEmpty())  # its tab in front
    assert window.training.plots.loss_plot.isVisible()
    window.menu_actions["dock_training"].trigger()  # and hides it again, content kept
    qtbot.waitUntil(lambda: not dock.isVisible())
    assert dock.widget() is window.training


def test_a_saved_layout_with_the_training_dock_shown_restores_it_with_content(
    make_window, qtbot
) -> None:
    first = make_window()
    first.docks["training"].toggleViewAction().trigger()
    qtbot.waitUntil(first.docks["training"].isVisible)
    first.close()  # saves the layout
    again = make_window()
    dock = again.docks["training"]
    qtbot.waitUntil(dock.isVisible)
    assert dock.is_built()
    panel = again.training
    qtbot.waitUntil(lambda: not panel.start_button.visibleRegion().isEmpty())
    assert panel.plots.loss_plot.isVisible()


def test_opening_the_window_imports_no_training_code_until_the_dock_is_shown(tmp_path) -> None:
    code = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gradflow.ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
loaded = lambda: sorted(m for m in ("gradflow.ui.training", "gradflow.nn", "pyqtgraph")
                        if m in sys.modules)
print(loaded())
window.docks["training"].show()
app.processEvents()
print(loaded())
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["GRADFLOW_SETTINGS"] = str(tmp_path / "settings.ini")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[:2] == [
        "[]",
        "['gradflow.nn', 'gradflow.ui.training', 'pyqtgraph']",
    ]


MADE: list[QWidget] = []


class ScratchContent(QWidget):
    """A throw-away lazy dock's content: made only when its dock is first shown."""

    def __init__(self, ctx: DockContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.label = QLabel("scratch", self)
        MADE.append(self)


def test_a_lazy_dock_is_one_registry_line(qtbot, make_window, monkeypatch) -> None:
    spec = DockSpec(
        "scratch",
        f"{__name__}:ScratchContent",
        Qt.DockWidgetArea.RightDockWidgetArea,
        "Ctrl+Shift+K",
        False,
        title="Scratch",
    )
    monkeypatch.setattr(dock_registry, "DOCKS", [*dock_registry.DOCKS, spec])
    MADE.clear()
    window = make_window()
    dock = window.docks["scratch"]
    assert spec.lazy
    assert dock.windowTitle() == "Scratch"
    assert dock.toggleViewAction().shortcut().toString() == "Ctrl+Shift+K"
    assert MADE == []
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(dock.isVisible)
    assert len(MADE) == 1
    content = MADE[0]
    assert isinstance(content, ScratchContent)
    assert dock.widget() is content
    assert content.ctx.workspace is window.workspace
    assert content.label.isVisible()
