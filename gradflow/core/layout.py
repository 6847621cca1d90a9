"""core: auto-layout - a layered (Sugiyama-style) placement, left to right, nothing overlapping.

Layers and the order inside them come from `layering.py` (longest path, dummies for long
edges, barycentre sweeps); here each layer becomes a column and each node a row. Rows
are placed so that wires run as straight as they can: every node is pulled towards the
ports it is wired to, then the column is made legal again with the least movement
(isotonic regression by pool-adjacent-violators), a few rounds down and up. A dummy
keeps a thin slot of its own, so a wire crossing a column passes between its nodes.
Pure and deterministic. Positions are node centres; `depths` is the longest-path column.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from gradflow.core.gc_pause import paused_gc
from gradflow.core.geometry import COLUMN_GAP, ROW_GAP, node_size, port_offset
from gradflow.core.graph import Graph, Node
from gradflow.core.layering import DUMMY, SWEEPS, Layered, depths, layered

__all__ = ["auto_layout", "depths", "estimated_size"]

Size = tuple[float, float]
DUMMY_HEIGHT = 12.0  # the slot a wire crossing a column keeps
DUMMY_GAP = 14.0  # between a dummy slot and its neighbours, edge to edge
ROUNDS = 4  # down-and-up rounds of straightening
BIG = 3000  # nodes: beyond, one sweep and rows stacked (too small to read whole anyway)


def estimated_size(node: Node) -> Size:
    """A node's (width, height) as the canvas draws it: taller with more ports."""
    return node_size(node.n_inputs, node.n_outputs)


def auto_layout(
    graph: Graph,
    *,
    column_gap: float = COLUMN_GAP,
    row_gap: float = ROW_GAP,
    size: Callable[[Node], Size] = estimated_size,
) -> dict[str, tuple[float, float]]:
    """Centre positions for every node: a column per layer, rows without overlap.

    Columns are `column_gap` apart (edge to edge); neighbours in a column at least
    `row_gap` apart (a dummy slot and its neighbours `DUMMY_GAP`).
    """
    with paused_gc():  # see core.gc_pause
        return _auto_layout(graph, column_gap, row_gap, size)


def _auto_layout(
    graph: Graph, column_gap: float, row_gap: float, size: Callable[[Node], Size]
) -> dict[str, tuple[float, float]]:
    big = len(graph) > BIG
    lay = layered(graph, sweeps=1 if big else SWEEPS)
    if size is estimated_size:  # the size depends on the port counts only: one per kind
        kinds: dict[tuple[int, int], Size] = {}
        sizes = {}
        for nid, n in graph.nodes.items():
            key = (n.n_inputs, n.n_outputs)
            sizes[nid] = kinds.get(key) or kinds.setdefault(key, node_size(*key))
    else:
        sizes = {nid: size(graph.nodes[nid]) for nid in graph.nodes}
    heights = {nid: sizes[nid][1] if nid in sizes else DUMMY_HEIGHT for nid in lay.ports}
    ys = _rows(lay, heights, row_gap, rounds=0 if big else ROUNDS)
    positions: dict[str, tuple[float, float]] = {}
    x = 0.0
    for layer in lay.layers:
        real = [nid for nid in layer if not nid.startswith(DUMMY)]
        width = max((sizes[nid][0] for nid in real), default=0.0)
        for nid in real:
            positions[nid] = (x + width / 2, ys[nid])
        x += width + column_gap
    return {nid: positions[nid] for nid in graph.nodes}


def _rows(lay: Layered, heights: dict[str, float], row_gap: float, rounds: int) -> dict[str, float]:
    """Each id's row centre: stacked first, then straightened round by round."""
    gaps = [_separations(layer, heights, row_gap) for layer in lay.layers]
    y: dict[str, float] = {}
    for layer, seps in zip(lay.layers, gaps, strict=True):
        if len(layer) == 1:
            y[layer[0]] = 0.0
            continue
        total = sum(seps)
        offset = -total / 2
        for nid, at in zip(layer, _prefix(seps), strict=True):
            y[nid] = offset + at
    if not rounds:
        return y
    links: dict[str, list[tuple[str, float]]] = {}  # id: (neighbour, its port minus mine)
    for a, pa, b, pb in lay.hops:
        da, db = _port_y(lay, a, pa, True), _port_y(lay, b, pb, False)
        links.setdefault(a, []).append((b, db - da))
        links.setdefault(b, []).append((a, da - db))
    order = list(range(len(lay.layers)))
    for _ in range(rounds):
        moved = 0.0
        for i in [*order, *reversed(order)]:
            moved = max(moved, _straighten(lay.layers[i], y, links, gaps[i]))
        if moved < 0.5:  # settled
            break
    return y


def _straighten(
    layer: list[str],
    y: dict[str, float],
    links: dict[str, list[tuple[str, float]]],
    seps: list[float],
) -> float:
    """Pull one column's rows towards their wired ports, legally; how far the most moved."""
    want, weight = [], []
    for nid in layer:
        near = [y[o] + d for o, d in links.get(nid, ())]
        want.append(sum(near) / len(near) if near else y[nid])
        weight.append(float(max(1, len(near))))
    rows = want if len(layer) == 1 else _legal(want, weight, seps)
    moved = 0.0
    for nid, value in zip(layer, rows, strict=True):
        moved = max(moved, abs(value - y[nid]))
        y[nid] = value
    return moved


def _separations(layer: list[str], heights: dict[str, float], row_gap: float) -> list[float]:
    """Least distance between the centres of each row and the next."""
    seps = []
    for a, b in itertools.pairwise(layer):
        gap = DUMMY_GAP if a.startswith(DUMMY) or b.startswith(DUMMY) else row_gap
        seps.append((heights[a] + heights[b]) / 2 + gap)
    return seps


def _prefix(seps: list[float]) -> list[float]:
    out, at = [0.0], 0.0
    for s in seps:
        at += s
        out.append(at)
    return out


def _port_y(lay: Layered, nid: str, port: int, is_output: bool) -> float:
    """A port's height above (-) or below (+) its node's centre, as the canvas puts it."""
    count = lay.ports[nid][1 if is_output else 0]
    return port_offset(port, count)


def _legal(want: list[float], weight: list[float], seps: list[float]) -> list[float]:
    """The rows closest to `want` (weighted least squares) keeping every separation.

    With z_i = y_i - (sum of the separations above i) the constraint is z non-decreasing:
    isotonic regression, solved exactly by pooling adjacent violators.
    """
    offsets = _prefix(seps)
    blocks: list[list[float]] = []  # [mean, weight, count]
    for w_i, (value, off) in zip(weight, zip(want, offsets, strict=True), strict=True):
        blocks.append([value - off, w_i, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, n2 = blocks.pop()
            m1, w1, n1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    z = [mean for mean, _, count in blocks for _ in range(int(count))]
    return [zi + off for zi, off in zip(z, offsets, strict=True)]
