"""core: would this wire be accepted? - `Graph.connect`'s verdict without changing the graph.

A wire being dragged is judged against every port it passes. Trying the connection on a
copy of the graph costs a copy of every node per port (a third of a second on 100,000
nodes); this works the verdict out on the graph as it is: the port checks, a walk for a
cycle, and the shapes of the wire's target - and of what it feeds only when the target's
shapes change. The message is the one `connect` would give.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from gradflow.core import limits
from gradflow.core.errors import GraphError
from gradflow.core.graph import Edge, Graph, Node, Shape
from gradflow.core.i18n import _
from gradflow.core.topo import downstream, reaches, topological_order

Shapes = tuple[Shape | None, ...]


def wire_refusal(
    graph: Graph,
    src: str,
    dst: str,
    src_port: int = 0,
    dst_port: int = 0,
    without: Edge | None = None,
) -> str | None:
    """Why `graph.connect(src, dst, src_port, dst_port)` would refuse (its message), or None.

    `without`: judge it as if that wire were already disconnected (a wire being re-routed).
    """
    try:
        _judge(graph, src, dst, src_port, dst_port, without)
    except GraphError as err:
        return str(err)
    return None


def _judge(
    graph: Graph, src: str, dst: str, src_port: int, dst_port: int, without: Edge | None
) -> None:
    if without is not None and without not in graph._edges:
        raise GraphError(_("there is no wire {wire}").format(wire=without))
    ins: dict[str, list[Edge | None]] = {}
    if without is not None:
        ins[without.dst] = list(graph._in[without.dst])
        ins[without.dst][without.dst_port] = None
    if without is not None and without.dst == dst and without.dst_port == dst_port:
        edge = _free_port_wire(graph, src, dst, src_port, dst_port, without)
    else:
        edge = graph.check_wire(src, dst, src_port, dst_port)
    a, b = graph.nodes[src], graph.nodes[dst]
    if src == dst or reaches(graph._out, dst, src, without):
        said = _("connecting {src} → {dst} would make a cycle")
        raise GraphError(said.format(src=a.title, dst=b.title))
    ins.setdefault(dst, list(graph._in[dst]))[dst_port] = edge
    try:
        _trial_shapes(graph, ins, without)
    except GraphError as err:
        said = _("cannot connect {src} → {dst}: {reason}")
        raise GraphError(said.format(src=a.title, dst=b.title, reason=err)) from None


def _free_port_wire(
    graph: Graph, src: str, dst: str, src_port: int, dst_port: int, without: Edge
) -> Edge:
    """check_wire's verdict with `without` (into this very port) taken away first."""
    taken = graph._in[dst]
    graph._in[dst] = [None if e == without else e for e in taken]
    try:
        return graph.check_wire(src, dst, src_port, dst_port)
    finally:
        graph._in[dst] = taken


def _trial_shapes(graph: Graph, ins: Mapping[str, list[Edge | None]], without: Edge | None) -> None:
    """Derive the shapes the changed in-ports give, and downstream while they change."""
    shapes: dict[str, Shapes] = {}
    changed = [nid for nid in ins if _retry(graph, graph.nodes[nid], ins[nid], shapes)]
    if not changed:
        return
    out = {nid: [e for e in graph._out[nid] if e != without] for nid in graph._out}
    affected = downstream(out, changed)
    order = topological_order(affected, [e for n in affected for e in out[n] if e.dst in affected])
    for nid in order:  # a port's new wire may feed another changed port: all in order
        _retry(graph, graph.nodes[nid], ins.get(nid, graph._in[nid]), shapes)
    total = graph._total_size + sum(_size(s) - graph._sizes.get(n, 0) for n, s in shapes.items())
    if graph.bounded and total > graph._total_size:
        limits.check_total(total)


def _retry(
    graph: Graph, node: Node, in_edges: list[Edge | None], shapes: dict[str, Shapes]
) -> bool:
    """Work out `node`'s shapes from `in_edges` (trial shapes first); True if they differ."""
    known: list[Shape] = []
    new: Shapes | None = None
    for e in in_edges:
        shape = None if e is None else shapes.get(e.src, graph._shapes[e.src])[e.src_port]
        if shape is None:
            new = (None,) * node.spec.n_outputs(node.attrs)
            break
        known.append(shape)
    if new is None:
        spec = node.spec
        try:
            new = spec.shape(tuple(known), node.attrs)
            if spec.check_values is not None:
                spec.check_values(tuple(_leaf_value(graph, e) for e in in_edges))
        except GraphError as err:
            raise GraphError(f"{node.title}: {err}") from None
        if graph.bounded and _size(new) > limits.max_elements():
            limits.check_node(node.title, new)
    if new == graph._shapes[node.id]:
        shapes.pop(node.id, None)
        return False
    shapes[node.id] = new
    return True


def _leaf_value(graph: Graph, e: Edge | None) -> np.ndarray | None:
    src = None if e is None else graph.nodes[e.src]
    leaf = src is not None and src.spec.arity == 0 and "value" in src.attrs
    return src.attrs["value"] if leaf and src is not None else None


def _size(shapes: Shapes) -> int:
    return sum(math.prod(s) for s in shapes if s is not None)
