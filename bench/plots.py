"""bench: the training plots with 100,000 iterations - redraw + paint against 1,000.

The loss and gradient-norm curves must stay fast however long a run gets. This fills
the real TrainingPlots widget (offscreen) with N iterations of a 2-layer network, then
times pushing the data to the curves and painting the widget, best of several runs,
and prints the 100,000-point figures against the 1,000-point baseline measured in the
same process and against the ~33 ms a plot redraw may take at 30 redraws a second.

    python bench/plots.py
"""

from __future__ import annotations

import os
import tempfile
import time

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GRADFLOW_SETTINGS", os.path.join(tempfile.mkdtemp(), "bench.ini"))

from PySide6.QtWidgets import QApplication  # after the platform is chosen above

from gradflow.ui.training.plots import TrainingPlots

REPEATS = 7
REDRAW_BUDGET_MS = 1000 / 30


def fill(plots: TrainingPlots, n: int) -> None:
    """N iterations of a decaying, noisy loss and two gradient norms, in packets of 64."""
    rng = np.random.default_rng(0)
    it = np.arange(n, dtype=float)
    loss = 2.0 * np.exp(-it / (n / 5)) + 0.05 * rng.random(n)
    rows = np.column_stack([it, it // 100, loss, 0.5 * loss, 0.2 * loss])
    plots.reset(2)
    for start in range(0, n, 64):
        plots.add_iterations(rows[start : start + 64])


def time_redraw(plots: TrainingPlots) -> float:
    """Best time (ms) to push all stored data to the curves and paint the widget."""
    best = float("inf")
    for _ in range(REPEATS):
        plots._stale.update(("loss", "grad"))
        t0 = time.perf_counter()
        plots.redraw()
        plots.grab()  # paints every plot, as the screen would
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best


def main() -> None:
    """Print redraw + paint times for 1,000 and 100,000 iterations and their ratio."""
    app = QApplication.instance() or QApplication([])
    plots = TrainingPlots()
    plots.resize(900, 600)
    plots.show()
    app.processEvents()
    results = {}
    for n in (1_000, 100_000):
        fill(plots, n)
        app.processEvents()
        results[n] = time_redraw(plots)
        print(f"{n:>7,} iterations: redraw + paint {results[n]:6.1f} ms")
    ratio = results[100_000] / results[1_000]
    print(f"100,000 vs 1,000 iterations: {ratio:.2f}x the time")
    print(
        f"100,000 iterations, all four plots painted at once, vs one 30 Hz tick "
        f"({REDRAW_BUDGET_MS:.0f} ms; the dock repaints one plot per tick): "
        f"{results[100_000] / REDRAW_BUDGET_MS:.2f}x"
    )


if __name__ == "__main__":
    main()
