"""Menus and shortcuts: every command in a menu with its key, presentation mode, file names.

Each test pins a finding from driving the real app:
the player's keys were in no menu; Redo answered only
Ctrl+Y here (the offscreen/Windows binding) although Ctrl+Shift+Z is the Linux/macOS
one; undo said nothing; exporting the vector-l2 example offered "‖W x‖².png" in the
current directory; presentation mode left the graph cut off after F5 twice.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from gradflow.core.examples import load_example
from gradflow.ui.file_actions import safe_stem
from gradflow.ui.menus import shortcut_rows
from gradflow.ui.settings import last_folder, open_settings


def _rows(window) -> dict[str, str]:
    return {command: keys for _menu, command, keys in shortcut_rows(window.menuBar())}


def test_every_player_command_is_in_the_player_menu_with_its_key(qtbot, window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Player", "&Help"]
    rows = _rows(window)
    assert {
        k: rows[k] for k in ("Play", "Step Forward", "Step Back", "Go to Start", "Go to End")
    } == {
        "Play": "Space",
        "Step Forward": "Right",
        "Step Back": "Left",
        "Go to Start": "Home",
        "Go to End": "End",
    }
    assert rows["Undo"] == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in rows["Redo"].split(", ")
    assert rows["Keyboard Shortcuts"] == "F1"
    assert rows["Presentation Mode"].startswith("F5")


def test_player_menu_moves_the_playhead_and_follows_it(qtbot, add_mul):
    window = add_mul
    menu = window.player.menu
    menu.actions["to_start"].trigger()
    assert window.workspace.playhead == 0
    assert not menu.actions["step_back"].isEnabled()
    menu.actions["step_forward"].trigger()
    menu.actions["step_forward"].trigger()
    qtbot.waitUntil(lambda: window.workspace.playhead == 2)  # the second step is animated
    assert menu.actions["step_back"].isEnabled()
    menu.actions["to_end"].trigger()
    assert window.workspace.playhead == len(window.document.result.trace)
    assert not menu.actions["step_forward"].isEnabled()
    speed = next(a for a in menu.speed_menu.actions() if a.data() == 4.0)
    speed.trigger()
    assert window.player.controller.speed == 4.0
    assert window.player.speed.currentData() == 4.0  # the dock's box follows


def test_menu_keys_do_not_steal_the_player_keys(qtbot, add_mul):
    """The menu only shows Space/arrows: a bound shortcut would fire twice or be ambiguous.

    (Practice mode's Ctrl+P is bound: no player key uses Ctrl.)"""
    player_keys = {"Space", "Left", "Right", "Home", "End"}
    for action in add_mul.menu("Player").actions():
        assert not {k.toString() for k in action.shortcuts()} & player_keys, action.text()
    assert add_mul.menu_actions["practice"].shortcut().toString() == "Ctrl+P"


def test_redo_answers_ctrl_shift_z_and_ctrl_y(qtbot, add_mul):
    window, doc = add_mul, add_mul.document
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.view.setFocus()
    doc.set_attr("x", "value", 9.0)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    for redo in ((Qt.Key.Key_Z, ctrl | shift), (Qt.Key.Key_Y, ctrl)):
        qtbot.keyClick(window.view, Qt.Key.Key_Z, ctrl)
        assert float(doc.graph.node("x").attrs["value"]) == -2.0
        assert window.statusBar().currentMessage().startswith("Undone: ")
        qtbot.keyClick(window.view, *redo)
        assert float(doc.graph.node("x").attrs["value"]) == 9.0
        assert window.statusBar().currentMessage().startswith("Redone: ")


def test_zoom_in_also_answers_ctrl_equals(qtbot, window):
    keys = {k.toString() for k in window.menu_actions["zoom_in"].shortcuts()}
    assert {"Ctrl++", "Ctrl+="} <= keys


def test_keyboard_shortcuts_dialog_lists_the_menus(qtbot, window):
    window.menu_actions["shortcuts"].trigger()
    box = window.findChild(QMessageBox)
    qtbot.waitUntil(lambda: box is not None and box.isVisible())
    assert "Ctrl+Z" in box.text()
    assert "Step Forward" in box.text()
    assert "output port" in box.text()  # the mouse gestures too
    box.close()


def test_presentation_mode_refits_the_canvas_both_ways(qtbot, add_mul):
    window = add_mul
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    actions = window.presentation

    def graph_fully_visible() -> bool:
        view = window.view
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        return QRectF(shown).contains(window.scene.items_rect())

    actions.set_presentation(True)
    assert "Esc" in window.statusBar().currentMessage()
    window.view.zoom_by(3.0)  # as if the teacher zoomed in during the lecture
    assert not graph_fully_visible()
    actions.set_presentation(False)
    qtbot.waitUntil(graph_fully_visible)
    actions.set_presentation(True)
    qtbot.waitUntil(graph_fully_visible)


def test_escape_leaves_presentation_mode_only_while_in_it(qtbot, add_mul):
    window = add_mul
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    actions = window.presentation
    assert not actions.leave.isEnabled()  # outside presentation, Esc stays the canvas's
    actions.set_presentation(True)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not actions.in_presentation
    assert window.inspector.isVisible()
    assert window.statusBar().currentMessage() == ""  # "Esc to leave" is gone with the mode


def test_the_caption_has_room_for_two_lines_in_presentation(qtbot, add_mul):
    dock = add_mul.player
    small = dock.caption.minimumHeight()
    dock.set_caption_point_size(15.0)
    big = dock.caption.minimumHeight()
    assert big > small
    assert big >= 2 * dock.caption.fontMetrics().lineSpacing()


def test_export_offers_the_example_name_and_the_last_folder(qtbot, window, tmp_path):
    asked: list[str] = []
    window.files.choose_save_path = lambda title, f, suggested: asked.append(suggested) or None
    window.files.open_example("vector-l2")
    window.files.export_image("png")
    assert asked == ["vector-l2.png"]  # not "‖W x‖².png"
    window.files.save_as()
    assert asked[-1] == "vector-l2.gflow"
    window.load_graph(load_example("vector-l2"))  # a graph from elsewhere: the title
    window.files.export_image("svg")
    assert asked[-1] == f"{safe_stem(window.document.graph.title)}.svg"
    saved = tmp_path / "work" / "mine.gflow"
    saved.parent.mkdir()
    window.files.choose_save_path = lambda *a: str(saved)
    assert window.files.save_as()
    assert last_folder(open_settings()) == str(saved.parent)
    shot = tmp_path / "work" / "shot"
    window.files.choose_save_path = lambda *a: str(shot)  # no extension typed
    assert window.files.export_image("png")
    assert (tmp_path / "work" / "shot.png").is_file()


def test_the_last_folder_falls_back_to_home(qtbot, window, tmp_path):
    settings = open_settings()
    settings.setValue("last_folder", str(tmp_path / "gone"))
    from pathlib import Path

    assert last_folder(settings) == str(Path.home())


def test_every_menu_command_with_a_key_shows_it(qtbot, window):
    """The menus show each key (Qt draws the first shortcut; the player's are in the text)."""
    for _menu, command, keys in shortcut_rows(window.menuBar()):
        assert keys, command
    native = QKeySequence.SequenceFormat.NativeText
    assert window.menu_actions["save_as"].shortcut().toString(native) == "Ctrl+Shift+S"


def test_the_shortcut_table_leaves_out_keys_no_normal_keyboard_has(qtbot, window):
    from PySide6.QtGui import QAction

    from gradflow.ui.menus import typed_keys

    action = QAction("Undo", window)
    action.setShortcuts([QKeySequence(k) for k in ("Ctrl+Z", "F14", "Alt+Backspace")])
    assert typed_keys(action) == ["Ctrl+Z"]


def test_buttons_and_fields_say_what_they_do(qtbot, window):
    dock = window.player
    for button in (dock.to_start, dock.back, dock.play, dock.forward, dock.to_end):
        assert button.toolTip()
    assert "Enter" in window.palette.filter.toolTip()
    assert "1e-3" in window.inspector.editor.spin.toolTip()


def test_no_two_menu_commands_share_a_key(window):
    """A key bound twice is ambiguous: Qt fires neither (Neuron View and New Exercise
    were both Ctrl+Shift+N)."""
    from PySide6.QtWidgets import QMenu

    owners: dict[str, list[str]] = {}

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            for key in action.shortcuts():
                owners.setdefault(key.toString(), []).append(action.text())

    for top in window.menuBar().actions():
        walk(top.menu())
    assert len(owners) > 20
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    assert owners["Ctrl+Shift+U"] == ["&Neuron View"]
    assert owners["Ctrl+Shift+N"] == ["New E&xercise…"]
