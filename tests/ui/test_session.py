"""Across windows and sessions: paste between windows, settings that persist."""

from __future__ import annotations

from gradflow.core.graph import Edge
from gradflow.ui.canvas.style import DARK
from gradflow.ui.settings import open_settings


def test_copy_in_one_window_paste_in_another(qtbot, add_mul, make_window):
    add_mul.scene.select_nodes(["x", "y", "q"])
    add_mul.edit.cut()
    assert "q" not in add_mul.document.graph
    other = make_window(show=False)
    assert other.edit.paste() == ["x", "y", "q"]  # ids are free there: kept
    assert Edge("x", "q") in other.document.graph.edges
    assert float(other.document.result.value("q")) == 3.0
    add_mul.menu_actions["undo"].trigger()  # the cut is undone in the first window only
    assert "q" in add_mul.document.graph


def test_paste_without_gradflow_content_says_so(qtbot, window):
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setText("hello")
    assert window.edit.paste() == []
    assert window.statusBar().currentMessage() == "The clipboard holds no gradflow nodes"
    assert window.document.undo_stack.count() == 0


def test_theme_recent_files_and_layout_persist(qtbot, window, make_window, tmp_path):
    window.menu_actions["dark"].setChecked(True)
    assert window.scene.theme is DARK
    path = tmp_path / "a.gflow"
    window.document.add_node("input")
    window.files.save_to(str(path))
    window.close()
    settings = open_settings()
    assert settings.value("theme") == "dark"
    assert settings.value("window/geometry") is not None
    again = make_window(show=False)
    assert again.menu_actions["dark"].isChecked()
    assert again.scene.theme is DARK
    assert [a.toolTip() for a in again.files.recent_menu.actions()] == [str(path)]
    again.files.recent_menu.actions()[0].trigger()
    assert list(again.document.graph.nodes) == ["x1"]


def test_a_recent_file_that_vanished_is_forgotten(qtbot, window, tmp_path):
    path = tmp_path / "gone.gflow"
    window.document.add_node("input")
    window.files.save_to(str(path))
    path.unlink()
    window.files.recent_menu.actions()[0].trigger()
    assert len(window.errors) == 1
    assert "gone.gflow" in window.errors[0]
    assert window.files.recent_menu.actions() == []
