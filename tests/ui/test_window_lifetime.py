"""A closed window takes all its menus with it: nothing it made outlives it."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMenu
from shiboken6 import isValid


def _menus() -> set[int]:
    """The live top-level menus, once the garbage of earlier tests is collected (a menu
    only unreachable garbage holds would otherwise vanish in the middle of a count)."""
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, QMenu)}


def test_a_deleted_window_leaves_no_menu_behind(qapp, qtbot) -> None:
    from gradflow.ui.main_window import MainWindow

    win = MainWindow()
    submenus = [
        a.menu() for top in win.menuBar().actions() for a in top.menu().actions() if a.menu()
    ]
    assert len(submenus) >= 3  # Open Example, Open Recent, Speed, Language, ...
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: not isValid(win))
    assert not any(isValid(m) for m in submenus)


def test_windows_opened_one_after_another_do_not_pile_up_menus(qapp, qtbot) -> None:
    from gradflow.ui.main_window import MainWindow

    def one_window() -> None:
        win = MainWindow()
        win.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    one_window()
    before = len(_menus())
    for _ in range(3):
        one_window()
    assert len(_menus()) == before
