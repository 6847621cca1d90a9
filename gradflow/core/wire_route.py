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

import math
from collections.abc import Callable, Iterable, Mapping

from gradflow.core.geometry import node_size, port_offset
from gradflow.core.graph import Edge, Graph, Node
from gradflow.core.wire_curve import Bezier, Box, Point, bounds, curve_meets, wire_curve

CLEAR = 6.0  # air between a routed wire and a node
SIDE = 22.0  # how far beside its node a wire going round turns
CELL = 240.0  # the obstacle grid's cell, in scene units
GRAZE = 4.0  # a wire this close to another node counts as meeting it (drawn, it may)
REACH = 600.0  # how far above and below its ends a wire looks for a lane
LANES = 3  # lanes tried per wire going round, nearest first
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
    """Node boxes bucketed in a coarse grid, so "which boxes meet this rectangle" looks
    only nearby (a 10,000-node column stays fast)."""

    def __init__(self, boxes: Mapping[str, Box], cell: float = CELL) -> None:
        self._cell = cell
        self._items = list(boxes.items())
        self._cells: dict[tuple[int, int], list[int]] = {}
        for k, (_, box) in enumerate(self._items):
            for key in self._keys(box):
                self._cells.setdefault(key, []).append(k)

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        c = self._cell
        xs = range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
        ys = range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)
        return [(i, j) for i in xs for j in ys]

    def within(self, area: Box) -> list[tuple[str, Box]]:
        """The boxes reaching into the open rectangle `area`, in insertion order."""
        left, top, right, bottom = area
        found = sorted({k for key in self._keys(area) for k in self._cells.get(key, ())})
        return [
            self._items[k]
            for k in found
            if self._items[k][1][2] > left
            and self._items[k][1][0] < right
            and self._items[k][1][3] > top
            and self._items[k][1][1] < bottom
        ]

    def meeting(self, curve: list[Bezier], ends: Iterable[str] = ()) -> list[str]:
        """The ids of the boxes the curve passes through or grazes.

        A box other than the wire's own `ends` counts from GRAZE outside it: a curve that
        only just clears a corner here may not once drawn (the canvas flattens the curve
        into its own polyline), so it is routed round instead.
        """
        own = set(ends)
        left, top, right, bottom = bounds(curve)
        area = (left - GRAZE, top - GRAZE, right + GRAZE, bottom + GRAZE)
        return [
            nid
            for nid, box in self.within(area)
            if curve_meets(curve, box if nid in own else _grown(box, GRAZE))
        ]


def _grown(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


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
    own = set(ends)
    met = obstacles.meeting(wire_curve(start, route, end), own)
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
    top, bottom = min(start[1], end[1]) - REACH, max(start[1], end[1]) + REACH
    area = (start[0], top, end[0], bottom)
    boxes = [b for nid, b in obstacles.within(area) if nid not in ends]
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
    top, bottom = min(start[1], end[1]) - REACH, max(start[1], end[1]) + REACH
    members = [b for _, b in obstacles.within((lo - CLEAR, top, hi + CLEAR, bottom))]
    mid = (start[1] + end[1]) / 2
    lanes = []
    for low, high in _free_gaps(members):
        lanes.append(min(max(mid, low + CLEAR), high - CLEAR) if high - low > 2 * CLEAR else low)
    lanes = sorted(lanes, key=lambda y: abs(y - mid))[:LANES]
    return [((out_x, start[1]), (out_x, y), (in_x, y), (in_x, end[1])) for y in lanes]
