"""Fixtures for GUI tests: private settings, a shown main window, dialogs replaced."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from gradflow.core.examples import load_example
from gradflow.ui.settings import ENV_VAR
from gradflow.ui.training import TrainingPanel


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    """Every GUI test gets its own settings file: the user's are never touched."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv(ENV_VAR, str(path))
    return path


@pytest.fixture
def korean(qapp):
    """The whole process in Korean for one test (Qt's texts and the core's)."""
    from gradflow.ui import language

    language.install_language("ko", qapp)
    yield
    language.install_language("en", qapp)


@pytest.fixture
def make_window(qtbot):
    """The one way GUI tests build a main window: `make_window(show=True)`.

    Its dialogs never block (errors are recorded in `win.errors`, closing discards) and
    qtbot closes it after the test. Tests that need a second window (settings kept
    between sessions, copy and paste across windows) call it again; the `window`
    fixture is its first call.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    from gradflow.ui.main_window import MainWindow

    made: list[MainWindow] = []

    def make(show: bool = True) -> MainWindow:
        win = MainWindow()
        made.append(win)
        win.errors = []
        win.files.show_error = lambda title, text: win.errors.append(text)
        win.files.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        qtbot.addWidget(win)
        if show:
            win.show()
            qtbot.waitExposed(win)
        return win

    yield make
    # qtbot only closes a window; delete it too, so the windows of earlier tests (and
    # their application-wide key filters) do not pile up until a garbage collection
    for win in made:
        win.close()
        win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window):
    """A shown main window whose dialogs never block: errors are recorded, closing discards."""
    return make_window()


@pytest.fixture
def add_mul(window):
    """The window showing the lecture's (x + y)·z example."""
    window.load_graph(load_example("add-mul"))
    return window


@pytest.fixture
def panel(qtbot):
    """A shown training panel; its training thread is always ended after the test."""
    dock = TrainingPanel()
    qtbot.addWidget(dock)
    dock.resize(1100, 600)
    dock.show()
    qtbot.waitExposed(dock)
    yield dock
    dock.shutdown()
    assert not dock.is_running()
