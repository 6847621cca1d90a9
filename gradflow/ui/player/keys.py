"""ui: the player's keyboard - Space, ←/→, Home/End work from any dock of the window.

An application-level event filter sees the keys before any widget; it leaves them alone
while the user is typing (a line edit, a spin box, a table cell being edited, a text
box), so typing "-2" into the inspector never steps the animation. Space also stays
with a button or check box reached with Tab (Space presses it: keyboard users need
that), but not with one just clicked: click "output node", then Space plays.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from gradflow.ui.player.controller import PlayerController

KEYBOARD_FOCUS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)
KEYS = {
    Qt.Key.Key_Space: "toggle_play",
    Qt.Key.Key_Right: "step_forward",
    Qt.Key.Key_Left: "step_back",
    Qt.Key.Key_Home: "to_start",
    Qt.Key.Key_End: "to_end",
}

_FOCUS_IN = QEvent.Type.FocusIn
_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride
_SEEN = (QEvent.Type.KeyPress, _SHORTCUT_OVERRIDE, _FOCUS_IN)  # a tuple: tested by identity


def is_editing(widget: QWidget | None) -> bool:
    """Whether keyboard focus is in a text field, so keys are the user's typing."""
    while widget is not None:
        if isinstance(widget, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)):
            return not getattr(widget, "isReadOnly", lambda: False)()
        if isinstance(widget, QComboBox) and widget.isEditable():
            return True
        if isinstance(widget, QAbstractItemView) and (
            widget.state() == QAbstractItemView.State.EditingState
        ):
            return True
        widget = widget.parentWidget()
    return False


class PlayerKeys(QObject):
    """Routes the player keys of one window to its controller."""

    def __init__(self, window: QWidget, controller: PlayerController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.handled = 0  # keys acted on (tests)
        self._tabbed_to: QWidget | None = None  # the widget focused from the keyboard, if any
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.destroyed.connect(self._on_window_destroyed)

    def _action(self, obj: QObject, event: QEvent) -> str | None:
        if not isinstance(event, QKeyEvent):
            return None
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return None
        name = KEYS.get(Qt.Key(event.key()))
        if name is None or not isinstance(obj, QWidget) or not self._in_window(obj):
            return None
        if QApplication.activePopupWidget() is not None or QApplication.activeModalWidget():
            return None
        focus = QApplication.focusWidget() or obj
        if is_editing(focus):
            return None
        tabbed = focus is self._tabbed_to and isinstance(focus, QAbstractButton)
        if name == "toggle_play" and tabbed:
            return None  # Space presses the button the user tabbed to
        return name

    def _in_window(self, widget: QWidget) -> bool:
        """Whether `widget` is in this window, or in one of its floating docks."""
        top = widget.window()
        if isinstance(top, QDockWidget) and top.isFloating():
            holder = top.parentWidget()
            top = holder.window() if holder is not None else top
        return top is self.window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # every event of the application passes here: one type test for most of them
        kind = event.type()
        if kind not in _SEEN:
            return False
        if kind == _FOCUS_IN:
            if isinstance(obj, QWidget):
                keyboard = isinstance(event, QFocusEvent) and event.reason() in KEYBOARD_FOCUS
                self._tabbed_to = obj if keyboard else None
            return False
        name = self._action(obj, event)
        if name is None:
            return False
        if kind == _SHORTCUT_OVERRIDE:
            event.accept()  # the player's key wins over a window shortcut on the same key
            return True
        if isinstance(event, QKeyEvent) and event.isAutoRepeat() and name == "toggle_play":
            return True
        self.handled += 1
        getattr(self.controller, name)()
        return True

    def _on_window_destroyed(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
