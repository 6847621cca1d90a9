"""Usability test findings in the player: keys that belong to other widgets.

Found by driving the real app with the keyboard: with the training dock's Start button
focused, Space toggled the player instead of pressing the button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QPushButton


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


def test_with_nothing_to_play_the_caption_says_what_to_do(qtbot, window):
    doc = window.document
    a = doc.add_node("neg")
    b = doc.add_node("exp")
    caption = window.player.caption.text()  # the last-added end is tried as the output
    assert caption.startswith("Nothing to play yet: the output exp1 cannot be computed yet")
    assert "exp1: input x is not connected" in caption
    assert window.notice.text().startswith("⚠ the output exp1 cannot be computed yet")
    doc.add_edge(a, b)
    caption = window.player.caption.text()
    assert "cannot be computed yet" in caption
    assert "neg1: input x is not connected" in caption  # which node, and why


def test_play_and_pause_take_the_same_room(qtbot, add_mul):
    """The timeline jumped sideways each time Play turned into Pause."""
    dock = add_mul.player
    assert dock.play.text() == "▶ Play"
    reserved = dock.play.minimumWidth()
    dock.controller.set_speed(0.25)
    dock.controller.play()
    assert dock.play.text() == "❚❚ Pause"
    assert reserved >= dock.play.sizeHint().width()  # no wider than the room kept for it
    assert dock.play.minimumWidth() == reserved
    dock.controller.pause()
