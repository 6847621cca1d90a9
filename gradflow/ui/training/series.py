"""ui.training: growing numpy columns for live plots - appends are amortised O(1).

A plot of 100,000 iterations must not copy its data on every batch of new points, so
`Series` keeps preallocated float arrays that double in capacity when full, and hands
out views of the filled part.
"""

from __future__ import annotations

import numpy as np


class Series:
    """Named float columns of equal length that grow by doubling."""

    def __init__(self, columns: int, capacity: int = 1024) -> None:
        self._data = np.empty((columns, capacity))
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def append(self, rows: np.ndarray) -> None:
        """Add rows (shape (k, columns), or (columns,) for one row)."""
        rows = np.atleast_2d(np.asarray(rows, dtype=float))
        end = self._n + len(rows)
        if end > self._data.shape[1]:
            grown = np.empty((self._data.shape[0], max(end, 2 * self._data.shape[1])))
            grown[:, : self._n] = self._data[:, : self._n]
            self._data = grown
        self._data[:, self._n : end] = rows.T
        self._n = end

    def column(self, i: int) -> np.ndarray:
        """A read-only view of the filled part of column i."""
        view = self._data[i, : self._n]
        view.flags.writeable = False
        return view

    def clear(self) -> None:
        """Forget every row (capacity is kept)."""
        self._n = 0


def ema(values: np.ndarray, alpha: float, start: float | None = None) -> np.ndarray:
    """Exponential moving average, seeded with `start` (or the first value)."""
    out = np.empty(len(values))
    acc = start
    for i, v in enumerate(values):
        acc = v if acc is None else alpha * v + (1 - alpha) * acc
        out[i] = acc
    return out
