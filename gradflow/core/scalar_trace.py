"""core: the trace of a scalar fast-path run - the same steps the general engine records.

The floats of the run are packed into read-only float64 arrays once, and every number a
step shows is a 0-d view into them. Steps are made when they are first read (a window
on a 100,000-node chain reads a handful of them), and the state at the end of the
trace - every value and gradient - is handed out as the run's own lazy mappings
(`ScalarSteps.final`), so neither walks the whole run in Python.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from gradflow.core.graph import Edge
from gradflow.core.scalar_results import port_sums
from gradflow.core.trace import Arrival, BackwardStep, ForwardStep, Step, Trace

if TYPE_CHECKING:  # the plan module calls this one
    from gradflow.core.scalar_plan import BackPlan, ScalarPlan
    from gradflow.core.scalar_results import EdgeGrads, NodeGrads, NodeValues

Values = tuple[np.ndarray, ...]


def _frozen(floats: list[float]) -> np.ndarray:
    arr = np.array(floats, dtype=np.float64)
    arr.flags.writeable = False
    return arr


def build_trace(
    plan: ScalarPlan,
    back: BackPlan,
    v: list[float],
    eg: list[float],
    results: tuple[NodeValues, NodeGrads, EdgeGrads],
) -> Trace:
    """Forward steps for every node in topological order, then backward steps."""
    steps = ScalarSteps(plan, back, v, eg, results)
    return Trace(steps, len(plan.ids))


class ScalarSteps(Sequence[Step]):
    """The steps of a scalar run, each made (and kept) when first read."""

    def __init__(
        self,
        plan: ScalarPlan,
        back: BackPlan,
        v: list[float],
        eg: list[float],
        results: tuple[NodeValues, NodeGrads, EdgeGrads],
    ) -> None:
        self._plan, self._back, self._v = plan, back, v
        self._values, self._grads = _frozen(v), _frozen(eg)
        self._eg = eg
        self._results = results
        self._n = len(plan.ids) + len(back.active)
        self._made: dict[int, Step] = {}

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> Step: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Step, ...]: ...

    def __getitem__(self, i: int | slice) -> Step | tuple[Step, ...]:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(self._n)))
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("trace step out of range")
        step = self._made.get(i)
        if step is None:
            step = self._made[i] = self._make(i)
        return step

    def __iter__(self) -> Iterator[Step]:
        return (self[i] for i in range(self._n))

    def final(self, edges: Sequence[Edge]) -> tuple[Mapping[Any, Any], ...] | None:
        """(node values, node gradients, wire values, wire gradients) after the last step,
        if `edges` are the wires of the run's graph (else None: walk the steps)."""
        if tuple(edges) != self._plan.edges:
            return None
        values, grads, edge_grads = self._results
        return values, grads, WireValues(self._plan, values), edge_grads

    def _make(self, i: int) -> Step:
        plan, values = self._plan, self._values
        edges = plan.edges
        if i < len(plan.ids):
            ins = plan.ins[i]
            src = tuple(values[plan.slot[edges[k].src], ...] for k in ins)
            outs = (values[i, ...],) * plan.n_outputs[i]
            return ForwardStep(i, plan.ids[i], plan.ops[i], src, tuple(edges[k] for k in ins), outs)
        back, grads = self._back, self._grads
        node = back.active[i - len(plan.ids)]
        sums, local = _sums_and_locals(plan, back, self._v, self._eg, node)
        arrivals = tuple(Arrival(edges[k], grads[k, ...]) for k in back.outs[node])
        if node == back.output:
            arrivals = (Arrival(None, _frozen([1.0])[0, ...]), *arrivals)
        shown: tuple[np.ndarray | None, ...] = tuple(local)
        if plan.specs[node].local is None:
            shown = (None,) * len(local)  # e.g. copy: its rule is a sum, not a derivative
        down = tuple((edges[k], grads[k, ...]) for k in back.down[node])
        return BackwardStep(i, plan.ids[node], plan.ops[node], arrivals, sums, shown, down)


def _sums_and_locals(
    plan: ScalarPlan, back: BackPlan, v: list[float], eg: list[float], i: int
) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Node i's port sums and local derivatives, as read-only 0-d arrays."""
    sums = port_sums(eg, back.groups[i], i == back.output)
    srcs = [plan.slot[plan.edges[k].src] for k in plan.ins[i]]
    local: tuple[float, ...] = ()
    if srcs:
        a, b = v[srcs[0]], v[srcs[-1]]
        rule = plan.specs[i].scalar
        assert rule is not None  # the plan admits only ops with a scalar rule
        local = rule.local(a, b, v[i], plan.consts[i])[: len(srcs)]
    packed = _frozen([*sums, *local])
    return (
        tuple(packed[j, ...] for j in range(len(sums))),
        tuple(packed[j, ...] for j in range(len(sums), len(packed))),
    )


class WireValues(Mapping[Edge, np.ndarray]):
    """wire_values[e]: the value a wire carries (its source port's), every wire of the run."""

    def __init__(self, plan: ScalarPlan, values: NodeValues) -> None:
        self._plan, self._values = plan, values
        self._slot: dict[Edge, int] | None = None

    def __getitem__(self, edge: Edge) -> np.ndarray:
        if self._slot is None:
            self._slot = {e: k for k, e in enumerate(self._plan.edges)}
        if edge not in self._slot:
            raise KeyError(edge)  # a wire of another graph
        return self._values[edge.src][edge.src_port]

    def __iter__(self) -> Iterator[Edge]:
        edges = self._plan.edges  # in the order the steps reveal them: by source node
        return (edges[k] for outs in self._plan.outs for k in outs)

    def __len__(self) -> int:
        return len(self._plan.edges)
