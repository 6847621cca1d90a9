"""bench: GUI event-loop gaps while the training dock trains - budget: longest gap < 50 ms.

A MainWindow (offscreen, an example on the canvas) shows its real TrainingPanel. A
QTimer asks to fire every 5 ms and records when it does; the gaps between firings are
how long the event loop was busy elsewhere (or the GIL was held by the training thread).
Three phases of DURATION seconds each, in the same process:

1. baseline: no training (the gaps the loop has anyway on this machine);
2. default: the default options (spiral, 64-64 relu, 20 epochs), started again 50 ms
   after each run finishes, so data loading, plot reset and the first redraws are
   included (the end of a run and the next Start are separate events, as with a user);
3. long: the same options with more epochs, so the plots grow while training runs.

For each phase: the number of gaps, the 99th-percentile gap, the longest gap, and the
longest gap as a ratio of the baseline's longest gap.

Run: python bench/responsiveness.py [DURATION_S]   (default 4)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GRADFLOW_SETTINGS", os.path.join(tempfile.mkdtemp(), "bench.ini"))

import numpy as np
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication

from gradflow.core.examples import load_example
from gradflow.nn import TrainConfig

BUDGET_MS = 50.0
TICK_MS = 5
RESTART_MS = 50  # how soon after a run ends Start is pressed again


class GapRecorder:
    """A 5 ms precise timer that stores the time of each firing."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def record(self, app: QApplication, seconds: float, each_loop=None) -> np.ndarray:
        """Gaps (ms) between firings during `seconds` of event processing."""
        self.times = []
        self.timer.start()
        clock = QElapsedTimer()
        clock.start()
        while clock.elapsed() < seconds * 1000:
            app.processEvents()
            if each_loop is not None:
                each_loop()
            time.sleep(0.0005)  # like exec(): the loop idles between events
        self.timer.stop()
        return np.diff(np.array(self.times)) * 1000


def summary(name: str, gaps: np.ndarray, baseline_max: float | None) -> float:
    """Print one phase's figures; returns its longest gap."""
    worst = float(gaps.max()) if len(gaps) else float("nan")
    p99 = float(np.percentile(gaps, 99)) if len(gaps) else float("nan")
    verdict = "fits" if worst < BUDGET_MS else "over"
    ratio = f", {worst / baseline_max:.1f}× the baseline's" if baseline_max else ""
    print(
        f"{name:<34} {len(gaps):5d} gaps  p99 {p99:6.1f} ms  longest {worst:6.1f} ms "
        f"({verdict} the 50 ms budget{ratio})"
    )
    return worst


def main() -> int:
    """Run the three phases and print their gaps."""
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 4.0
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from gradflow.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1400, 950)
    window.load_graph(load_example("sigmoid-neuron"))
    window.show()
    window.docks["training"].show()
    panel = window.training
    app.processEvents()
    recorder = GapRecorder()
    runs = {"n": 0}

    def keep_training(config: TrainConfig):
        pending = {"start": False}

        def start() -> None:
            pending["start"] = False
            panel.options.set_config(config)
            panel.start()
            runs["n"] += 1

        def again() -> None:
            if not panel.is_running() and not pending["start"]:
                pending["start"] = True  # Start pressed again a moment after the run ends
                QTimer.singleShot(RESTART_MS, start)

        return again

    print(f"event-loop gaps, {seconds:.0f} s per phase, timer every {TICK_MS} ms (offscreen)")
    base = summary("baseline (no training)", recorder.record(app, seconds), None)
    default = TrainConfig()
    gaps = recorder.record(app, seconds, keep_training(default))
    panel.shutdown()
    summary(f"default options ({runs['n']} runs)", gaps, base)
    runs["n"] = 0
    long = TrainConfig(epochs=100_000)
    gaps = recorder.record(app, seconds, keep_training(long))
    iterations = len(panel.plots.iterations)
    panel.shutdown()
    summary(f"long run ({iterations} iterations)", gaps, base)
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
