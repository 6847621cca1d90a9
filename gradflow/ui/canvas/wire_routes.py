"""ui: WireRoutes - the waypoints core's router gave each wire, kept until its ends move.

The scene asks for waypoints when it draws a wire and says which wires moved; the
routing itself is core's (`gradflow.core.wire_route`). Moved and new wires wait, drawn
plain, until `route_pending` routes them all against one index of the node boxes (so an
auto-layout that moves every node routes every wire once, not once per node). While
nodes are dragged nothing is routed: a wire may pass under a node until it is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from gradflow.core.graph import Edge, Graph
from gradflow.core.wire_route import Obstacles, Route, node_boxes, route_wire, wire_ends

ROUTE_LIMIT = 5_000  # wires: beyond, plain curves (routing a 5,000-wire column takes seconds)
REROUTE_ALL = 2_000  # wires: up to this, a node that moved has every wire looked at again


class WireRoutes:
    """Waypoints per wire of the document's graph, and the wires waiting for a route."""

    def __init__(self, graph: Callable[[], Graph]) -> None:
        self._graph = graph
        self._routes: dict[Edge, Route] = {}
        self._pending: dict[Edge, None] = {}
        self._node_moved = False

    def waypoints(self, edge: Edge) -> Route:
        """The waypoints to draw `edge` through (empty: its plain curve)."""
        return self._routes.get(edge, ())

    def moved(self, edge: Edge) -> None:
        """An end of `edge` moved (or it is new): drawn plain until routed again."""
        self._routes.pop(edge, None)
        self._pending[edge] = None

    def node_moved(self) -> None:
        """A node moved: other wires may now pass under it, so (in a graph of modest
        size) every wire is looked at again at the next routing."""
        self._node_moved = True

    def forget(self, edge: Edge) -> None:
        """`edge` was removed."""
        self._routes.pop(edge, None)
        self._pending.pop(edge, None)

    def clear(self) -> None:
        """A new graph: forget every route."""
        self._routes.clear()
        self._pending.clear()
        self._node_moved = False

    @property
    def has_pending(self) -> bool:
        """Whether some wire waits for a route (or every wire, after a node moved)."""
        return bool(self._pending) or self._node_moved

    def route_pending(self) -> list[Edge]:
        """Route every waiting wire; the ones whose waypoints changed (to redraw)."""
        pending, self._pending = list(self._pending), {}
        graph = self._graph()
        if self._node_moved and len(graph.edges) <= REROUTE_ALL:
            pending = list(graph.edges)
        self._node_moved = False
        if not pending or len(graph.edges) > ROUTE_LIMIT:
            return []
        boxes = node_boxes(graph)
        obstacles = Obstacles(boxes)
        changed = []
        for edge in pending:
            if edge.src in boxes and edge.dst in boxes and edge in graph.out_edges(edge.src):
                start, end = wire_ends(graph, edge, boxes)
                route = route_wire(start, end, obstacles, (edge.src, edge.dst))
                if route != self._routes.get(edge, ()):
                    self._routes[edge] = route
                    changed.append(edge)
        return changed
