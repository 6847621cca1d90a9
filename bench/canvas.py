"""bench: canvas frame time for a 500-node, ~1,000-wire graph, and value edit → painted frame.

Every node is a 2-input gate except 4 inputs, so the graph has 992 wires (the most a
500-node graph of 2-input gates can have is 998). Nodes sit in layers of 20; each gate
takes two random nodes of the layer before. Times are medians of several runs, printed
against the 16 ms frame budget, offscreen, on the same machine and in the same process.

Run: python bench/canvas.py [N_NODES]   (default 500)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GRADFLOW_SETTINGS", os.devnull)

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from gradflow.core.engine import run
from gradflow.core.graph import Graph
from gradflow.core.layout import auto_layout
from gradflow.ui.canvas.view import DETAIL_ZOOM

BUDGET_MS = 16.0
N_NODES, N_INPUTS, LAYER = 500, 4, 20


def big_graph(seed: int = 0, n_nodes: int = N_NODES) -> Graph:
    """`n_nodes` nodes: 4 inputs, then layers of 2-input add/max gates fed by the layer before."""
    rng = random.Random(seed)
    g = Graph()
    prev = [g.add_node("input", f"x{i}", value=rng.uniform(-1, 1)) for i in range(N_INPUTS)]
    made = N_INPUTS
    while made < n_nodes:
        layer = []
        for _ in range(min(LAYER, n_nodes - made)):
            nid = g.add_node(rng.choice(("add", "max", "add")))
            a, b = rng.sample(prev, 2)
            g.connect(a, nid)
            g.connect(b, nid, 0, 1)
            layer.append(nid)
            made += 1
        prev = layer
    g.set_output(prev[-1])
    for nid, pos in auto_layout(g).items():
        g.set_pos(nid, pos)
    return g


def median_ms(fn: Callable[[], object], repeat: int = 25) -> float:
    """Median wall time of `fn` in milliseconds (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    """Print frame and edit times against the frame budget."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from gradflow.ui.main_window import MainWindow

    graph = big_graph(n_nodes=int(sys.argv[1]) if len(sys.argv) > 1 else N_NODES)
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    t0 = time.perf_counter()
    window.load_graph(graph)
    app.processEvents()
    load_ms = (time.perf_counter() - t0) * 1000
    view, scene = window.view, window.scene
    view.fit()
    fit_zoom = view.zoom()
    app.processEvents()
    size = view.viewport().size()
    source = view.mapToScene(view.viewport().rect()).boundingRect()
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)

    def scene_frame() -> None:
        painter = QPainter(image)
        painter.setRenderHints(view.renderHints())
        scene.render(painter, QRectF(image.rect()), source)
        painter.end()

    def view_frame() -> None:
        view.viewport().repaint()

    x0 = "x0"
    values = iter(v / 7 for v in range(10_000))

    def edit_to_frame() -> None:
        window.document.set_attr(x0, "value", next(values))
        app.processEvents()  # every queued update is painted: canvas, inspector, status bar

    spare = graph.copy()
    spare_values = iter(v / 3 for v in range(10_000))

    def core_only() -> None:
        spare.set_attr(x0, "value", next(spare_values))  # a new revision, as an edit makes
        run(spare, record=True, partial=True)

    def canvas_only() -> None:
        window.workspace.refresh_state()
        view.viewport().repaint()

    n_edges = len(graph.edges)
    rows = [
        ("scene.render into a view-sized QImage", median_ms(scene_frame)),
        ("view repaint (items cached)", median_ms(view_frame)),
        ("value edit → painted frame", median_ms(edit_to_frame)),
        ("  of which core: set value + run + trace", median_ms(core_only)),
        ("  of which canvas: numbers + repaint", median_ms(canvas_only)),
    ]
    view.reset_zoom()
    view.centerOn(scene.node_item(x0).scenePos())
    app.processEvents()
    bar = view.horizontalScrollBar()
    steps = iter(40 * (1 if i % 20 < 10 else -1) for i in range(10_000))

    def scroll_frame() -> None:
        bar.setValue(bar.value() + next(steps))
        app.processEvents()

    rows += [
        ("at 100 % zoom: view repaint", median_ms(view_frame)),
        ("at 100 % zoom: value edit → painted frame", median_ms(edit_to_frame)),
        ("  of which canvas: numbers + repaint", median_ms(canvas_only)),
        ("at 100 % zoom: scroll 40 px → painted", median_ms(scroll_frame)),  # last: it moves
    ]
    print(f"canvas: {len(graph)} nodes, {n_edges} wires, viewport {size.width()}×{size.height()}")
    print(f"(rows before '100 %': the whole graph fitted, {fit_zoom:.0%} zoom", end="")
    print(", numbers hidden)" if fit_zoom < DETAIL_ZOOM else ")")
    print(f"load + build items: {load_ms:.0f} ms (once per document)")
    for name, ms in rows:
        verdict = "fits" if ms <= BUDGET_MS else "over"
        print(f"{name:<40} {ms:7.1f} ms  = {ms / BUDGET_MS:4.2f} × the 16 ms budget ({verdict})")
    window.document.undo_stack.clear()
    window.document.mark_saved(os.devnull)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
