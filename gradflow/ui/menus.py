"""ui: the Help menu, and the keyboard-shortcut table read from the menu bar itself.

Help ▸ Keyboard Shortcuts (F1) lists what the menus hold, read from the actions
themselves, so the list cannot drift. (The other menus are published by their parts:
see gradflow/ui/actions.py.)
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QMessageBox

from gradflow import __version__
from gradflow.ui.actions import MenuEntry, make_action

Key = QKeySequence.StandardKey


class HelpActions(QObject):
    """The Help menu of `window`: the keyboard shortcuts (read from its menu bar), About."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.shortcuts = make_action(
            self, self.tr("&Keyboard Shortcuts…"), self.show_shortcuts, Key.HelpContents
        )
        self.about = make_action(self, self.tr("&About gradflow"), self.show_about)

    def menu_entries(self) -> list[MenuEntry]:
        """The Help menu."""
        return [
            MenuEntry("&Help", self.shortcuts, "shortcuts"),
            MenuEntry("&Help", self.about, "about"),
        ]

    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard Shortcuts."""
        box = QMessageBox(self._window)
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setText(shortcuts_html(self._window.menuBar()))
        box.open()

    def show_about(self) -> None:
        """Help ▸ About gradflow."""
        QMessageBox.about(
            self._window,
            self.tr("About gradflow"),
            f"<b>gradflow {html.escape(__version__)}</b><br>"
            + self.tr(
                "Watch values flow forward and gradients flow back through a computational graph."
            ),
        )


MOUSE = QT_TRANSLATE_NOOP("HelpActions", "Mouse")
MOUSE_ROWS = (  # translated in the "HelpActions" context where the table is made
    (
        QT_TRANSLATE_NOOP("HelpActions", "Add a node"),
        QT_TRANSLATE_NOOP("HelpActions", "drag an op from the palette, or double-click it"),
    ),
    (
        QT_TRANSLATE_NOOP("HelpActions", "Connect"),
        QT_TRANSLATE_NOOP(
            "HelpActions", "drag from an output port (right) to an input port (left)"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("HelpActions", "Select several"),
        QT_TRANSLATE_NOOP("HelpActions", "drag a rectangle over empty canvas"),
    ),
    (
        QT_TRANSLATE_NOOP("HelpActions", "Pan / zoom"),
        QT_TRANSLATE_NOOP("HelpActions", "drag with the middle button / turn the wheel"),
    ),
)


# Keys only special keyboards have (and the old Alt+Backspace undo): not worth listing.
_UNLISTED = {
    getattr(Qt.Key, f"Key_{name}")
    for name in ("New", "Open", "Save", "Undo", "Redo", "Cut", "Copy", "Paste", "Help")
} | {Qt.Key.Key_ZoomIn, Qt.Key.Key_ZoomOut, Qt.Key.Key_Backspace, Qt.Key.Key_Exit}
_SUN_KEYS = range(Qt.Key.Key_F13.value, Qt.Key.Key_F35.value + 1)  # Sun's Undo/Copy/... keys


def typed_keys(action: QAction) -> list[str]:
    """The action's shortcuts that a normal keyboard can type, as shown to users."""
    native = QKeySequence.SequenceFormat.NativeText
    return [
        k.toString(native)
        for k in action.shortcuts()
        if _first_key(k) not in _UNLISTED and _first_key(k).value not in _SUN_KEYS
    ]


def _first_key(sequence: QKeySequence) -> Qt.Key:
    """The key of a shortcut's first chord (Ctrl+K, Ctrl+S: K)."""
    return sequence[0].key()  # type: ignore[index]  # QKeySequence indexes its chords; no stub


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has a key, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for act in menu.actions():
            sub = act.menu()
            if isinstance(sub, QMenu):
                walk(sub, title)
                continue
            text, _, shown = act.text().partition("\t")
            keys = ", ".join(typed_keys(act)) or shown
            if keys and not act.isSeparator():
                rows.append((title, text.replace("&", "").rstrip("…"), keys))

    for top in bar.actions():
        sub = top.menu()
        if isinstance(sub, QMenu):
            walk(sub, top.text().replace("&", ""))
    return rows


def shortcuts_html(bar: QMenuBar) -> str:
    """The keyboard shortcut table (and the mouse gestures) as HTML."""
    cell = "<tr><td>{}</td><td>{}</td><td><b>{}</b></td></tr>"
    rows = "".join(cell.format(*(html.escape(x) for x in row)) for row in shortcut_rows(bar))

    def tr(text: str) -> str:
        return html.escape(QCoreApplication.translate("HelpActions", text))

    mouse = "".join(
        f"<tr><td>{tr(MOUSE)}</td><td>{tr(a)}</td><td>{tr(b)}</td></tr>"  # type: ignore[arg-type]
        for a, b in MOUSE_ROWS  # (a NOOP text is a str; its stub says object)
    )
    return f"<table cellspacing='6'>{rows}{mouse}</table>"
