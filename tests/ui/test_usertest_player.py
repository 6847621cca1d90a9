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
