"""Usability test findings in the player: keys that belong to other widgets.

Found by driving the real app with the keyboard: with the training dock's Start button
focused, Space toggled the player instead of pressing the button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QPushButton


def test_space_presses_a_focused_button_and_plays_elsewhere(qtbot, add_mul):
    window = add_mul
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
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    controller = window.player.controller
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert pressed == [True]
    assert not controller.playing
    qtbot.keyClick(button, Qt.Key.Key_Right)  # arrows still step from anywhere
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert controller.playing
    controller.pause()


def test_with_nothing_to_play_the_caption_says_what_to_do(qtbot, window):
    doc = window.document
    a = doc.add_node("neg")
    b = doc.add_node("exp")
    caption = window.player.caption.text()
    assert caption.startswith("Nothing to play yet: the graph has 2 ends")
    assert "tick “output node” in the inspector" in caption
    doc.connect(a, b)
    caption = window.player.caption.text()
    assert "cannot be computed yet" in caption
    assert "neg1: input x is not connected" in caption  # which node, and why
