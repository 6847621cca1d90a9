"""ui: persistent settings (recent files, last folder, window layout, theme) via QSettings.

Set GRADFLOW_SETTINGS to an .ini path to keep them elsewhere (the tests do, so they
never touch the user's settings).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

ENV_VAR = "GRADFLOW_SETTINGS"
MAX_RECENT = 8


def open_settings() -> QSettings:
    """The settings store: the .ini file named by $GRADFLOW_SETTINGS, else the user's."""
    path = os.environ.get(ENV_VAR)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("gradflow", "gradflow")


def recent_files(settings: QSettings) -> list[str]:
    """Recently opened or saved files, newest first."""
    raw: Any = settings.value("recent_files", [])
    if isinstance(raw, str):  # QSettings returns a lone string for a one-item list
        raw = [raw]
    return [str(p) for p in raw or []][:MAX_RECENT]


def add_recent_file(settings: QSettings, path: str) -> list[str]:
    """Put `path` first in the recent files; returns the new list."""
    path = os.path.abspath(path)
    files = [path] + [p for p in recent_files(settings) if p != path]
    settings.setValue("recent_files", files[:MAX_RECENT])
    return files[:MAX_RECENT]


def remove_recent_file(settings: QSettings, path: str) -> list[str]:
    """Forget `path` (it could not be opened); returns the new list."""
    files = [p for p in recent_files(settings) if p != path]
    settings.setValue("recent_files", files)
    return files


def last_folder(settings: QSettings) -> str:
    """The folder a file dialog starts in: the one last used, else the home folder."""
    folder = str(settings.value("last_folder", "") or "")
    return folder if folder and os.path.isdir(folder) else str(Path.home())


def remember_folder(settings: QSettings, path: str) -> None:
    """Remember the folder of `path` (a file just opened, saved or exported)."""
    settings.setValue("last_folder", os.path.dirname(os.path.abspath(path)))
