"""ui: where each wire's numbers go - slid along the wire until they clear nodes and other numbers.

Greedy, in wire order: each wire tries a few spots along its curve, preferred spot first,
and keeps the first whose box (value above and gradient below) overlaps no node and no
box already placed and is not steep (there the numbers slide aside, above-beside and
below-beside the wire), else the one costing least. Deterministic; skipped for very big
graphs, where the numbers are unreadable at the zoom that shows them all anyway.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPointF, QRectF

from gradflow.ui.canvas.label_item import pill_centre, wire_slope

MAX_WIRES = 300
SPOTS = (0.0, -0.12, 0.12, -0.24, 0.24, 0.36, -0.3)  # offsets from the preferred spot


def preferred_spot(fans_out: bool) -> float:
    """Early on a wire (converging wires are still apart there), late if its source fans out."""
    return 0.62 if fans_out else 0.38


def candidate_spots(preferred: float) -> list[float]:
    """Fractions along a wire to try, the preferred one first, all within 0.1 .. 0.9."""
    spots = [min(0.9, max(0.1, preferred + d)) for d in SPOTS]
    return list(dict.fromkeys(spots))


def label_box(anchor: QPointF, half_width: float, half_height: float, angle: float) -> QRectF:
    """The room a value (above) and a gradient (below) of typical width take at a wire point."""
    slope, box = wire_slope(angle), QRectF()
    w, h = 2 * half_width, 2 * half_height
    for above in (True, False):
        c = anchor + pill_centre(slope, half_width, half_height, above)
        box = box.united(QRectF(c.x() - half_width, c.y() - half_height, w, h))
    return box


def steepness_cost(angle: float) -> float:
    """A penalty for steep spots (over 20°), where the numbers slide aside off the wire."""
    return 600.0 * max(0.0, abs(wire_slope(angle)) - 0.36)


class RectIndex:
    """Rectangles bucketed in a coarse grid, so an overlap query looks only nearby."""

    def __init__(self, rects: Sequence[QRectF] = (), cell: float = 120.0) -> None:
        self._cell = cell
        self._rects: list[QRectF] = []
        self._cells: dict[tuple[int, int], list[int]] = {}
        for rect in rects:
            self.add(rect)

    def _keys(self, rect: QRectF) -> list[tuple[int, int]]:
        c = self._cell
        xs = range(math.floor(rect.left() / c), math.floor(rect.right() / c) + 1)
        ys = range(math.floor(rect.top() / c), math.floor(rect.bottom() / c) + 1)
        return [(i, j) for i in xs for j in ys]

    def add(self, rect: QRectF) -> None:
        """Index one more rectangle."""
        self._rects.append(rect)
        for key in self._keys(rect):
            self._cells.setdefault(key, []).append(len(self._rects) - 1)

    def overlaps(self, box: QRectF) -> list[float]:
        """The area `box` shares with each indexed rectangle it meets."""
        near = dict.fromkeys(i for key in self._keys(box) for i in self._cells.get(key, ()))
        areas = []
        for i in near:
            inter = box.intersected(self._rects[i])
            if not inter.isEmpty():
                areas.append(inter.width() * inter.height())
        return areas

    def overlap(self, box: QRectF) -> float:
        """Total area `box` shares with the indexed rectangles."""
        return sum(self.overlaps(box))


def overlap_cost(areas: Iterable[float]) -> float:
    """What overlapping costs: more than the area, growing faster for deep overlaps.

    So where no spot is free, a box squeezed between two nodes sits in the middle,
    overlapping each a little, rather than deep into one.
    """
    return sum(a + a * a / 1000.0 for a in areas)


def choose_spots(
    candidates: Iterable[Iterable[tuple[float, QRectF, float]]], obstacles: Sequence[QRectF]
) -> list[float]:
    """For each wire's (spot, box, extra cost) candidates, the spot to use.

    See the module docstring; the extra cost makes steep spots a last resort. Candidates
    may be lazy: a wire's later spots are only computed if the earlier ones are taken.
    """
    taken = RectIndex(obstacles)
    chosen: list[float] = []
    for options in candidates:
        best_t, best_box, best_cost = 0.5, QRectF(), float("inf")
        for t, box, extra in options:
            cost = overlap_cost(taken.overlaps(box)) + extra
            if cost < best_cost:
                best_t, best_box, best_cost = t, box, cost
            if cost == 0.0:
                break
        chosen.append(best_t)
        taken.add(best_box)
    return chosen
