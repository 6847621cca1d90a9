"""core: auto-layout - places any graph left to right by depth, with no overlapping nodes.

Pure and deterministic: a node's column is its longest distance from a source; inside
a column, nodes are ordered by the mean row of the nodes that feed them (fewer crossing
wires), ties keeping insertion order. Positions are node centres.
"""

from __future__ import annotations

from collections.abc import Callable

from gradflow.core.geometry import COLUMN_GAP, ROW_GAP, node_size
from gradflow.core.graph import Graph, Node

Size = tuple[float, float]


def estimated_size(node: Node) -> Size:
    """A node's (width, height) as the canvas draws it: taller with more ports."""
    return node_size(node.n_inputs, node.n_outputs)


def depths(graph: Graph) -> dict[str, int]:
    """Each node's column: 0 for sources, else 1 + the deepest node feeding it."""
    depth: dict[str, int] = {}
    for nid in graph.topo_order():
        srcs = [e.src for e in graph.in_edges(nid) if e is not None]
        depth[nid] = 1 + max((depth[s] for s in srcs), default=-1)
    return depth


def auto_layout(
    graph: Graph,
    *,
    column_gap: float = COLUMN_GAP,
    row_gap: float = ROW_GAP,
    size: Callable[[Node], Size] = estimated_size,
) -> dict[str, tuple[float, float]]:
    """Centre positions for every node: columns by depth, rows stacked without overlap.

    Columns are `column_gap` apart (edge to edge) and each column is centred on y = 0.
    """
    depth = depths(graph)
    columns: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for nid in graph.nodes:  # insertion order, so ties are stable
        columns[depth[nid]].append(nid)
    row: dict[str, float] = {}
    positions: dict[str, tuple[float, float]] = {}
    x = 0.0
    for col in columns:
        col.sort(key=lambda nid: _barycentre(graph, nid, row))
        sizes = [size(graph.nodes[nid]) for nid in col]
        width = max(w for w, _ in sizes)
        total = sum(h for _, h in sizes) + row_gap * (len(col) - 1)
        y = -total / 2
        for i, (nid, (_, h)) in enumerate(zip(col, sizes, strict=True)):
            row[nid] = float(i)
            positions[nid] = (x + width / 2, y + h / 2)
            y += h + row_gap
        x += width + column_gap
    return positions


def _barycentre(graph: Graph, nid: str, row: dict[str, float]) -> float:
    rows = [row[e.src] for e in graph.in_edges(nid) if e is not None and e.src in row]
    return sum(rows) / len(rows) if rows else -1.0
