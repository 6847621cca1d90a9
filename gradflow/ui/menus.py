"""ui: the menu bar - File, Edit, View, Help - with the platform's standard shortcuts.

The player adds its own menu before Help. Help ▸ Keyboard Shortcuts (F1) lists what the
menus hold, read from the actions themselves, so the list cannot drift.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QMessageBox

from gradflow import __version__
from gradflow.core.errors import GradflowError
from gradflow.core.examples import list_examples

if TYPE_CHECKING:
    from gradflow.ui.main_window import MainWindow

Key = QKeySequence.StandardKey


def _action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
    checkable: bool = False,
    checked: bool = False,
) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)  # every platform binding: Ctrl++ and Ctrl+= zoom in
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    action.setChecked(checked)  # before connecting: building the menu changes nothing
    if checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create the menus; returns the actions by name (for tests and toolbars)."""
    files, scene, view = window.files, window.scene, window.view
    acts: dict[str, QAction] = {}
    bar = window.menuBar()

    m = bar.addMenu("&File")
    acts["new"] = _action(window, m, "&New", files.new, Key.New)
    acts["open"] = _action(window, m, "&Open…", files.open, Key.Open)
    examples = m.addMenu("Open &Example")
    try:
        listed = list_examples()
    except GradflowError:
        listed = []
    for name, description in listed:
        act = examples.addAction(name)
        act.setToolTip(description)
        act.triggered.connect(lambda _c=False, n=name: files.open_example(n))
    examples.setToolTipsVisible(True)
    window.recent_menu = m.addMenu("Open &Recent")
    m.addSeparator()
    acts["save"] = _action(window, m, "&Save", files.save, Key.Save)
    acts["save_as"] = _action(window, m, "Save &As…", files.save_as, Key.SaveAs)
    export = m.addMenu("E&xport Image")
    acts["export_png"] = _action(window, export, "PNG…", lambda: files.export_image("png"))
    acts["export_svg"] = _action(window, export, "SVG…", lambda: files.export_image("svg"))
    m.addSeparator()
    acts["quit"] = _action(window, m, "&Quit", window.close, Key.Quit)

    m = bar.addMenu("&Edit")
    undo = window.document.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(Key.Undo)
    redo = window.document.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts(Key.Redo)  # Ctrl+Shift+Z and Ctrl+Y wherever the platform has both
    m.addActions([undo, redo])
    acts["undo"], acts["redo"] = undo, redo
    m.addSeparator()
    acts["cut"] = _action(window, m, "Cu&t", window.cut, Key.Cut)
    acts["copy"] = _action(window, m, "&Copy", window.copy, Key.Copy)
    acts["paste"] = _action(window, m, "&Paste", window.paste, Key.Paste)
    acts["delete"] = _action(window, m, "&Delete", scene.delete_selection, Key.Delete)
    acts["select_all"] = _action(
        window, m, "Select &All", lambda: window.select_all(), Key.SelectAll
    )
    m.addSeparator()
    acts["layout"] = _action(window, m, "Auto-&layout", window.document.auto_layout, "Ctrl+L")

    m = window.view_menu = bar.addMenu("&View")
    acts["zoom_in"] = _action(window, m, "Zoom &In", view.zoom_in, Key.ZoomIn)
    zoom_keys = QKeySequence.keyBindings(Key.ZoomIn)
    acts["zoom_in"].setShortcuts([*zoom_keys, QKeySequence("Ctrl+=")])  # + needs Shift
    acts["zoom_out"] = _action(window, m, "Zoom &Out", view.zoom_out, Key.ZoomOut)
    acts["fit"] = _action(window, m, "&Fit", view.fit, "Ctrl+9")
    acts["reset_zoom"] = _action(window, m, "&Reset Zoom", view.reset_zoom, "Ctrl+0")
    m.addSeparator()
    acts["grid"] = _action(window, m, "&Grid", scene.set_grid_visible, "Ctrl+G", True, True)
    acts["values"] = _action(window, m, "Show &Values", window.set_show_values, None, True, True)
    acts["grads"] = _action(window, m, "Show G&radients", window.set_show_grads, None, True, True)
    acts["dark"] = _action(window, m, "&Dark Theme", window.set_dark, None, True)
    # Presentation mode (F5) is added by the player, which also hides the docks.
    m.addSeparator()
    window.docks_menu = m.addMenu("&Docks")

    m = window.help_menu = bar.addMenu("&Help")
    acts["shortcuts"] = _action(
        window, m, "&Keyboard Shortcuts…", lambda: show_shortcuts(window), Key.HelpContents
    )
    acts["about"] = _action(window, m, "&About gradflow", lambda: show_about(window))
    _report_undo(window, acts["undo"], acts["redo"])
    return acts


def _report_undo(window: MainWindow, undo: QAction, redo: QAction) -> None:
    """Say in the status bar what Ctrl+Z / Ctrl+Shift+Z just did (the canvas may not show it)."""
    stack, say = window.document.undo_stack, window.statusBar().showMessage
    # These run after the stack's own slots: the undone edit is now the one to redo.
    undo.triggered.connect(lambda: say(f"Undone: {stack.redoText()}", 4000))
    redo.triggered.connect(lambda: say(f"Redone: {stack.undoText()}", 4000))


MOUSE_ROWS = (
    ("Add a node", "drag an op from the palette, or double-click it"),
    ("Connect", "drag from an output port (right) to an input port (left)"),
    ("Select several", "drag a rectangle over empty canvas"),
    ("Pan / zoom", "drag with the middle button / turn the wheel"),
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
        if k[0].key() not in _UNLISTED and k[0].key().value not in _SUN_KEYS
    ]


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has a key, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for act in menu.actions():
            if act.menu() is not None:
                walk(act.menu(), title)
                continue
            text, _, shown = act.text().partition("\t")
            keys = ", ".join(typed_keys(act)) or shown
            if keys and not act.isSeparator():
                rows.append((title, text.replace("&", "").rstrip("…"), keys))

    for top in bar.actions():
        if top.menu() is not None:
            walk(top.menu(), top.text().replace("&", ""))
    return rows


def shortcuts_html(bar: QMenuBar) -> str:
    """The keyboard shortcut table (and the mouse gestures) as HTML."""
    cell = "<tr><td>{}</td><td>{}</td><td><b>{}</b></td></tr>"
    rows = "".join(cell.format(*(html.escape(x) for x in row)) for row in shortcut_rows(bar))
    mouse = "".join(
        f"<tr><td>Mouse</td><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
        for a, b in MOUSE_ROWS
    )
    return f"<table cellspacing='6'>{rows}{mouse}</table>"


def show_shortcuts(window: MainWindow) -> None:
    """Help ▸ Keyboard Shortcuts."""
    box = QMessageBox(window)
    box.setWindowTitle("Keyboard shortcuts")
    box.setText(shortcuts_html(window.menuBar()))
    box.open()


def show_about(window: MainWindow) -> None:
    """Help ▸ About gradflow."""
    QMessageBox.about(
        window,
        "About gradflow",
        f"<b>gradflow {html.escape(__version__)}</b><br>"
        "Watch values flow forward and gradients flow back through a computational graph.",
    )
