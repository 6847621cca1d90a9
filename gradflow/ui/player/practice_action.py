"""ui: Player ▸ Practice (Ctrl+P) - the menu's action, made before practice mode itself.

The player dock publishes this action at start; practice mode (its panel, questions and
score, and core's practice module) is built when the action is first switched on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence


def practice_action(parent: QObject) -> QAction:
    """The checkable Practice action (texts in practice mode's own translation context)."""
    action = QAction(QCoreApplication.translate("PracticeMode", "Pr&actice"), parent)
    action.setObjectName("practiceAction")
    action.setCheckable(True)
    action.setShortcut(QKeySequence("Ctrl+P"))
    action.setToolTip(
        QCoreApplication.translate(
            "PracticeMode", "Predict each value and gradient before it is revealed"
        )
    )
    return action
