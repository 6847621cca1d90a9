"""core: the curve a wire is drawn as, from its two ends and the waypoints a route gives it.

One definition for the canvas (which strokes these cubic Béziers as they are) and for
the router and the tests (which sample them): a wire without waypoints is the usual
S-curve leaving to the right and arriving from the left; with waypoints it is joined
piece by piece, an S-curve for each piece going right (it stays inside the box of its
two points) and a straight line for each piece going up, down or left. Pure numbers.
"""

from __future__ import annotations

import itertools
import math

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom
Bezier = tuple[Point, Point, Point, Point]

PLAIN_BEND = 40.0  # the least bend of a wire without waypoints
STEP = 4.0  # scene units between the points a curve is checked against boxes with


def plain_curve(start: Point, end: Point) -> list[Bezier]:
    """The wire without waypoints: leaves to the right, arrives from the left."""
    bend = max(PLAIN_BEND, abs(end[0] - start[0]) * 0.5)
    return [(start, (start[0] + bend, start[1]), (end[0] - bend, end[1]), end)]


def wire_curve(start: Point, waypoints: tuple[Point, ...], end: Point) -> list[Bezier]:
    """The wire from `start` through `waypoints` to `end` (see the module docstring)."""
    if not waypoints:
        return plain_curve(start, end)
    points = [start, *waypoints, end]
    pieces: list[Bezier] = []
    for p, q in itertools.pairwise(points):
        if q[0] > p[0]:
            bend = (q[0] - p[0]) / 2
            pieces.append((p, (p[0] + bend, p[1]), (q[0] - bend, q[1]), q))
        else:
            dx, dy = (q[0] - p[0]) / 3, (q[1] - p[1]) / 3
            pieces.append((p, (p[0] + dx, p[1] + dy), (p[0] + 2 * dx, p[1] + 2 * dy), q))
    return pieces


def sample(curve: list[Bezier], step: float = STEP) -> list[Point]:
    """Points along the curve at most about `step` apart, its ends included (a polyline
    within a fraction of a unit of it)."""
    points = [curve[0][0]] if curve else []
    for p0, p1, p2, p3 in curve:
        if _straight(p0, p1, p2, p3):  # a line: its ends say it all
            points.append(p3)
            continue
        reach = math.dist(p0, p1) + math.dist(p1, p2) + math.dist(p2, p3)  # >= its length
        n = max(2, math.ceil(reach / step))
        for k in range(1, n + 1):
            t = k / n
            u = 1 - t
            a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            points.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return points


def _straight(p0: Point, p1: Point, p2: Point, p3: Point) -> bool:
    """Whether the cubic is a straight line (its control points on the chord)."""
    dx, dy = p3[0] - p0[0], p3[1] - p0[1]
    for p in (p1, p2):
        if abs((p[0] - p0[0]) * dy - (p[1] - p0[1]) * dx) > 1e-9 * (abs(dx) + abs(dy) + 1):
            return False
    return True


def bounds(curve: list[Bezier]) -> Box:
    """A box holding the whole curve (its control points' box)."""
    xs = [p[0] for piece in curve for p in piece]
    ys = [p[1] for piece in curve for p in piece]
    return min(xs), min(ys), max(xs), max(ys)


def segment_meets(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment a-b passes through the inside of `box` (touching is not)."""
    left, top, right, bottom = box
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - left), (dx, right - a[0]), (-dy, a[1] - top), (dy, bottom - a[1])):
        if p == 0:
            if q <= 0:
                return False
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 >= t1:
            return False
    return True


def polyline_meets(points: list[Point], box: Box) -> bool:
    """Whether any segment of the polyline passes through the inside of `box`."""
    return any(segment_meets(a, b, box) for a, b in itertools.pairwise(points))


def curve_meets(curve: list[Bezier], box: Box) -> bool:
    """Whether the curve (sampled) passes through the inside of `box`."""
    near = [piece for piece in curve if _overlaps(bounds([piece]), box)]
    return bool(near) and any(polyline_meets(sample([piece]), box) for piece in near)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
