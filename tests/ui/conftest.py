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
def window(qtbot):
    """A shown main window whose dialogs never block: errors are recorded, closing discards."""
    from gradflow.ui.main_window import MainWindow

    win = MainWindow()
    win.errors = []
    win.files.show_error = lambda title, text: win.errors.append(text)
    win.files.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


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
