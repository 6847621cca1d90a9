"""ui: Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate past its threshold. When that
is the training worker and the garbage holds Qt wrappers (a closed window's widgets in a
reference cycle), their QObjects are destroyed on the worker thread: the destructor takes
Qt's connection lock and then waits for the GIL, while the GUI thread holds the GIL and
waits for that lock - a deadlock (seen once as a hung test: the worker in
`QObject::~QObject` under `PyGILState_Ensure`, the GUI thread in `QObject::~QObject`
under shiboken's deletion in the main thread). So automatic collection is switched off
once a window exists, and a timer on the GUI thread collects the oldest generation whose
count has passed its threshold, as the automatic collector would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """Turns automatic cycle collection off and collects on a GUI-thread timer instead."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation past its threshold (none: 0); objects found."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0


def install_gui_collector() -> GuiThreadCollector | None:
    """The application's collector, made on first call (None without a Qt application)."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    found = app.findChild(GuiThreadCollector)
    if isinstance(found, GuiThreadCollector):
        return found
    return GuiThreadCollector(app)
