"""core: the scalar fast path's results - read-only mappings that make 0-d arrays on demand.

A run over 100,000 scalar nodes computes 100,000 floats in a fraction of the time numpy
needs to wrap them, so values and gradients are converted only when someone reads them.
Keys and their order are those of the general engine's dictionaries.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import numpy as np

from gradflow.core.graph import Edge

if TYPE_CHECKING:
    from gradflow.core.scalar_plan import BackPlan, ScalarPlan

Values = tuple[np.ndarray, ...]


def port_sums(eg: list[float], groups: tuple[tuple[int, ...], ...], seeded: bool) -> list[float]:
    """dL/d(each output port): the seed 1 first if this is the output, then each arrival."""
    sums: list[float] = []
    for port, group in enumerate(groups):
        total: float | None = 1.0 if seeded and port == 0 else None
        for k in group:
            total = eg[k] if total is None else total + eg[k]
        sums.append(0.0 if total is None else total)
    return sums


class _FloatArray:
    """A list of floats turned into one float64 array the first time it is needed."""

    def __init__(self, floats: list[float]) -> None:
        self.floats = floats
        self._array: np.ndarray | None = None

    def at(self, i: int) -> np.ndarray:
        """Entry i as a 0-d array (a view into the shared array)."""
        if self._array is None:
            self._array = np.array(self.floats, dtype=np.float64)
        return self._array[i, ...]


class NodeValues(Mapping[str, Values]):
    """values[id]: one 0-d array per output port (a copy's ports all carry its input)."""

    def __init__(
        self,
        ids: tuple[str, ...],
        slot: Mapping[str, int],
        n_outputs: tuple[int, ...],
        floats: list[float],
    ) -> None:
        self._ids, self._slot, self._n_outputs = ids, slot, n_outputs
        self._floats = _FloatArray(floats)

    def __getitem__(self, node_id: str) -> Values:
        i = self._slot[node_id]
        return (self._floats.at(i),) * self._n_outputs[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def non_finite(self) -> list[str]:
        """The nodes whose value is inf or NaN (one pass over the floats, no arrays made)."""
        floats = self._floats.floats
        if all(map(math.isfinite, floats)):
            return []
        return [nid for nid, i in self._slot.items() if not math.isfinite(floats[i])]


class NodeGrads(Mapping[str, Values]):
    """grads[id]: dL/d(each output port), for the nodes that receive a gradient."""

    def __init__(self, plan: ScalarPlan, back: BackPlan, eg: list[float]) -> None:
        self._plan, self._back, self._eg = plan, back, eg
        self._active = frozenset(back.active)

    def __getitem__(self, node_id: str) -> Values:
        i = self._plan.slot[node_id]
        if i not in self._active:
            raise KeyError(node_id)
        sums = port_sums(self._eg, self._back.groups[i], i == self._back.output)
        return tuple(np.array(s) for s in sums)

    def __iter__(self) -> Iterator[str]:
        return (self._plan.ids[i] for i in self._back.active)

    def __len__(self) -> int:
        return len(self._back.active)

    def non_finite(self) -> list[str]:
        """The nodes whose gradient - summed over their output ports, as `report.node_grad`
        gives it - is inf or NaN (two finite ports of a copy can overflow in the sum).

        When every wire's gradient is finite and small enough that no node's sum of at
        most k of them (over all its ports, and the seed 1) can overflow, no node's is:
        one pass over the floats instead of summing each node's ports."""
        eg = self._eg
        if all(map(math.isfinite, eg)):
            groups = self._back.groups.values()
            terms = 1 + max((sum(len(g) for g in gs) for gs in groups), default=0)
            if terms * max(1.0, max(map(abs, eg), default=0.0)) < sys.float_info.max:
                return []
        return [nid for nid in self if not math.isfinite(_total(self[nid]))]


def _total(ports: Values) -> float:
    """The ports' gradients summed in order, as floats (an overflow gives inf)."""
    total = float(ports[0])
    for g in ports[1:]:
        total += float(g)
    return total


class EdgeGrads(Mapping[Edge, np.ndarray]):
    """edge_grads[e]: the gradient sent back along wire e, for the wires that carry one."""

    def __init__(self, plan: ScalarPlan, back: BackPlan, eg: list[float]) -> None:
        self._plan, self._back = plan, back
        self._floats = _FloatArray(eg)
        self._slot: dict[Edge, int] | None = None

    def __getitem__(self, edge: Edge) -> np.ndarray:
        if self._slot is None:
            self._slot = {self._plan.edges[k]: k for k in self._back.edge_order}
        return self._floats.at(self._slot[edge])

    def __iter__(self) -> Iterator[Edge]:
        return (self._plan.edges[k] for k in self._back.edge_order)

    def __len__(self) -> int:
        return len(self._back.edge_order)
