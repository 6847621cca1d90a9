"""core: wiring many edges at once in linear time - how files and pastes are loaded.

`Graph.connect` checks each new wire for a cycle and re-derives the shapes downstream,
which is right for one edit but quadratic for a file whose edges run from the output
backwards. `connect_many` links every wire, then checks cycles and shapes once. When
something is wrong it finds the first edge that `connect` would have refused (a binary
search over prefixes, each checked in linear time) and raises that edge's own message,
so a file gets the same located error whatever order its edges are in.
"""

from __future__ import annotations

from collections.abc import Sequence

from gradflow.core.errors import GraphError
from gradflow.core.graph import Edge, Graph
from gradflow.core.i18n import _


class WiringError(GraphError):
    """Edge number `index` of a `connect_many` batch cannot be wired; nothing was changed."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.index = index


def connect_many(graph: Graph, edges: Sequence[Edge]) -> None:
    """Wire `edges` in order, validating once; all or nothing.

    Raises WiringError carrying the index of the first edge that `graph.connect` would
    refuse if they were wired one by one, with the message it would give.
    """
    graph._check_writable()  # a frozen graph refuses a batch too (wires are linked below
    # the public mutations)
    linked: list[Edge] = []
    refused: WiringError | None = None
    ins, shapes = graph._in, graph._shapes
    for i, e in enumerate(edges):
        free = ins.get(e.dst)
        plain = (  # what check_wire would accept, looked at without making messages
            free is not None
            and e.src != e.dst
            and type(e.dst_port) is int
            and 0 <= e.dst_port < len(free)
            and free[e.dst_port] is None
            and type(e.src_port) is int
            and 0 <= e.src_port < len(shapes.get(e.src, ()))
        )
        if plain:
            edge = e if type(e) is Edge else Edge(e.src, e.dst, e.src_port, e.dst_port)
        else:
            try:
                edge = graph.check_wire(e.src, e.dst, e.src_port, e.dst_port)
                if edge.src == edge.dst:
                    graph.connect(*_args(edge))  # raises the cycle message
            except GraphError as err:
                refused = WiringError(str(err), i)
                break
        graph._link(edge)
        linked.append(edge)
    if _valid(graph, linked):
        if refused is None:
            graph._changed()
            return
        _unlink(graph, linked)
        raise refused
    _unlink(graph, linked)
    first = _first_invalid(graph, linked)
    _link(graph, linked[:first])
    _valid(graph, linked[:first])  # true: this prefix is the longest valid one
    try:
        graph.connect(*_args(linked[first]))
    except GraphError as err:
        refused = WiringError(str(err), first)
    else:  # not expected: the search found this edge invalid
        graph._unlink(linked[first])
        refused = WiringError(_("cannot connect {wire}").format(wire=linked[first]), first)
    _unlink(graph, linked[:first])
    raise refused


def _args(edge: Edge) -> tuple[str, str, int, int]:
    return edge.src, edge.dst, edge.src_port, edge.dst_port


def _valid(graph: Graph, linked: Sequence[Edge]) -> bool:
    """Whether the graph with `linked` wired has no cycle and only good shapes."""
    try:
        graph._update_shapes(list(dict.fromkeys(e.dst for e in linked)))
    except GraphError:
        return False
    return True


def _link(graph: Graph, edges: Sequence[Edge]) -> None:
    for e in edges:
        graph._link(e)


def _unlink(graph: Graph, edges: Sequence[Edge]) -> None:
    """Remove `edges` and re-derive the shapes they had changed (the rest was valid)."""
    for e in edges:
        graph._unlink(e)
    graph._update_shapes(list(dict.fromkeys(e.dst for e in edges)))


def _first_invalid(graph: Graph, edges: Sequence[Edge]) -> int:
    """The smallest i such that wiring edges[: i + 1] is invalid (edges[:] is invalid)."""
    lo, hi = 0, len(edges) - 1  # edges[:lo] is valid; edges[: hi + 1] is not
    while lo < hi:
        mid = (lo + hi) // 2
        _link(graph, edges[: mid + 1])
        ok = _valid(graph, edges[: mid + 1])
        _unlink(graph, edges[: mid + 1])
        if ok:
            lo = mid + 1
        else:
            hi = mid
    return lo
