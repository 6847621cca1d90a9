"""ui: OpenProgress - what the window says while a big file opens (read, lay out, run).

Opening a 100,000-node chain takes seconds of work in the window's own thread: reading
and checking the file, laying it out, the first run. For a file big enough for that to
pass half a second, a QProgressDialog (no Cancel: the passes cannot stop half way)
names each pass as it starts, with a wait cursor, so the window never sits frozen and
silent; a small file shows nothing.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

BIG_FILE = 1_000_000  # bytes: about 15,000 nodes, half a second or more to open
STEPS = 3


class OpenProgress(QObject):
    """Progress steps for opening one file; a no-op for a small one."""

    def __init__(self, parent: QWidget | None, path: str, size: int | None = None) -> None:
        super().__init__(parent)
        if size is None:
            try:
                size = os.stat(path).st_size
            except OSError:
                size = 0
        self.dialog: QProgressDialog | None = None
        if size >= BIG_FILE:
            dialog = QProgressDialog(parent)
            dialog.setWindowTitle(self.tr("Opening a big graph"))
            dialog.setCancelButton(None)  # type: ignore[arg-type]  # no Cancel: see above
            dialog.setRange(0, STEPS)
            dialog.setMinimumDuration(0)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setAutoClose(False)
            self.dialog = dialog
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def step(self, done: int, text: str) -> None:
        """`done` passes are over; `text` names the one starting now."""
        if self.dialog is not None:
            self.dialog.setLabelText(text)
            self.dialog.setValue(done)
            QCoreApplication.processEvents()  # paint the dialog before the next pass

    def finish(self) -> None:
        """Opening is over (done or refused): the dialog and the wait cursor go."""
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
            QApplication.restoreOverrideCursor()
