"""core: the layers of a layered (Sugiyama-style) layout and the order of nodes in each.

Layers by longest path (a source sits one layer before its first consumer, so a
parameter stands next to the gate that uses it); an edge spanning several layers gets
one dummy point per layer it crosses, so its wire keeps a slot of its own between the
nodes; the order inside each layer comes from barycentre sweeps, down and up, keeping
the order with the fewest crossings. Pure and deterministic (ties keep insertion order).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from gradflow.core.graph import Edge, Graph

SWEEPS = 6  # down-and-up pairs of barycentre sweeps
DUMMY = "\x00"  # dummy ids start with this (no user id can: labels and ids are printable)


@dataclass
class Layered:
    """Layers of ids (real nodes and dummies, top to bottom) and the hops between them.

    A hop is (upper id, its output port, lower id, its input port) between neighbouring
    layers; `chains` gives each long edge's dummies, source side first.
    """

    layers: list[list[str]]
    hops: list[tuple[str, int, str, int]]
    chains: dict[Edge, list[str]] = field(default_factory=dict)
    ports: dict[str, tuple[int, int]] = field(default_factory=dict)  # id: (inputs, outputs)


def depths(graph: Graph) -> dict[str, int]:
    """Each node's column by longest path: 0 for sources, else 1 + the deepest feeder."""
    feeders: dict[str, list[str]] = {nid: [] for nid in graph.nodes}
    for edge in graph.edges:
        feeders[edge.dst].append(edge.src)
    depth: dict[str, int] = {}
    for nid in graph.topo_order():
        fed = feeders[nid]
        if len(fed) == 1:  # a chain's node: no generator for one feeder
            depth[nid] = depth[fed[0]] + 1
        else:
            depth[nid] = 1 + max((depth[s] for s in fed), default=-1)
    return depth


def layer_of(graph: Graph) -> dict[str, int]:
    """Longest-path layers with each source pulled right, next to its first consumer."""
    depth = depths(graph)
    first_use: dict[str, int] = {}
    fed = set()
    for edge in graph.edges:
        fed.add(edge.dst)
        used = first_use.get(edge.src)
        if used is None or depth[edge.dst] < used:
            first_use[edge.src] = depth[edge.dst]
    for nid, used in first_use.items():
        if nid not in fed:
            depth[nid] = used - 1
    return depth


def layered(graph: Graph, sweeps: int = SWEEPS) -> Layered:
    """The layers, dummies and crossing-reduced order of `graph` (`sweeps` down-and-up
    pairs of barycentre sweeps; 0 keeps insertion order)."""
    layer = layer_of(graph)
    n_layers = max(layer.values(), default=-1) + 1
    layers: list[list[str]] = [[] for _ in range(n_layers)]
    shapes = graph.shapes()  # one entry per output port
    ports = {nid: (n.spec.arity, len(shapes[nid])) for nid, n in graph.nodes.items()}
    for nid in graph.nodes:  # insertion order, so ties are stable
        layers[layer[nid]].append(nid)
    hops: list[tuple[str, int, str, int]] = []
    chains: dict[Edge, list[str]] = {}
    for k, edge in enumerate(graph.edges):
        top, bottom = layer[edge.src], layer[edge.dst]
        prev, prev_port = edge.src, edge.src_port
        chain = []
        for depth in range(top + 1, bottom):
            dummy = f"{DUMMY}{k}:{depth}"
            layers[depth].append(dummy)
            ports[dummy] = (1, 1)
            chain.append(dummy)
            hops.append((prev, prev_port, dummy, 0))
            prev, prev_port = dummy, 0
        hops.append((prev, prev_port, edge.dst, edge.dst_port))
        if chain:
            chains[edge] = chain
    result = Layered(layers, hops, chains, ports)
    if sweeps:
        order_layers(result, sweeps)
    return result


def order_layers(lay: Layered, sweeps: int = SWEEPS) -> None:
    """Reorder each layer in place by barycentre sweeps (fewest crossings found wins)."""
    wide = [i for i, layer in enumerate(lay.layers) if len(layer) > 1]  # the others stay
    if not wide:
        return
    layer_no = {nid: i for i, layer in enumerate(lay.layers) for nid in layer}
    below: dict[str, list[tuple[str, float, float]]] = {}
    above: dict[str, list[tuple[str, float, float]]] = {}
    for a, pa, b, pb in lay.hops:
        below.setdefault(b, []).append((a, _port_at(lay, a, pa, True), _port_at(lay, b, pb, False)))
        above.setdefault(a, []).append((b, _port_at(lay, b, pb, False), _port_at(lay, a, pa, True)))
    best = [list(layer) for layer in lay.layers]
    best_cost = crossings(lay.layers, below, layer_no)
    for sweep in range(2 * sweeps):
        if best_cost == 0:
            break
        downward = sweep % 2 == 0
        for i in wide if downward else reversed(wide):
            if (downward and i == 0) or (not downward and i == len(lay.layers) - 1):
                continue
            ref = lay.layers[i - 1] if downward else lay.layers[i + 1]
            pos = {nid: j for j, nid in enumerate(ref)}
            links = below if downward else above
            _sort_by_barycentre(lay.layers[i], links, pos)
        cost = crossings(lay.layers, below, layer_no)
        if cost < best_cost:
            best, best_cost = [list(layer) for layer in lay.layers], cost
    lay.layers[:] = best


def _port_at(lay: Layered, nid: str, port: int, is_output: bool) -> float:
    """A port's place inside its node's slot, from -0.4 (top) to 0.4 (bottom)."""
    count = lay.ports[nid][1 if is_output else 0]
    return 0.0 if count <= 1 else 0.8 * port / (count - 1) - 0.4


def _sort_by_barycentre(
    layer: list[str], links: dict[str, list[tuple[str, float, float]]], pos: dict[str, int]
) -> None:
    """Sort one layer by the mean place of its neighbours; a node without any keeps its
    place (stable), so the sweep never scrambles what it cannot judge."""
    keys = {}
    for j, nid in enumerate(layer):
        near = [pos[o] + po - pm for o, po, pm in links.get(nid, ()) if o in pos]
        keys[nid] = sum(near) / len(near) if near else float(j)
    layer.sort(key=lambda nid: keys[nid])


def crossings(
    layers: Sequence[Sequence[str]],
    below: dict[str, list[tuple[str, float, float]]],
    layer_no: dict[str, int],
) -> int:
    """How many pairs of hops cross, counted layer pair by layer pair (inversions)."""
    total = 0
    for i in range(1, len(layers)):
        if len(layers[i - 1]) == 1 and len(layers[i]) == 1:
            continue  # hops between the same two nodes: no order can change them
        upper = {nid: j for j, nid in enumerate(layers[i - 1])}
        pairs = sorted(
            (upper[a] + pa, j + pb)
            for j, b in enumerate(layers[i])
            for a, pa, pb in below.get(b, ())
            if layer_no.get(a) == i - 1
        )
        seen: list[float] = []
        for _, lower in pairs:  # each earlier hop ending further down crosses this one
            k = bisect_right(seen, lower)
            total += len(seen) - k
            seen.insert(k, lower)
    return total
