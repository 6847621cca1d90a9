"""ui.training: RepaintHold - keeps the training worker off the GIL while the plots repaint.

The GUI thread must win Python's GIL back for every call of a plot repaint, and a busy
worker slows that several times over. So before a redraw the panel holds the worker
(it waits, GIL released, after its current iteration); the first paint of a watched
plot viewport - or HOLD_MS at most, if no paint comes - releases it again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

from gradflow.ui.training.worker import TrainingWorker

HOLD_MS = 40  # the longest the worker is held for a repaint that does not come


class RepaintHold(QObject):
    """Install it as an event filter on the plots' viewports; `hold()` before a redraw."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.held: TrainingWorker | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.release)

    def hold(self, worker: TrainingWorker | None, plots_on_screen: bool) -> None:
        """Hold `worker` until a plot repaints (nothing while the plots are not seen: no
        repaint would come to end the hold)."""
        if worker is None or self.held is not None or not plots_on_screen:
            return
        self.held = worker
        worker.hold()
        self._timer.start(HOLD_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint and self.held is not None:
            self._timer.start(0)  # fires once this paint is done
        return False

    def release(self) -> None:
        """Let a held worker go on."""
        if self.held is not None:
            self.held.release()
            self.held = None
