"""core: wire routes - waypoints that keep each wire out from under the nodes it passes.

Given where the nodes are, each wire gets waypoints (none when its plain curve is
clear). A wire going right passes every column of nodes on its way through a free gap
(the layered layout keeps one for it), nearest the straight line to its target; a wire
into a node left of (or level with) its source, a "back wire", leaves to the right,
goes round above or below the nodes between, and comes in from the left. Candidates are
checked with the very curve the canvas draws (`wire_curve.py`); the first clear one wins.
Pure numbers, no Qt: the canvas only draws what this returns.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping

from gradflow.core.geometry import node_size, port_offset
from gradflow.core.graph import Edge, Graph, Node
from gradflow.core.wire_curve import Bezier, Box, Point, bounds, curve_meets, wire_curve

CLEAR = 6.0  # air between a routed wire and a node
SIDE = 22.0  # how far beside its node a wire going round turns
Route = tuple[Point, ...]


def node_boxes(
    graph: Graph, size: Callable[[Node], tuple[float, float]] | None = None
) -> dict[str, Box]:
    """Each placed node's rectangle (left, top, right, bottom), as the canvas draws it."""
    boxes: dict[str, Box] = {}
    for nid, node in graph.nodes.items():
        if node.pos is not None:
            w, h = size(node) if size else node_size(node.n_inputs, node.n_outputs)
            x, y = node.pos
            boxes[nid] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return boxes


def wire_ends(graph: Graph, edge: Edge, boxes: Mapping[str, Box]) -> tuple[Point, Point]:
    """Where `edge` leaves its source's output port and meets its target's input port."""
    s, t = boxes[edge.src], boxes[edge.dst]
    n_out, n_in = graph.nodes[edge.src].n_outputs, graph.nodes[edge.dst].n_inputs
    start = (s[2], (s[1] + s[3]) / 2 + port_offset(edge.src_port, n_out))
    end = (t[0], (t[1] + t[3]) / 2 + port_offset(edge.dst_port, n_in))
    return start, end


class Obstacles:
    """Node boxes sorted by their left side, for "which boxes meet this x-range" queries."""

    def __init__(self, boxes: Mapping[str, Box]) -> None:
        items = sorted(boxes.items(), key=lambda kv: kv[1][0])
        self._ids = [nid for nid, _ in items]
        self._boxes = [box for _, box in items]
        self._lefts = [box[0] for box in self._boxes]
        self._widest = max((b[2] - b[0] for b in self._boxes), default=0.0)

    def between(self, x0: float, x1: float) -> list[tuple[str, Box]]:
        """The boxes reaching into the open x-range (x0, x1)."""
        lo = bisect_left(self._lefts, x0 - self._widest)
        hi = bisect_right(self._lefts, x1)
        return [
            (self._ids[i], self._boxes[i])
            for i in range(lo, hi)
            if self._boxes[i][2] > x0 and self._boxes[i][0] < x1
        ]

    def meeting(self, curve: list[Bezier]) -> list[str]:
        """The ids of the boxes the curve passes through."""
        left, top, right, bottom = bounds(curve)
        near = [(nid, b) for nid, b in self.between(left, right) if b[3] > top and b[1] < bottom]
        return [nid for nid, box in near if curve_meets(curve, box)]


def route_wires(graph: Graph, boxes: Mapping[str, Box] | None = None) -> dict[Edge, Route]:
    """Waypoints for every wire that needs them (a wire left out draws its plain curve)."""
    boxes = node_boxes(graph) if boxes is None else boxes
    obstacles = Obstacles(boxes)
    routes: dict[Edge, Route] = {}
    for edge in graph.edges:
        if edge.src in boxes and edge.dst in boxes:
            start, end = wire_ends(graph, edge, boxes)
            route = route_wire(start, end, obstacles, (edge.src, edge.dst))
            if route:
                routes[edge] = route
    return routes


