"""The player's keyboard: Space, ←/→, Home/End from any dock, not while typing or on a button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QDoubleSpinBox, QLineEdit, QPushButton
from test_player_support import make_player


def _shown_window(qtbot, make_window):
    window, dock = make_player(make_window)
    dock.driver.animate = False
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window, dock


def test_arrow_home_end_keys_step_from_the_canvas(qtbot, make_window) -> None:
    window, dock = _shown_window(qtbot, make_window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Home)
    assert window.workspace.playhead == 0
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.workspace.playhead == 3
    qtbot.keyClick(window.view, Qt.Key.Key_Left)
    assert window.workspace.playhead == 2
    qtbot.keyClick(window.view, Qt.Key.Key_End)
    assert window.workspace.playhead == 10
    assert dock.keys.handled == 6


def test_keys_work_from_another_dock(qtbot, make_window) -> None:
    window, dock = _shown_window(qtbot, make_window)
    dock.controller.to_start()
    target = window.palette.widget()
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Right)
    assert window.workspace.playhead == 1


def test_space_plays_and_pauses(qtbot, make_window) -> None:
    window, dock = _shown_window(qtbot, make_window)
    dock.controller.to_start()
    dock.controller.set_speed(8.0)
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert dock.controller.playing
    qtbot.waitUntil(
        lambda: window.workspace.playhead is not None and window.workspace.playhead >= 2,
        timeout=5000,
    )
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert not dock.controller.playing


def test_keys_are_ignored_while_a_text_field_is_edited(qtbot, make_window) -> None:
    window, dock = _shown_window(qtbot, make_window)
    spin, line = QDoubleSpinBox(), QLineEdit()
    for field in (spin, line):
        holder = QDockWidget("Field", window)
        holder.setObjectName(f"field{type(field).__name__}")
        holder.setWidget(field)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, holder)
    dock.controller.seek(4)
    for field in (spin, line):
        field.setFocus()
        for key in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Home, Qt.Key.Key_Space):
            qtbot.keyClick(field, key)
        assert window.workspace.playhead == 4
        assert not dock.controller.playing
    qtbot.keyClicks(line, "-2")
    assert line.text() == " -2"  # the space and the typing went to the field
    assert dock.keys.handled == 0
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.workspace.playhead == 5


def test_keys_with_modifiers_are_left_alone(qtbot, make_window) -> None:
    window, dock = _shown_window(qtbot, make_window)
    dock.controller.seek(3)
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.playhead == 3


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen floating docks
def test_keys_work_from_a_floating_dock_but_not_another_window(qtbot, make_window) -> None:
    window, dock = _shown_window(qtbot, make_window)
    dock.controller.seek(2)
    window.palette.setFloating(True)
    qtbot.keyClick(window.palette.widget(), Qt.Key.Key_Right)
    assert window.workspace.playhead == 3
    other = QLineEdit()  # a separate top-level window: its keys are its own
    other.setReadOnly(True)
    qtbot.addWidget(other)
    qtbot.keyClick(other, Qt.Key.Key_Right)
    assert window.workspace.playhead == 3


# Keys that belong to other widgets: with the training dock's Start button focused from
# the keyboard, Space toggled the player instead of pressing the button.
def _window_with_button(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    holder = QDockWidget("Buttons", window)
    button = QPushButton("Start", holder)
    holder.setWidget(button)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, holder)
    holder.show()
    pressed: list[bool] = []
    button.clicked.connect(lambda: pressed.append(True))
    return button, pressed


def test_space_presses_a_button_reached_with_tab(qtbot, add_mul):
    window = add_mul
    button, pressed = _window_with_button(qtbot, window)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    controller = window.player.controller
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert pressed == [True]
    assert not controller.playing
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert controller.playing
    controller.pause()


def test_space_plays_after_a_button_was_clicked(qtbot, add_mul):
    """Click "output node" (or Start), then Space: the player plays, nothing is toggled."""
    window = add_mul
    button, pressed = _window_with_button(qtbot, window)
    button.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(button.hasFocus)
    controller = window.player.controller
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert pressed == []
    assert controller.playing
    controller.pause()
