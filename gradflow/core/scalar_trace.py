"""core: the trace of a scalar fast-path run - the same steps the general engine records.

The floats of the run are packed into read-only float64 arrays once, and every number a
step shows is a 0-d view into them, which is far cheaper than one array per number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from gradflow.core.scalar_results import port_sums
from gradflow.core.trace import Arrival, BackwardStep, ForwardStep, Step, Trace

if TYPE_CHECKING:  # the plan module calls this one
    from gradflow.core.scalar_plan import BackPlan, ScalarPlan


def _frozen(floats: list[float]) -> np.ndarray:
    arr = np.array(floats, dtype=np.float64)
    arr.flags.writeable = False
    return arr


def build_trace(plan: ScalarPlan, back: BackPlan, v: list[float], eg: list[float]) -> Trace:
    """Forward steps for every node in topological order, then backward steps."""
    values, grads = _frozen(v), _frozen(eg)
    edges, ids, ops = plan.edges, plan.ids, plan.ops
    steps: list[Step] = []
    for i, nid in enumerate(ids):
        ins = plan.ins[i]
        src = tuple(values[plan.slot[edges[k].src], ...] for k in ins)
        out = values[i, ...]
        steps.append(
            ForwardStep(
                i, nid, ops[i], src, tuple(edges[k] for k in ins), (out,) * plan.n_outputs[i]
            )
        )
    extra, offsets = _sums_and_locals(plan, back, v, eg)
    packed = _frozen(extra)
    seed = Arrival(None, packed[0, ...])
    for i in back.active:
        start, n_sums, n_local = offsets[i]
        arrivals = tuple(Arrival(edges[k], grads[k, ...]) for k in back.outs[i])
        if i == back.output:
            arrivals = (seed, *arrivals)
        sums = tuple(packed[j, ...] for j in range(start, start + n_sums))
        local: tuple[np.ndarray | None, ...] = tuple(
            packed[j, ...] for j in range(start + n_sums, start + n_sums + n_local)
        )
        if plan.specs[i].local is None:
            local = (None,) * len(local)  # e.g. copy: its rule is a sum, not a derivative
        down = tuple((edges[k], grads[k, ...]) for k in back.down[i])
        steps.append(BackwardStep(len(steps), ids[i], ops[i], arrivals, sums, local, down))
    return Trace(tuple(steps), len(ids))


def _sums_and_locals(
    plan: ScalarPlan, back: BackPlan, v: list[float], eg: list[float]
) -> tuple[list[float], dict[int, tuple[int, int, int]]]:
    """Per active node: its port sums and local derivatives, in one flat list (seed first)."""
    extra = [1.0]
    offsets: dict[int, tuple[int, int, int]] = {}
    for i in back.active:
        sums = port_sums(eg, back.groups[i], i == back.output)
        srcs = [plan.slot[plan.edges[k].src] for k in plan.ins[i]]
        local: tuple[float, ...] = ()
        if srcs:
            a, b = v[srcs[0]], v[srcs[-1]]
            rule = plan.specs[i].scalar
            assert rule is not None  # the plan admits only ops with a scalar rule
            local = rule.local(a, b, v[i], plan.consts[i])[: len(srcs)]
        offsets[i] = (len(extra), len(sums), len(local))
        extra.extend(sums)
        extra.extend(local)
    return extra, offsets