def route_wire(start: Point, end: Point, obstacles: Obstacles, ends: tuple[str, str]) -> Route:
    """Waypoints for one wire (empty: the plain curve is clear); see the module docstring."""
    best: Route = ()
    fewest = _hits(start, (), end, obstacles, ends)
    if fewest == 0:
        return ()
    for route in _candidates(start, end, obstacles, ends):
        hits = _hits(start, route, end, obstacles, ends)
        if hits < fewest:
            best, fewest = route, hits
            if hits == 0:
                break
    return best


def _hits(start: Point, route: Route, end: Point, obstacles: Obstacles, ends: Iterable[str]) -> int:
    """How many boxes the drawn wire passes through; its own two count double (behind
    its own ends is worse than behind another node)."""
    met = obstacles.meeting(wire_curve(start, route, end))
    own = set(ends)
    return sum(2 if nid in own else 1 for nid in met)


def _candidates(
    start: Point, end: Point, obstacles: Obstacles, ends: tuple[str, str]
) -> list[Route]:
    """Routes to try, best first: through the columns' gaps, then round above or below."""
    found: list[Route] = []
    if end[0] - start[0] > 4 * CLEAR:
        through = _through_gaps(start, end, obstacles, ends)
        if through is not None:
            found.append(through)
    found.extend(_around(start, end, obstacles))
    return found


def _through_gaps(
    start: Point, end: Point, obstacles: Obstacles, ends: tuple[str, str]
) -> Route | None:
    """Across each column of boxes between the ends through the free gap nearest the
    straight line on; None if a column starts too close to an end to turn in time."""
    boxes = [b for nid, b in obstacles.between(start[0], end[0]) if nid not in ends]
    columns = _columns(boxes)
    if not columns or columns[0][0] - CLEAR <= start[0] or columns[-1][1] + CLEAR >= end[0]:
        return None
    route: list[Point] = []
    x, y = start
    for left, right, members in columns:
        ahead = y + (end[1] - y) * (left - x) / (end[0] - x)
        y = _nearest_free(ahead, members)
        route += [(left - CLEAR, y), (right + CLEAR, y)]
        x = right + CLEAR
    return tuple(route)


def _columns(boxes: list[Box]) -> list[tuple[float, float, list[Box]]]:
    """Boxes grouped into columns: runs overlapping in x (or too close to pass between)."""
    columns: list[tuple[float, float, list[Box]]] = []
    for box in sorted(boxes):
        if columns and box[0] < columns[-1][1] + 4 * CLEAR:
            left, right, members = columns[-1]
            members.append(box)
            columns[-1] = (left, max(right, box[2]), members)
        else:
            columns.append((box[0], box[2], [box]))
    return columns


def _free_gaps(members: list[Box]) -> list[tuple[float, float]]:
    """The y-ranges a wire may run in past these boxes (keeping CLEAR from each)."""
    spans = sorted((b[1] - CLEAR, b[3] + CLEAR) for b in members)
    gaps, low = [], float("-inf")
    for top, bottom in spans:
        if top > low:
            gaps.append((low, top))
        low = max(low, bottom)
    gaps.append((low, float("inf")))
    return gaps


def _nearest_free(y: float, members: list[Box]) -> float:
    """The y nearest `y` in a free gap past `members`."""
    best, gap = y, float("inf")
    for low, high in _free_gaps(members):
        at = min(max(y, low), high)
        if abs(at - y) < gap:
            best, gap = at, abs(at - y)
    return best


def _around(start: Point, end: Point, obstacles: Obstacles) -> list[Route]:
    """Out to the right, round above or below everything between, in from the left:
    one route per free lane, the lane nearest the ends' mean height first."""
    out_x, in_x = start[0] + SIDE, end[0] - SIDE
    lo, hi = min(out_x, in_x), max(out_x, in_x)
    members = [b for _, b in obstacles.between(lo - CLEAR, hi + CLEAR)]
    mid = (start[1] + end[1]) / 2
    lanes = []
    for low, high in _free_gaps(members):
        lanes.append(min(max(mid, low + CLEAR), high - CLEAR) if high - low > 2 * CLEAR else low)
    lanes.sort(key=lambda y: abs(y - mid))
    return [((out_x, start[1]), (out_x, y), (in_x, y), (in_x, end[1])) for y in lanes]
