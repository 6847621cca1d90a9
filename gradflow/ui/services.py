"""ui: WindowServices - the few things a part may ask of the window it lives in.

Parts (docks, menus, the canvas) receive the Workspace for shared state and, where they
need the window itself, this Protocol - never the main window class - so no part imports
`main_window` and any part can be built in a test with a stand-in.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from gradflow.core.graph import Graph


class WindowServices(Protocol):
    """What the main window offers its parts."""

    settings: QSettings

    def show_message(self, text: str, ms: int = 4000) -> None:
        """Show `text` in the status bar for `ms` milliseconds (0: until replaced)."""
        ...

    def clear_message(self, text: str | None = None) -> None:
        """Clear the status bar (only if it still shows `text`, when given)."""
        ...

    def open_file(self, path: str) -> bool:
        """Open a .gflow file (asking to save unsaved changes first); False if not opened."""
        ...

    def open_graph(self, graph: Graph, message: str = "") -> bool:
        """Show `graph` as a new unsaved document (asking to save first); False if declined."""
        ...

    def dialog_parent(self) -> QWidget:
        """The widget dialogs are centred on (the main window)."""
        ...

    def close_window(self) -> None:
        """Close the window (asking to save unsaved changes)."""
        ...
