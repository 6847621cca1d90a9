"""The cycle collector runs on the GUI thread once a window exists, never on a worker."""

from __future__ import annotations

import gc
import threading
import weakref


class _Cycle:
    """An object in a reference cycle that says on which thread it was freed."""

    def __init__(self, freed_on: list[int]) -> None:
        self.me = self
        weakref.finalize(self, lambda: freed_on.append(threading.get_ident()))


def test_a_window_turns_automatic_collection_off_and_one_collector_is_made(make_window):
    from gradflow.ui.gui_gc import GuiThreadCollector, install_gui_collector

    make_window()
    make_window()
    assert not gc.isenabled()
    collector = install_gui_collector()
    assert isinstance(collector, GuiThreadCollector)
    app = collector.parent()
    assert len(app.findChildren(GuiThreadCollector)) == 1


def test_a_cycle_dropped_by_a_worker_is_freed_on_the_gui_thread(make_window, qtbot):
    make_window()
    freed_on: list[int] = []
    kept: list[object] = []

    def worker() -> None:
        _Cycle(freed_on)  # garbage at once: only the cycle collector can free it
        kept.append([[i] for i in range(50_000)])  # kept: far past generation 0's threshold

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert freed_on == []  # the worker's allocations set off no collection
    qtbot.waitUntil(lambda: freed_on != [], timeout=5_000)
    assert freed_on == [threading.main_thread().ident]
