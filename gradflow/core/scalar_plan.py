"""core: the scalar fast path - a graph of 0-d values compiled to flat lists of floats.

When every value in a graph is a scalar, numpy's per-call overhead dwarfs the arithmetic.
This module compiles such a graph once per structure revision into index lists (node, edge
slots) and runs forward and backward on plain Python floats with the rules of
`scalar_ops`, in exactly the order the general engine uses, so the results agree bit for
bit. Results are handed back as lazy mappings that make 0-d arrays only when read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from gradflow.core.errors import GraphError
from gradflow.core.graph import Edge, Graph, Node
from gradflow.core.op_spec import Op, ScalarForward, ScalarLocal
from gradflow.core.scalar_results import EdgeGrads, NodeGrads, NodeValues, port_sums
from gradflow.core.scalar_trace import build_trace
from gradflow.core.trace import Trace


class ForwardOp(NamedTuple):
    """slot = fn(value[a], value[b], c); a unary op reads its input twice (b = a)."""

    fn: ScalarForward
    slot: int
    a: int
    b: int
    c: float


class BackwardOp(NamedTuple):
    """One non-leaf node's backward step on floats.

    `up` is the gradient slot of its single out edge, or -1 to sum `groups` (plus the
    seed when `seeded`); the gradients `up · local` go to edge slots `ea` and `eb`.
    """

    up: int
    groups: tuple[tuple[int, ...], ...]
    seeded: bool
    local: ScalarLocal
    zero_guard: bool
    slot: int
    a: int
    b: int
    ea: int
    eb: int
    c: float


@dataclass(frozen=True)
class BackPlan:
    """The backward pass for one output and one choice of which gradients are wanted.

    `active` lists the node slots that receive a gradient, in backward order; `outs[i]`
    their gradient-carrying out edges in creation order, `groups[i]` the same per output
    port; `down[i]` the edges a node sends gradients down; `program` the non-leaf steps.
    """

    output: int
    active: tuple[int, ...]
    outs: Mapping[int, tuple[int, ...]]
    groups: Mapping[int, tuple[tuple[int, ...], ...]]
    down: Mapping[int, tuple[int, ...]]
    program: tuple[tuple[Any, ...], ...]  # BackwardOp fields, as plain tuples
    edge_order: tuple[int, ...]


@dataclass(frozen=True)
class ScalarPlan:
    """A scalar graph flattened: node slots in topological order and its edge slots."""

    structure_revision: int
    ids: tuple[str, ...]
    ops: tuple[str, ...]
    specs: tuple[Op, ...]
    n_outputs: tuple[int, ...]
    slot: Mapping[str, int]
    leaves: tuple[tuple[int, Node], ...]
    forward: tuple[tuple[Any, ...], ...]  # ForwardOp fields, as plain tuples
    edges: tuple[Edge, ...]
    ins: tuple[tuple[int, ...], ...]  # edge slots into each node, by input port
    outs: tuple[tuple[int, ...], ...]  # edge slots out of each node, in creation order
    consts: tuple[float, ...]
    trainable: tuple[bool, ...]
    back_plans: dict[tuple[int, bool], BackPlan] = field(default_factory=dict)
    edge_index: dict[Edge, int] = field(default_factory=dict)  # see `edge_slot`
    base: list[Any] = field(default_factory=lambda: [-1, []])  # [revision, leaf floats]

    def edge_slot(self, edge: Edge) -> int:
        """The slot of one of the plan's wires (KeyError for another); the index is made
        the first time, once per structure, not once per run."""
        if not self.edge_index:
            self.edge_index.update((e, k) for k, e in enumerate(self.edges))
        return self.edge_index[edge]

    def base_values(self, graph: Graph) -> list[float]:
        """Every slot's starting float: the leaves' current values (cached per revision)."""
        if self.base[0] != graph.revision:
            floats = [0.0] * len(self.ids)
            for i, node in self.leaves:
                floats[i] = float(node.attrs["value"])
            self.base[:] = [graph.revision, floats]
        floats_now: list[float] = self.base[1]
        return floats_now


SCALAR_OUT = ((),)  # the shapes of a node with one scalar output
NO_BACKWARD = BackPlan(-1, (), {}, {}, {}, (), ())  # a forward-only run's back plan


def compile_scalar(graph: Graph) -> ScalarPlan | None:
    """The scalar plan of `graph`, or None if some value is not a float64 scalar.

    Cached per structure revision: editing a value to another float keeps the plan.
    """
    cached = getattr(graph, "_gradflow_scalar_plan", None)
    if cached is not None and cached[0] == graph.structure_revision:
        plan_now: ScalarPlan | None = cached[1]
        return plan_now
    plan = _compile(graph)
    graph._gradflow_scalar_plan = (graph.structure_revision, plan)  # type: ignore[attr-defined]
    return plan


def _compile(graph: Graph) -> ScalarPlan | None:
    if graph.missing_inputs():
        return None
    shapes = graph.shapes()
    ids = graph.topo_order()
    slot = {nid: i for i, nid in enumerate(ids)}
    edges = graph.edges
    nodes = graph.nodes
    # edge slots by port and in creation order (the order `out_edges` keeps), found
    # without hashing an Edge (a Python-level __hash__) per wire end
    in_slots: dict[str, list[int]] = {nid: [0] * len(p) for nid, p in graph._in.items()}
    out_slots: dict[str, list[int]] = {nid: [] for nid in ids}
    for k, e in enumerate(edges):
        in_slots[e.dst][e.dst_port] = k
        out_slots[e.src].append(k)
    leaves: list[tuple[int, Node]] = []
    # Programs hold plain tuples: CPython unpacks an exact tuple about 3x faster than a
    # NamedTuple, which matters in loops that do little else.
    forward: list[tuple[Any, ...]] = []
    ops, specs, n_outputs, consts, trainable = [], [], [], [], []
    ins: list[tuple[int, ...]] = []
    outs: list[tuple[int, ...]] = []
    for i, nid in enumerate(ids):
        node = nodes[nid]
        spec = node.spec
        shp = shapes[nid]
        if shp != SCALAR_OUT and any(s != () for s in shp):  # one scalar output: usual
            return None
        c = spec.constant(node.attrs)
        ops.append(node.op)
        specs.append(spec)
        n_outputs.append(len(shapes[nid]))
        consts.append(c)
        trainable.append(bool(node.attrs.get("trainable", True)))
        ins.append(tuple(in_slots[nid]))  # every port is wired (no missing inputs)
        outs.append(tuple(out_slots[nid]))
        if spec.is_leaf:
            if node.attrs["value"].dtype != np.float64:
                return None  # float32 leaves must keep computing in float32
            leaves.append((i, node))
            continue
        rule = spec.scalar
        if rule is None:
            return None
        src = [slot[edges[k].src] for k in in_slots[nid]]
        forward.append((rule.forward, i, src[0], src[-1], c))
    return ScalarPlan(
        structure_revision=graph.structure_revision,
        ids=ids,
        ops=tuple(ops),
        specs=tuple(specs),
        n_outputs=tuple(n_outputs),
        slot=slot,
        leaves=tuple(leaves),
        forward=tuple(forward),
        edges=edges,
        ins=tuple(ins),
        outs=tuple(outs),
        consts=tuple(consts),
        trainable=tuple(trainable),
    )


def back_plan(plan: ScalarPlan, output: int, all_grads: bool) -> BackPlan:
    """Which nodes and edges carry gradients (the general engine's rule), and the program."""
    key = (output, all_grads)
    if key not in plan.back_plans:
        plan.back_plans[key] = _back_plan(plan, output, all_grads)
    return plan.back_plans[key]


def _wanted(plan: ScalarPlan, all_grads: bool, src_slot: list[int]) -> list[bool]:
    wanted: list[bool] = []
    for i, spec in enumerate(plan.specs):
        if not spec.gradient:
            wanted.append(False)
        elif spec.is_leaf:
            wanted.append(all_grads or plan.trainable[i])
        else:  # every scalar op takes gradients on all its inputs
            wanted.append(all_grads or any(wanted[src_slot[k]] for k in plan.ins[i]))
    return wanted


def _back_plan(plan: ScalarPlan, output: int, all_grads: bool) -> BackPlan:
    src_slot = [plan.slot[e.src] for e in plan.edges]
    wanted = _wanted(plan, all_grads, src_slot)
    sends = [False] * len(plan.edges)
    dummy = len(plan.edges)  # gradients nobody reads are written to one spare slot
    active, outs, groups, down, program = [], {}, {}, {}, []
    edge_order: list[int] = []
    for i in reversed(range(len(plan.ids))):
        if not wanted[i]:
            continue
        mine = tuple(k for k in plan.outs[i] if sends[k])
        if not (mine or i == output):
            continue
        active.append(i)
        outs[i] = mine
        n_out = plan.n_outputs[i]
        groups[i] = (
            (mine,)
            if n_out == 1
            else tuple(tuple(k for k in mine if plan.edges[k].src_port == p) for p in range(n_out))
        )
        ins = plan.ins[i]
        srcs = [src_slot[k] for k in ins]
        sent = down[i] = tuple(k for k, s in zip(ins, srcs, strict=True) if wanted[s])
        for k in sent:
            sends[k] = True
        edge_order.extend(sent)
        if not srcs:
            continue
        single = len(mine) == 1 and i != output and n_out == 1
        slots = [k if k in sent else dummy for k in ins] + [dummy]
        rule = plan.specs[i].scalar
        assert rule is not None  # _compile admits only ops with a scalar rule
        # the fields of a BackwardOp, as a plain tuple
        program.append(
            (
                mine[0] if single else -1,
                groups[i],
                i == output,
                rule.local,
                rule.zero_guard,
                i,
                srcs[0],
                srcs[-1],
                slots[0],
                slots[1],
                plan.consts[i],
            )
        )
    return BackPlan(output, tuple(active), outs, groups, down, tuple(program), tuple(edge_order))


def run_scalar(
    graph: Graph,
    feeds: Mapping[str, Any],
    record: bool,
    all_grads: bool,
    output: str | None = None,
    backward: bool = True,
) -> tuple[str, NodeValues, NodeGrads, EdgeGrads, Trace | None] | None:
    """Forward and backward on floats; None when the graph is not a float64 scalar graph.

    `output`: the node to seed (default: the graph's output node). `backward` False: the
    forward pass only (no gradients; the trace has forward steps only) - what a partial
    run computes when its output cannot be computed yet.
    Returns (output, values, grads, edge_grads, trace) with the general engine's meaning.
    """
    plan = compile_scalar(graph)
    if plan is None:
        return None
    try:
        output = output if output is not None else graph.output_node()
    except GraphError:
        return None  # the general path reports this the way the caller asked for
    if not backward and output in plan.slot:
        return None  # only for an output outside this graph (see partial_scalar)
    v = list(plan.base_values(graph))
    for nid, raw in feeds.items():
        i = plan.slot.get(nid)
        if i is None or not plan.specs[i].is_leaf:
            continue
        arr = np.asarray(raw)
        if arr.shape != () or arr.dtype != np.float64:
            return None
        v[i] = float(arr)
    bp = back_plan(plan, plan.slot[output], all_grads) if backward else NO_BACKWARD
    eg = [0.0] * (len(plan.edges) + 1)
    with np.errstate(all="ignore"):
        try:
            for fn, i, a, b, c in plan.forward:
                v[i] = fn(v[a], v[b], c)
        except GraphError:
            return None  # an input outside an op's domain: the general path names the node
        for k, groups, seeded, local, guard, i, a, b, ea, eb, c in bp.program:
            up = eg[k] if k >= 0 else sum_total(eg, groups, seeded)
            la, lb = local(v[a], v[b], v[i], c)
            eg[ea] = 0.0 if guard and up == 0 else up * la
            eg[eb] = up * lb
    values = NodeValues(plan.ids, plan.slot, plan.n_outputs, v)
    grads = NodeGrads(plan, bp, eg)
    edge_grads = EdgeGrads(plan, bp, eg)
    trace = build_trace(plan, bp, v, eg) if record else None
    return output, values, grads, edge_grads, trace


def sum_total(eg: list[float], groups: tuple[tuple[int, ...], ...], seeded: bool) -> float:
    """dL/d(node) summed over its output ports, each port summed in arrival order."""
    sums = port_sums(eg, groups, seeded)
    total = sums[0]
    for s in sums[1:]:
        total = total + s
    return total
