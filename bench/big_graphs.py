"""bench: big graphs in the window - open a long chain, edit it, add a node, peak memory.

Each size runs in a fresh process (its peak RSS is its own, from `resource.getrusage`):
the chain is read from a `.gflow` file (edges listed backwards, no positions: the window
lays it out, as for a file written by another tool), shown in a 1280 x 800 MainWindow
until its first frame is painted (the layout and the first run timed apart), then a
node is added at the centre of the view and undone again, 15 times, each add timed until
the frame is painted; then the input's value is edited (5 times), a wire is checked as
a drag does, connected and undone, each until painted. The baseline, in the
same process, is the same add on a 100-node chain; the ratio says how much of the add
still grows with the graph.

    python bench/big_graphs.py [N ...]      (default 10,000 and 100,000 nodes)
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ADDS = 15
BASELINE_NODES = 100


def chain_file(folder: Path, n: int) -> Path:
    """A chain x0 -> neg -> ... of n nodes, edges from the output backwards, no positions."""
    nodes = [{"id": "x0", "op": "input", "value": 1.0}]
    nodes += [{"id": f"x{i}", "op": "neg"} for i in range(1, n)]
    edges = [{"from": f"x{i - 1}", "to": f"x{i}"} for i in range(n - 1, 0, -1)]
    path = folder / f"chain{n}.gflow"
    path.write_text(
        json.dumps({"format": "gradflow", "version": 1, "nodes": nodes, "edges": edges})
    )
    return path


def _child(path: str, baseline: str) -> None:
    """Open `path`, time adds; then the same adds on `baseline`. Prints one JSON line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("GRADFLOW_SETTINGS", os.devnull)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from gradflow.core.engine import run
    from gradflow.core.fileformat import load
    from gradflow.core.layout import auto_layout
    from gradflow.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    app.processEvents()

    def painted() -> None:
        app.processEvents()
        window.view.viewport().repaint()

    def adds() -> float:
        view, doc = window.view, window.document
        times = []
        for _ in range(ADDS):
            centre = view.mapToScene(view.viewport().rect().center())
            t0 = time.perf_counter()
            doc.add_node("add", pos=(centre.x(), centre.y()))
            painted()
            times.append(time.perf_counter() - t0)
            doc.undo_stack.undo()
            painted()
        return statistics.median(times)

    t0 = time.perf_counter()
    graph = load(path)
    t_load = time.perf_counter() - t0
    # the two passes the document makes on a file without positions, timed apart (the
    # plan the run compiles is kept on the graph, so the window's own run reuses it)
    t0 = time.perf_counter()
    for nid, pos in auto_layout(graph).items():
        graph.set_pos(nid, pos)
    t_layout = time.perf_counter() - t0
    t0 = time.perf_counter()
    run(graph, record=True, partial=True)
    t_run = time.perf_counter() - t0
    t0 = time.perf_counter()
    window.load_graph(graph)
    painted()
    t_open = time.perf_counter() - t0
    fit_items = _items(window.scene)
    window.view.look_at(window.scene.node_item("x1").pos(), 1.0)  # one end, at 100 %
    painted()
    near_items = _items(window.scene)
    t_add = adds()
    doc = window.document
    edits = []
    for k in range(5):  # a new value for the chain's input: every number downstream changes
        t0 = time.perf_counter()
        doc.set_attr("x0", "value", 2.0 + k)
        painted()
        edits.append(time.perf_counter() - t0)
    end = doc.add_node("add", pos=(0.0, 300.0))
    last = list(doc.graph.nodes)[-2]
    t0 = time.perf_counter()
    for _ in range(20):  # what a wire drag asks of every port it passes
        assert doc.refusal(last, end) is None
        assert doc.refusal("x1", "x2") is not None  # taken
    t_refusal = (time.perf_counter() - t0) / 40
    t0 = time.perf_counter()
    doc.add_edge(last, end)
    painted()
    t_connect = time.perf_counter() - t0
    t0 = time.perf_counter()
    doc.undo_stack.undo()
    painted()
    t_unconnect = time.perf_counter() - t0
    window.load_graph(load(baseline))
    painted()
    t_base = adds()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "load": t_load,
                "layout": t_layout,
                "run": t_run,
                "open": t_open,
                "edit": statistics.median(edits),
                "refusal": t_refusal,
                "connect": t_connect,
                "unconnect": t_unconnect,
                "fit_items": fit_items,
                "near_items": near_items,
                "add": t_add,
                "add_base": t_base,
                "peak_mb": peak_mb,
            }
        )
    )


def _items(scene) -> int:
    """Node and wire items made so far (all of them, before lazy items existed)."""
    live = getattr(scene, "live", None)
    return live.made if live is not None else len(scene.node_items()) + len(scene.edges())


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        baseline = chain_file(folder, BASELINE_NODES)
        for n in sizes:
            path = chain_file(folder, n)
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(path), str(baseline)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode:
                raise SystemExit(done.stderr)
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{n:,}-node chain in the window:")
            total = r["load"] + r["layout"] + r["run"] + r["open"]
            print(
                f"  open: read the file {r['load']:.2f} s + lay out {r['layout']:.2f} s + "
                f"first run and trace {r['run']:.2f} s + window until painted "
                f"{r['open']:.2f} s = {total:.2f} s"
            )
            print(
                f"  value edit -> painted frame: median {r['edit'] * 1000:.0f} ms; "
                f"wire check while dragging {r['refusal'] * 1e6:.0f} us; connect -> painted "
                f"{r['connect'] * 1000:.0f} ms, undo {r['unconnect'] * 1000:.0f} ms"
            )
            print(
                f"  items made: {r['fit_items']} fitted (overview), "
                f"{r['near_items']} after zooming to 100 % at one end"
            )
            print(
                f"  add a node -> painted frame: median {r['add'] * 1000:.1f} ms "
                f"(budget 16-33 ms); {r['add_base'] * 1000:.1f} ms on a "
                f"{BASELINE_NODES}-node chain, ratio {r['add'] / r['add_base']:.1f}"
            )
            print(f"  peak memory {r['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
