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

Values = tuple[np.ndarray, ...]


def _frozen(floats: list[float]) -> np.ndarray:
    arr = np.array(floats, dtype=np.float64)
    arr.flags.writeable = False
    return arr


def build_trace(plan: ScalarPlan, back: BackPlan, v: list[float], eg: list[float]) -> Trace:
    """Forward steps for every node in topological order, then backward steps."""
    return Trace(ScalarSteps(plan, back, v, eg), len(plan.ids))


class ScalarSteps(Sequence[Step]):
    """The steps of a scalar run, each made (and kept) when first read.

    Every number is one cached 0-d array, shared by the steps and the end state's maps,
    so a label comparing by identity sees the same array whichever it came from.
    """

    def __init__(self, plan: ScalarPlan, back: BackPlan, v: list[float], eg: list[float]) -> None:
        self.plan, self.back, self._v, self._eg = plan, back, v, eg
        self._values, self._grads = _frozen(v), _frozen(eg)
        self._n = len(plan.ids) + len(back.active)
        self._made: dict[int, Step] = {}
        self._value_views: dict[int, np.ndarray] = {}
        self._grad_views: dict[int, np.ndarray] = {}
        self._extra: dict[int, tuple[Values, Values]] = {}
        self._seed: np.ndarray | None = None

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> Step: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Step, ...]: ...

    def __getitem__(self, i: int | slice) -> Step | tuple[Step, ...]:
        if isinstance(i, slice):  # the steps made already straight from the cache
            made = self._made
            return tuple(made[j] if j in made else self[j] for j in range(*i.indices(self._n)))
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

    def forward_slot(self, node_id: str) -> int | None:
        """The index of `node_id`'s forward step (its slot in the plan), None if it has none."""
        return self.plan.slot.get(node_id)

    # --- the numbers, one array each -------------------------------------------------------
    def value(self, i: int) -> np.ndarray:
        """Node slot i's value."""
        view = self._value_views.get(i)
        if view is None:
            view = self._value_views[i] = self._values[i, ...]
        return view

    def grad(self, k: int) -> np.ndarray:
        """The gradient sent along edge slot k."""
        view = self._grad_views.get(k)
        if view is None:
            view = self._grad_views[k] = self._grads[k, ...]
        return view

    def sums_and_locals(self, i: int) -> tuple[Values, Values]:
        """Node slot i's port sums and local derivatives (a node that gets a gradient)."""
        done = self._extra.get(i)
        if done is None:
            done = self._extra[i] = _sums_and_locals(self.plan, self.back, self._v, self._eg, i)
        return done

    def final(self, edges: Sequence[Edge]) -> tuple[Mapping[Any, Any], ...]:
        """(node values, node gradients, wire values, wire gradients) after the last step;
        the wire values are those of `edges` that leave a computed node."""
        # a partial run's part, or another graph's wires: as the walk would find them
        same = tuple(edges) == self.plan.edges
        wires: Mapping[Edge, np.ndarray] = WireValues(self) if same else SomeWireValues(self, edges)
        return FinalValues(self), FinalGrads(self), wires, WireGrads(self)

    def _make(self, i: int) -> Step:
        plan = self.plan
        edges = plan.edges
        if i < len(plan.ids):
            ins = plan.ins[i]
            src = tuple(self.value(plan.slot[edges[k].src]) for k in ins)
            outs = (self.value(i),) * plan.n_outputs[i]
            return ForwardStep(i, plan.ids[i], plan.ops[i], src, tuple(edges[k] for k in ins), outs)
        back = self.back
        node = back.active[i - len(plan.ids)]
        sums, local = self.sums_and_locals(node)
        arrivals = tuple(Arrival(edges[k], self.grad(k)) for k in back.outs[node])
        if node == back.output:
            if self._seed is None:
                self._seed = _frozen([1.0])[0, ...]
            arrivals = (Arrival(None, self._seed), *arrivals)
        shown: tuple[np.ndarray | None, ...] = tuple(local)
        if plan.specs[node].local is None:
            shown = (None,) * len(local)  # e.g. copy: its rule is a sum, not a derivative
        down = tuple((edges[k], self.grad(k)) for k in back.down[node])
        return BackwardStep(i, plan.ids[node], plan.ops[node], arrivals, sums, shown, down)


