"""ui: a tensor drawn as a small heat-map tile - one cell per entry, on a diverging scale.

A vector is a column (the lecture's convention), a matrix keeps its rows. The scale is
centred on 0 and spans the tensor's largest magnitude; values run purple (negative) to
green (positive), gradients blue to red, so a value tile never reads as a gradient tile.
Big tensors are sampled down to at most MAX_CELLS a side (the exact numbers are in the
tooltip and the inspector).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

MAX_CELLS = 12
TILE_SIDE = 72.0  # scene pixels the longer side of a tile takes, at most
MIN_CELL, MAX_CELL = 5.0, 12.0
# (negative end, positive end) of each diverging map; 0 is the label's background
MAPS = {
    "value": (QColor("#7b3294"), QColor("#17803d")),
    "grad": (QColor("#1f5fbf"), QColor("#c62828")),
}


def tile_cells(arr: np.ndarray) -> np.ndarray:
    """The entries to draw as a 2-D grid: a vector as a column, sampled to MAX_CELLS."""
    a = np.asarray(arr, dtype=np.float64)
    grid = a.reshape(-1, 1) if a.ndim == 1 else a.reshape(a.shape[0], -1)
    rows = np.linspace(0, grid.shape[0] - 1, min(grid.shape[0], MAX_CELLS)).round().astype(int)
    cols = np.linspace(0, grid.shape[1] - 1, min(grid.shape[1], MAX_CELLS)).round().astype(int)
    return grid[np.ix_(rows, cols)]


def cell_side(cells: np.ndarray) -> float:
    """Scene pixels per cell: small tensors get big cells, big ones small cells."""
    return max(MIN_CELL, min(MAX_CELL, TILE_SIDE / max(cells.shape)))


def tile_size(cells: np.ndarray) -> tuple[float, float]:
    """Width and height of the tile in scene pixels."""
    side = cell_side(cells)
    return cells.shape[1] * side, cells.shape[0] * side


def cell_colour(v: float, scale: float, kind: str, base: QColor) -> QColor:
    """`v`'s colour: `base` at 0, the map's end colour at ±scale (NaN: grey)."""
    if not np.isfinite(v):
        return QColor("#888888")
    neg, pos = MAPS.get(kind, MAPS["value"])
    end = pos if v >= 0 else neg
    t = min(1.0, abs(v) / scale) if scale > 0 else 0.0
    return QColor(
        round(base.red() + (end.red() - base.red()) * t),
        round(base.green() + (end.green() - base.green()) * t),
        round(base.blue() + (end.blue() - base.blue()) * t),
    )


def paint_tile(
    painter: QPainter, at: QRectF, cells: np.ndarray, kind: str, base: QColor, edge: QColor
) -> None:
    """Draw the cells into `at` (its top-left corner; size from `tile_size`)."""
    finite = cells[np.isfinite(cells)]
    scale = float(np.max(np.abs(finite))) if finite.size else 0.0
    side = cell_side(cells)
    painter.setPen(Qt.PenStyle.NoPen)
    for i in range(cells.shape[0]):
        for j in range(cells.shape[1]):
            painter.setBrush(cell_colour(float(cells[i, j]), scale, kind, base))
            painter.drawRect(QRectF(at.left() + j * side, at.top() + i * side, side, side))
    painter.setPen(QPen(edge, 0.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    w, h = tile_size(cells)
    painter.drawRect(QRectF(at.left(), at.top(), w, h))


def wire_tile_height(result, edge) -> float:  # (RunResult, Edge)
    """The height a wire's tile adds to its labels (0 for numbers): room for the layout."""
    value = result.edge_value(edge)
    if value is None or value.ndim == 0 or value.size <= 2:
        return 0.0
    return tile_size(tile_cells(value))[1] + 2
