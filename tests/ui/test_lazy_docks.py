"""Parts built on first need (start-up, issue 8): the training dock's frame from the start,
its content when first shown (Ctrl+T, View ▸ Docks, a saved layout); a lazy dock is one
registry line; the inspector's form, practice mode and the neuron view wait the same way."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from gradflow.core.examples import load_example
from gradflow.ui import dock_registry
from gradflow.ui.dock_context import DockContext
from gradflow.ui.dock_registry import DockSpec
from gradflow.ui.lazy_dock import LazyDock
from gradflow.ui.neuron_panel import NeuronPanel
from gradflow.ui.player.practice_panel import PracticePanel
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


WAITING = (  # modules the first frame does not need
    "gradflow.core.exercises",
    "gradflow.core.practice",
    "gradflow.nn",
    "gradflow.ui.export",
    "gradflow.ui.neuron_panel",
    "gradflow.ui.training",
    "gradflow.ui.value_editor",
    "pyqtgraph",
)


def test_opening_the_window_imports_none_of_what_waits_until_it_is_used(tmp_path) -> None:
    code = f"""
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gradflow.core.examples import load_example
from gradflow.ui.main_window import MainWindow
window = MainWindow()
window.load_graph(load_example("sigmoid-neuron"))
window.show()
app.processEvents()
loaded = lambda: [m for m in {WAITING!r} if m in sys.modules]
print(loaded())
window.docks["training"].show()
window.menu_actions["practice"].trigger()
window.scene.node_item("w0").setSelected(True)
app.processEvents()
print(loaded())
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["GRADFLOW_SETTINGS"] = str(tmp_path / "settings.ini")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    at_start, after = done.stdout.split("\n")[:2]
    assert at_start == "[]"
    shown = ["gradflow.core.practice", "gradflow.nn", "gradflow.ui.training"]
    assert all(repr(m) in after for m in [*shown, "gradflow.ui.value_editor", "pyqtgraph"])


def test_the_inspector_builds_its_form_when_a_node_is_first_selected(add_mul, qtbot) -> None:
    inspector = add_mul.inspector
    assert inspector.empty.isVisible()
    assert inspector.findChild(QFormLayout) is None  # only "Select a node ..." so far
    add_mul.scene.node_item("q").setSelected(True)
    assert inspector.findChild(QFormLayout) is not None
    qtbot.waitUntil(inspector.title.isVisible)
    assert not inspector.empty.isVisible()
    assert "q" in inspector.title.text()
    assert inspector.value_text.text() == "3"


def test_practice_mode_is_built_when_first_switched_on(window, qtbot) -> None:
    window.load_graph(load_example("gate-patterns"))
    dock = window.docks["player"]
    action = window.menu_actions["practice"]
    assert action.shortcut().toString() == "Ctrl+P"
    assert action in window.menu("Player").actions()
    assert dock.findChild(PracticePanel) is None
    action.trigger()
    panel = dock.findChild(PracticePanel)
    assert panel is dock.practice_panel
    assert dock.practice.active
    qtbot.waitUntil(panel.isVisible)
    assert dock.controller.index == 0  # practice from the start
    action.trigger()  # off again: normal stepping, the panel hidden but kept
    assert not dock.practice.active
    assert not panel.isVisible()
    assert dock.findChild(PracticePanel) is panel


def test_the_neuron_view_is_built_when_first_shown(window, qtbot) -> None:
    import numpy as np

    from gradflow.nn.mlp import MLP

    centre = window.centralWidget()
    assert centre.count() == 1  # the canvas only
    assert window.findChild(NeuronPanel) is None
    window.load_graph(MLP([2, 3, 2], seed=0).graph_for(np.array([[0.5, -0.2]]), np.array([1])))
    window.neuron.toggle.trigger()
    assert window.neuron.showing
    assert centre.currentWidget() is window.findChild(NeuronPanel)
    window.neuron.toggle.trigger()
    assert centre.currentWidget() is window.view


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


def test_the_outlined_check_box_style_waits_for_a_dark_theme(tmp_path) -> None:
    code = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gradflow.ui.indicator_style import OutlinedIndicators
from gradflow.ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
print(isinstance(app.style(), OutlinedIndicators))
window.workspace.set_display(theme="dark")
print(isinstance(app.style(), OutlinedIndicators))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["GRADFLOW_SETTINGS"] = str(tmp_path / "settings.ini")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    # on the light theme Qt's own style draws (no Python call per primitive drawn)
    assert done.stdout.split() == ["False", "True"]
