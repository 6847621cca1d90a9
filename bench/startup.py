"""bench: start-up time - the window up on an example vs just importing Qt, numpy, pyqtgraph.

Both are timed the same way, from the parent, as the wall time of a fresh
`python -c ...` subprocess (offscreen platform, private settings):

- baseline: `import PySide6.QtWidgets, numpy, pyqtgraph` and exit;
- gradflow: what `gradflow open EXAMPLE` does (load the example, QApplication,
  MainWindow, load_graph, show, fit) until the canvas has painted its first frame,
  then exit.

Runs alternate between the two; the best of several is kept for each (the machine is
shared, and the best run is the one least disturbed). Budget: gradflow < 1.2 × baseline.
Each child also reports when (after its own start) the first frame was painted, and the
slowest imports of one gradflow run (`python -X importtime`) are listed.

The children run with Python's bytecode cache on, as an installed gradflow runs (pip
compiles the `.pyc` files at install time): the first, untimed run writes it, even where
PYTHONDONTWRITEBYTECODE is set in the environment (this machine sets it; without the
cache every start compiles all ~180 modules from source, ~0.2 s that no user pays).

Run: python bench/startup.py [RUNS] [EXAMPLE]   (default 7 runs, sigmoid-neuron)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

BUDGET = 1.2

BASELINE = "import PySide6.QtWidgets, numpy, pyqtgraph, os; os._exit(0)"

APP = """
import time
t0 = time.perf_counter()
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from gradflow.app import load_target
from gradflow.ui.main_window import MainWindow

graph, path = load_target({example!r})
app = QApplication(sys.argv[:1])
window = MainWindow()
window.load_graph(graph, path)

class FirstFrame(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)  # after this paint has finished
        return False

def done():
    print(f"{{(time.perf_counter() - t0) * 1000:.1f}}", flush=True)
    os._exit(0)

first = FirstFrame()
window.view.viewport().installEventFilter(first)
window.show()
window.view.fit()
app.exec()
"""


def wall_ms(code: str, env: dict[str, str]) -> tuple[float, str]:
    """Wall time of `python -c code` in milliseconds, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return (time.perf_counter() - start) * 1000, done.stdout.strip()


def slowest_imports(code: str, env: dict[str, str], n: int = 12) -> list[tuple[float, str]]:
    """The `n` top-level-ish imports with the largest cumulative time (ms) in one run."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line[len("import time:") :].split("|")
        depth = (len(name) - len(name.lstrip())) // 2
        if depth <= 1:
            rows.append((int(cumulative) / 1000, name.strip()))
    return sorted(rows, reverse=True)[:n]


def main() -> int:
    """Print the best times and the ratio against the budget."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    example = sys.argv[2] if len(sys.argv) > 2 else "sigmoid-neuron"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # time what an installed copy does (above)
    env["GRADFLOW_SETTINGS"] = os.path.join(tempfile.mkdtemp(), "startup.ini")
    app_code = APP.format(example=example)
    wall_ms(BASELINE, env)  # warm the file and bytecode caches for both
    wall_ms(app_code, env)
    base, app, first = [], [], []
    for _ in range(runs):
        base.append(wall_ms(BASELINE, env)[0])
        ms, printed = wall_ms(app_code, env)
        app.append(ms)
        first.append(float(printed))
    b, a = min(base), min(app)
    print(f"start-up, best of {runs} runs each (offscreen, example {example!r})")
    mid = runs // 2
    print(
        f"import PySide6.QtWidgets, numpy, pyqtgraph: {b:7.1f} ms (median {sorted(base)[mid]:.1f})"
    )
    print(f"gradflow window, first frame painted:      {a:7.1f} ms (median {sorted(app)[mid]:.1f})")
    print(f"  (inside the child: first frame at {min(first):.1f} ms after its first line)")
    verdict = "fits" if a / b < BUDGET else "over"
    print(f"ratio: {a / b:.2f} × the imports (budget < {BUDGET}: {verdict})")
    print("slowest imports of one gradflow run (cumulative ms, depth ≤ 1):")
    for ms, name in slowest_imports(app_code, env):
        print(f"  {ms:7.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