def _sums_and_locals(
    plan: ScalarPlan, back: BackPlan, v: list[float], eg: list[float], i: int
) -> tuple[Values, Values]:
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


class FinalValues(Mapping[str, Values]):
    """node_values at the end: every node's outputs, in topological order."""

    def __init__(self, steps: ScalarSteps) -> None:
        self._steps = steps

    def __getitem__(self, node_id: str) -> Values:
        plan = self._steps.plan
        i = plan.slot[node_id]
        return (self._steps.value(i),) * plan.n_outputs[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._steps.plan.ids)

    def __len__(self) -> int:
        return len(self._steps.plan.ids)


class FinalGrads(Mapping[str, Values]):
    """node_grads at the end: dL/d(each output port) of the nodes that get a gradient."""

    def __init__(self, steps: ScalarSteps) -> None:
        self._steps = steps
        self._active = frozenset(steps.back.active)

    def __getitem__(self, node_id: str) -> Values:
        i = self._steps.plan.slot[node_id]
        if i not in self._active:
            raise KeyError(node_id)
        return self._steps.sums_and_locals(i)[0]

    def __iter__(self) -> Iterator[str]:
        ids = self._steps.plan.ids
        return (ids[i] for i in self._steps.back.active)

    def __len__(self) -> int:
        return len(self._active)


class _ByEdge:
    """A map keyed by the plan's wires."""

    def __init__(self, steps: ScalarSteps) -> None:
        self._steps = steps

    def slot(self, edge: Edge) -> int:
        return self._steps.plan.edge_slot(edge)  # a KeyError for a wire of another graph


class WireValues(_ByEdge, Mapping[Edge, np.ndarray]):
    """edge_values at the end: every wire's value, in the order the steps reveal them."""

    def __getitem__(self, edge: Edge) -> np.ndarray:
        self.slot(edge)
        return self._steps.value(self._steps.plan.slot[edge.src])

    def __iter__(self) -> Iterator[Edge]:
        plan = self._steps.plan
        return (plan.edges[k] for outs in plan.outs for k in outs)

    def __len__(self) -> int:
        return len(self._steps.plan.edges)


class SomeWireValues(Mapping[Edge, np.ndarray]):
    """edge_values at the end for a given list of wires: those whose source was computed,
    in the order the forward steps reveal them (by source, then in the list's order)."""

    def __init__(self, steps: ScalarSteps, edges: Sequence[Edge]) -> None:
        self._steps = steps
        slot = steps.plan.slot
        by_src: dict[int, list[Edge]] = {}
        for e in edges:
            i = slot.get(e.src)
            if i is not None and e.src_port < steps.plan.n_outputs[i]:
                by_src.setdefault(i, []).append(e)
        self._order = [e for i in sorted(by_src) for e in by_src[i]]
        self._index: dict[Edge, int] | None = None

    def __getitem__(self, edge: Edge) -> np.ndarray:
        if self._index is None:
            slot = self._steps.plan.slot
            self._index = {e: slot[e.src] for e in self._order}
        return self._steps.value(self._index[edge])

    def __iter__(self) -> Iterator[Edge]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)


class WireGrads(_ByEdge, Mapping[Edge, np.ndarray]):
    """edge_grads at the end: the gradient along each wire that carries one."""

    def __init__(self, steps: ScalarSteps) -> None:
        super().__init__(steps)
        self._carries = frozenset(steps.back.edge_order)

    def __getitem__(self, edge: Edge) -> np.ndarray:
        k = self.slot(edge)
        if k not in self._carries:
            raise KeyError(edge)
        return self._steps.grad(k)

    def __iter__(self) -> Iterator[Edge]:
        edges = self._steps.plan.edges
        return (edges[k] for k in self._steps.back.edge_order)

    def __len__(self) -> int:
        return len(self._carries)
