"""ui: PositionGrid - which nodes lie where, without a canvas item per node.

A big graph's canvas makes items only for the nodes in (or near) the view, so it needs
to ask "which nodes are in this rectangle?" of nodes that have no item. The grid files
each node id under the square cell its position falls in; a rectangle query visits only
the cells it meets. Adding, moving and removing a node cost one dictionary update each.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

CELL = 600.0  # scene units a side: a few node cards


Pos = tuple[float, float]
Cell = tuple[int, int]


def _cell(pos: Pos) -> Cell:
    return math.floor(pos[0] / CELL), math.floor(pos[1] / CELL)


def _inside(pos: Pos, box: tuple[float, float, float, float]) -> bool:
    """Strictly inside: moving or removing such a point leaves the box as it is."""
    return box[0] < pos[0] < box[2] and box[1] < pos[1] < box[3]


class PositionGrid:
    """Node ids filed by the grid cell of their position."""

    def __init__(self, positions: Iterable[tuple[str, Pos]] = ()) -> None:
        self._cells: dict[Cell, dict[str, None]] = {}
        self._where: dict[str, Cell] = {}
        self._pos: dict[str, Pos] = {}
        self._bounds: tuple[float, float, float, float] | None = None  # None: work it out
        cells, where, at = self._cells, self._where, self._pos
        for nid, pos in positions:  # `place` for a fresh grid, in one loop
            if nid in where:
                self.place(nid, pos)
                continue
            cell = (math.floor(pos[0] / CELL), math.floor(pos[1] / CELL))
            ids = cells.get(cell)
            if ids is None:
                ids = cells[cell] = {}
            ids[nid] = None
            where[nid] = cell
            at[nid] = pos

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, nid: object) -> bool:
        return nid in self._where

    def place(self, nid: str, pos: Pos) -> None:
        """File `nid` at `pos` (moving it if it was filed elsewhere)."""
        cell = _cell(pos)
        old = self._where.get(nid)
        if old != cell:
            if old is not None:
                self._drop_from(old, nid)
            self._cells.setdefault(cell, {})[nid] = None
            self._where[nid] = cell
        moved = self._pos.get(nid)
        self._pos[nid] = pos
        b = self._bounds
        if b is not None and (moved is None or _inside(moved, b)):  # the box only grows
            x, y = pos
            self._bounds = (min(b[0], x), min(b[1], y), max(b[2], x), max(b[3], y))
        else:
            self._bounds = None

    def remove(self, nid: str) -> None:
        """Forget `nid` (nothing if it was not filed)."""
        cell = self._where.pop(nid, None)
        pos = self._pos.pop(nid, None)
        if pos is not None and self._bounds is not None and not _inside(pos, self._bounds):
            self._bounds = None  # it was on the edge: the box may shrink
        if cell is not None:
            self._drop_from(cell, nid)

    def position(self, nid: str) -> Pos:
        """Where `nid` was filed."""
        return self._pos[nid]

    def ids_in(self, left: float, top: float, right: float, bottom: float, limit: int) -> list[str]:
        """Ids of nodes positioned inside the rectangle; at most `limit` + 1 of them (so a
        caller can tell "more than `limit`" without listing a whole huge graph)."""
        found: list[str] = []
        (c0, r0), (c1, r1) = _cell((left, top)), _cell((right, bottom))
        if (c1 - c0 + 1) * (r1 - r0 + 1) > 4 * len(self._cells):  # sparse: walk the cells
            cells: Iterable[Cell] = [
                c for c in self._cells if c0 <= c[0] <= c1 and r0 <= c[1] <= r1
            ]
        else:
            cells = ((c, r) for c in range(c0, c1 + 1) for r in range(r0, r1 + 1))
        for cell in cells:
            for nid in self._cells.get(cell, ()):
                x, y = self._pos[nid]
                if left <= x <= right and top <= y <= bottom:
                    found.append(nid)
                    if len(found) > limit:
                        return found
        return found

    def bounds(self) -> tuple[float, float, float, float] | None:
        """(left, top, right, bottom) of every filed position (None: empty)."""
        if not self._pos:
            return None
        if self._bounds is None:  # kept up to date as nodes come, move and go
            xs = [p[0] for p in self._pos.values()]
            ys = [p[1] for p in self._pos.values()]
            self._bounds = min(xs), min(ys), max(xs), max(ys)
        return self._bounds

    def _drop_from(self, cell: Cell, nid: str) -> None:
        members = self._cells[cell]
        del members[nid]
        if not members:
            del self._cells[cell]
