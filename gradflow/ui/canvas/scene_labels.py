"""ui: placing the numbers of a GraphScene's wires - sliding each along its wire to clear
the node cards and the other numbers (label_layout.py does the geometry)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QFontMetricsF

from gradflow.core.engine import RunResult
from gradflow.core.graph import Edge, Graph
from gradflow.ui.canvas.edge_item import EdgeItem
from gradflow.ui.canvas.label_layout import (
    MAX_WIRES,
    candidate_spots,
    choose_spots,
    label_box,
    preferred_spot,
    steepness_cost,
)
from gradflow.ui.canvas.labels import widest_wire_text
from gradflow.ui.canvas.node_item import NodeItem
from gradflow.ui.canvas.style import font
from gradflow.ui.canvas.tensor_tile import wire_tile_height


def place_wire_labels(
    graph: Graph,
    result: RunResult,
    nodes: Mapping[str, NodeItem],
    edges: Mapping[Edge, EdgeItem],
    number_pt: float,
) -> None:
    """Slide each wire's numbers along it to clear the nodes and the other numbers
    (nothing past MAX_WIRES wires: they keep their preferred spot)."""
    items = list(edges.items())
    if not items or len(items) > MAX_WIRES:
        return
    metrics = QFontMetricsF(font(number_pt))
    half_h = metrics.height() / 2 + 2
    candidates = (  # lazy: a wire's later spots are computed only if needed
        (
            (t, label_box(p, half_w, half_h + tile_half, a), steepness_cost(a))
            for half_w in (  # room per wire: a tensor preview is wider
                metrics.horizontalAdvance(widest_wire_text(result, edge, "−0.1234")) / 2 + 6,
            )
            for tile_half in (wire_tile_height(result, edge) / 2,)
            for t in candidate_spots(preferred_spot(len(graph.out_edges(edge.src)) > 1))
            for p, a in (item.spot(t),)
        )
        for edge, item in items
    )
    obstacles = [  # the cards with their ports and a little air
        n.mapRectToScene(n.rect()).adjusted(-12, -4, 12, 4) for n in nodes.values()
    ]
    for (_edge, item), t in zip(items, choose_spots(candidates, obstacles), strict=True):
        if t != item.label_at:
            item.place_labels(t)
