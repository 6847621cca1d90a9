"""ui: where each wire's numbers go - slid along the wire until they clear nodes and other numbers.

Greedy, in wire order: each wire tries a few spots along its curve, preferred spot first,
and keeps the first whose box (value above and gradient below) overlaps no node and no
box already placed and is not steep, else the one costing least. Deterministic; skipped for very big
graphs, where the numbers are unreadable at the zoom that shows them all anyway.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF

from gradflow.ui.canvas.label_item import pill_centre, upper_normal

MAX_WIRES = 250
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
    normal, box = upper_normal(angle), QRectF()
    w, h = 2 * half_width, 2 * half_height
    for above in (True, False):
        c = anchor + pill_centre(normal, half_width, half_height, above)
        box = box.united(QRectF(c.x() - half_width, c.y() - half_height, w, h))
    return box


def steepness_cost(angle: float) -> float:
    """A small penalty for steep spots, where the numbers sit beside the wire (area units)."""
    return 300.0 * abs(math.sin(math.radians(angle)))


def overlap(box: QRectF, others: Sequence[QRectF]) -> float:
    """Total area `box` shares with `others`."""
    total = 0.0
    for other in others:
        inter = box.intersected(other)
        if not inter.isEmpty():
            total += inter.width() * inter.height()
    return total


def choose_spots(
    candidates: Sequence[Sequence[tuple[float, QRectF, float]]], obstacles: Sequence[QRectF]
) -> list[float]:
    """For each wire's (spot, box, extra cost) candidates, the spot to use.

    See the module docstring; the extra cost makes steep spots a last resort.
    """
    placed: list[QRectF] = []
    chosen: list[float] = []
    for options in candidates:
        best_t, best_box, best_cost = options[0][0], options[0][1], float("inf")
        for t, box, extra in options:
            cost = overlap(box, obstacles) + overlap(box, placed) + extra
            if cost < best_cost:
                best_t, best_box, best_cost = t, box, cost
            if cost == 0.0:
                break
        chosen.append(best_t)
        placed.append(best_box)
    return chosen
