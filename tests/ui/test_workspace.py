"""The workspace: one owner of playhead, display options and selection; the dock registry."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel

import gradflow
from gradflow.core.examples import load_example
from gradflow.ui import dock_registry
from gradflow.ui.actions import MenuEntry
from gradflow.ui.dock_context import DockContext
from gradflow.ui.dock_registry import DockSpec
from gradflow.ui.settings import open_settings
from gradflow.ui.workspace import DisplayOptions, Workspace


class ScratchDock(QDockWidget):
    """A throw-away dock: one class, registered with one line."""

    def __init__(self, ctx: DockContext) -> None:
        super().__init__("Scratch")
        self.ctx = ctx
        self.label = QLabel()
        self.setWidget(self.label)
        self.hello = QAction("Say &Hello", self)
        self.hello.triggered.connect(lambda: ctx.services.show_message("hello", 0))
        ctx.workspace.selection_changed.connect(lambda ids: self.label.setText(",".join(ids)))

    def menu_entries(self) -> list[MenuEntry]:
        return [MenuEntry("&View", self.hello, "hello")]


def test_a_registered_dock_is_in_the_window_and_the_view_menu(
    qtbot, make_window, monkeypatch
) -> None:
    spec = DockSpec("scratch", ScratchDock, Qt.DockWidgetArea.RightDockWidgetArea, "Ctrl+Shift+K")
    monkeypatch.setattr(dock_registry, "DOCKS", [*dock_registry.DOCKS, spec])
    window = make_window()
    dock = window.findChild(QDockWidget, "scratch")
    assert isinstance(dock, ScratchDock)
    assert dock.isVisible()
    assert dock.ctx.workspace is window.workspace
    toggle = dock.toggleViewAction()
    assert toggle in window.menu("View/Docks").actions()
    assert toggle.shortcut().toString() == "Ctrl+Shift+K"
    toggle.trigger()
    qtbot.waitUntil(lambda: not dock.isVisible())
    assert window.menu_actions["hello"] in window.menu("View").actions()
    window.menu_actions["hello"].trigger()
    assert window.statusBar().currentMessage() == "hello"
    window.load_graph(load_example("add-mul"))
    window.scene.node_item("q").setSelected(True)  # a click on the canvas
    assert dock.label.text() == "q"


def test_the_canvas_and_the_workspace_share_one_selection(qtbot, add_mul) -> None:
    window = add_mul
    seen: list[tuple[str, ...]] = []
    window.workspace.selection_changed.connect(seen.append)
    window.scene.node_item("x").setSelected(True)
    assert window.workspace.selection == ("x",)
    window.workspace.set_selection(["y", "q", "gone"])
    assert window.scene.selected_node_ids() == ["y", "q"]
    assert window.inspector.node_id is None  # two nodes: nothing to inspect
    window.workspace.set_selection(["q"])
    assert window.inspector.node_id == "q"
    assert seen[0] == ("x",)
    assert seen[-1] == ("q",)


def test_display_options_have_one_writer_and_every_part_follows(qtbot, add_mul) -> None:
    window = add_mul
    changes: list[tuple[DisplayOptions, DisplayOptions]] = []
    window.workspace.display_changed.connect(lambda new, old: changes.append((new, old)))
    window.workspace.set_display(show_values=False)
    assert not window.view_actions.show_values.isChecked()
    label = window.scene.edge_item(window.document.graph.edges[0]).value_label
    assert label.text() == ""
    window.view_actions.show_values.setChecked(True)
    assert window.workspace.display.show_values
    assert label.text() != ""
    assert [new.show_values for new, _old in changes] == [False, True]
    with pytest.raises(TypeError, match="unknown display options: colour"):
        window.workspace.set_display(colour="red")


def test_the_theme_is_remembered_as_a_display_option(qtbot, window, make_window) -> None:
    from gradflow.ui.canvas.style import DARK

    window.menu_actions["dark"].setChecked(True)
    assert window.workspace.display.theme == "dark"
    assert window.scene.theme is DARK
    assert open_settings().value("theme") == "dark"
    again = make_window(show=False)
    assert again.workspace.display.theme == "dark"
    assert again.menu_actions["dark"].isChecked()


def test_the_playhead_is_clamped_and_structural_edits_show_the_whole_run(qtbot) -> None:
    from gradflow.ui.document import GraphDocument

    workspace = Workspace(GraphDocument(load_example("add-mul")))
    moves: list[int | None] = []
    workspace.playhead_changed.connect(moves.append)
    workspace.set_playhead(99)
    assert workspace.playhead == 10
    workspace.document.set_attr("x", "value", 1.0)  # not structural: kept
    assert workspace.playhead == 10
    workspace.document.add_node("input", pos=(0.0, 300.0))  # structural: the whole new run
    assert workspace.playhead is None
    assert moves == [10, None]


def test_stepping_on_shows_the_same_state_as_a_jump_there(qtbot) -> None:
    from gradflow.core.playback import state_at
    from gradflow.ui.document import GraphDocument

    workspace = Workspace(GraphDocument(load_example("tiny-mlp")))
    trace, graph = workspace.trace, workspace.document.graph
    assert trace is not None
    shown = []
    workspace.state_changed.connect(shown.append)
    for k in [0, *range(1, len(trace) + 1), 3, 4]:  # on step by step, then a jump and on
        workspace.set_playhead(k)
    ks = [0, *range(1, len(trace) + 1), 3, 4]
    assert [s.step for s in shown] == ks
    for state in shown:
        walked = state_at(trace, graph.edges, state.step)
        assert state.active is walked.active
        for got, want in (
            (state.node_values, walked.node_values),
            (state.node_grads, walked.node_grads),
        ):
            assert list(got) == list(want)
            for key in want:  # the trace's own arrays
                assert all(a is b for a, b in zip(got[key], want[key], strict=True))
        for got, want in (
            (state.edge_values, walked.edge_values),
            (state.edge_grads, walked.edge_grads),
        ):
            assert list(got) == list(want)
            assert all(got[key] is want[key] for key in want)


def test_no_module_but_the_app_entry_imports_the_main_window() -> None:
    package = Path(gradflow.__file__).parent
    importers = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if "gradflow.ui.main_window" in names:
                importers.append(path.relative_to(package).as_posix())
    assert sorted(set(importers)) == ["app.py"]
