"""nn: per-epoch snapshots of a run's parameters, for scrubbing back without re-training.

The trainer records the parameters once before the first step (epoch 0) and after every
epoch. Copies cost memory, so a run whose parameters are large keeps fewer snapshots:
at most `budget` floats in all; when full, every second snapshot is dropped (the first
and the newest stay), so the history always spans the whole run, more coarsely.
Iteration snapshots are not kept: an epoch is the unit a student scrubs through.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

BUDGET = 20_000_000  # floats (80 MB of float32) across all snapshots of one run


@dataclass(frozen=True)
class Snapshot:
    """The parameters as they were after `epoch` epochs (`iteration` steps)."""

    epoch: int
    iteration: int
    params: Mapping[str, np.ndarray]


class History:
    """The snapshots of one run, oldest first; thread-safe to read while a run appends."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self._items: list[Snapshot] = []

    def record(self, epoch: int, iteration: int, params: Mapping[str, np.ndarray]) -> None:
        """Keep a copy of `params` as the state after `epoch` epochs."""
        size = sum(int(p.size) for p in params.values())
        if size > self.budget:
            return  # not even one copy fits: this run has no history
        copy = {k: np.array(v, copy=True) for k, v in params.items()}
        items = [*self._items, Snapshot(epoch, iteration, copy)]
        while len(items) > 2 and size * len(items) > self.budget:
            items = [items[0], *items[2:-1:2], items[-1]]  # thin out, keep both ends
        self._items = items  # one assignment: a reader sees the old list or the new one

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i: int) -> Snapshot:
        return self._items[i]

    def epochs(self) -> list[int]:
        """The epoch of each snapshot, in order."""
        return [s.epoch for s in self._items]
