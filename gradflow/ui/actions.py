"""ui: published actions - parts offer MenuEntry lists; the window builds its menu bar from them.

A part that has commands (the file actions, the edit actions, a dock, ...) makes its
QActions itself and lists them in `menu_entries()`, each with the menu path it belongs
in ("&File", "&View/&Docks"). `build_menu_bar` creates the menus in a fixed top-level
order (File, Edit, View, Player, Help; any other menu just before Help) and puts the
entries in the order they were published. No part sets attributes on the window.

Menu paths are English keys; what a menu shows is its path segment translated in the
"Menu" context (`menu_title`), so a new menu's title goes in MENU_TITLES for lupdate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

MENU_ORDER = ("File", "Edit", "View", "Player", "Help")
# every menu path segment a part publishes, marked for lupdate (shown via menu_title)
MENU_TITLES = (
    QT_TRANSLATE_NOOP("Menu", "&File"),
    QT_TRANSLATE_NOOP("Menu", "&Edit"),
    QT_TRANSLATE_NOOP("Menu", "&View"),
    QT_TRANSLATE_NOOP("Menu", "&Player"),
    QT_TRANSLATE_NOOP("Menu", "&Help"),
    QT_TRANSLATE_NOOP("Menu", "&Docks"),
    QT_TRANSLATE_NOOP("Menu", "&Language"),
    QT_TRANSLATE_NOOP("Menu", "E&xport Image"),
    QT_TRANSLATE_NOOP("Menu", "&Precision"),
)


@dataclass(frozen=True)
class MenuEntry:
    """One item of a menu: an action, a ready-made sub-menu, or (neither) a separator.

    `path` names the menu, its segments separated by "/" and written as shown, with the
    mnemonic: "&View/&Docks". `name` lists the action in `window.menu_actions`.
    """

    path: str
    action: QAction | None = None
    name: str = ""
    menu: QMenu | None = None

    @property
    def key(self) -> str:
        """The menu path without mnemonics ("View/Docks")."""
        return plain(self.path)


@runtime_checkable
class PublishesActions(Protocol):
    """A part that has menu commands."""

    def menu_entries(self) -> list[MenuEntry]:
        """The part's menu items, in the order they appear."""
        ...


def plain(path: str) -> str:
    """A menu path or title without its mnemonic ampersands."""
    return path.replace("&", "")


def menu_title(segment: str) -> str:
    """A menu path segment as the menu shows it: translated in the "Menu" context."""
    return QCoreApplication.translate("Menu", segment)


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object] | Callable[[bool], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
    checkable: bool = False,
    checked: bool = False,
    object_name: str = "",
) -> QAction:
    """A QAction calling `slot` (with the new state, if checkable), with its shortcut."""
    action = QAction(text, parent)
    if object_name:
        action.setObjectName(object_name)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)  # every platform binding: Ctrl++ and Ctrl+= zoom in
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    action.setChecked(checked)  # before connecting: building the menu changes nothing
    if checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[call-arg]
    return action


def build_menu_bar(bar: QMenuBar, entries: Iterable[MenuEntry]) -> dict[str, QMenu]:
    """Fill `bar` from `entries`; returns every menu by its plain path ("View/Docks")."""
    entries = list(entries)
    tops: list[str] = []
    for entry in entries:
        top = entry.path.split("/")[0]
        if all(plain(t) != plain(top) for t in tops):
            tops.append(top)
    known = [t for name in MENU_ORDER for t in tops if plain(t) == name]
    others = [t for t in tops if plain(t) not in MENU_ORDER]
    help_at = len(known) - (1 if known and plain(known[-1]) == "Help" else 0)
    menus: dict[str, QMenu] = {}
    for title in known[:help_at] + others + known[help_at:]:
        menus[plain(title)] = bar.addMenu(menu_title(title))
    for entry in entries:
        menu = _menu_at(menus, entry.path)
        if entry.menu is not None:
            # a part's submenu is made without a parent; the menu it joins owns it from
            # now on, so it goes with the window instead of outliving it
            entry.menu.setParent(menu, entry.menu.windowFlags())
            menu.addMenu(entry.menu)
            menus[f"{entry.key}/{plain(entry.menu.title())}"] = entry.menu
        elif entry.action is not None:
            menu.addAction(entry.action)
        elif menu.actions() and not menu.actions()[-1].isSeparator():
            menu.addSeparator()
    return menus


def _menu_at(menus: dict[str, QMenu], path: str) -> QMenu:
    """The menu at `path`, creating sub-menus on the way."""
    parts = path.split("/")
    key = plain(parts[0])
    menu = menus[key]
    for part in parts[1:]:
        key = f"{key}/{plain(part)}"
        if key not in menus:
            menus[key] = menu.addMenu(menu_title(part))
        menu = menus[key]
    return menu


def named_actions(entries: Iterable[MenuEntry]) -> dict[str, QAction]:
    """The published actions that have a name, by name."""
    return {e.name: e.action for e in entries if e.name and e.action is not None}
