"""core: the engine - forward values, back-propagated gradients and, on request, the trace.

A graph is compiled once per revision into a flat plan (topological order with each
node's input sources resolved), so repeated runs only walk lists. Leaf values can be fed
per run without touching the graph, which is how the trainer streams batches and weights.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gradflow.core.descend import apply_rest, check_fed, fusable
from gradflow.core.errors import GraphError
from gradflow.core.graph import Edge, Graph, Node
from gradflow.core.i18n import _
from gradflow.core.ops import Op
from gradflow.core.outputs import OutputChoice, choose_output
from gradflow.core.partial_scalar import run_scalar_partial
from gradflow.core.scalar_plan import run_scalar
from gradflow.core.trace import Arrival, BackwardStep, ForwardStep, Step, Trace, frozen

Values = tuple[np.ndarray, ...]


@dataclass
class _Scratch:
    """Per run: what fused ops kept for their backward, and the caller's reusable arrays."""

    kept: dict[str, object] = field(default_factory=dict)
    buffers: dict[tuple[Any, ...], np.ndarray] | None = None
    fused: dict[str, float] = field(default_factory=dict)  # descend: foldable updates

    def taker(self, node_id: str) -> Callable[[int, tuple[int, ...], np.dtype], np.ndarray]:
        """take(slot, shape, dtype) for one node: its kept array of that kind, or a new one."""

        def take(slot: int, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
            if self.buffers is None:
                return np.empty(shape, dtype)
            key = (node_id, slot, shape, np.dtype(dtype))
            buf = self.buffers.get(key)
            if buf is None:
                buf = self.buffers[key] = np.empty(shape, dtype)
            return buf

        return take


@dataclass(frozen=True)
class PlanNode:
    """One node of a compiled plan: its op and where each of its inputs comes from."""

    id: str
    spec: Op
    node: Node
    in_edges: tuple[Edge | None, ...]
    out_edges: tuple[Edge, ...]


@dataclass(frozen=True)
class Plan:
    """A graph flattened for running: nodes in topological order, for one revision."""

    revision: int
    nodes: tuple[PlanNode, ...]


@dataclass(frozen=True)
class RunResult:
    """Everything one run computed.

    `values[id]` holds one array per output port; `grads[id]` holds dL/d(output port) for
    every node the output depends on (consts excepted); `edge_grads[e]` is the gradient
    sent back along wire e, i.e. dL/d(the input it feeds). `problems` names, per node, why
    it could not be computed (only in partial runs); `notice` says why backward was skipped;
    `output_note` says which end a partial run chose when the graph names no output.
    """

    output: str | None
    values: Mapping[str, Values]
    grads: Mapping[str, Values]
    edge_grads: Mapping[Edge, np.ndarray]
    trace: Trace | None = None
    problems: Mapping[str, str] = field(default_factory=dict)
    notice: str | None = None
    output_note: str | None = None

    def value(self, node_id: str, port: int = 0) -> np.ndarray:
        """The forward value of one output port."""
        return self.values[node_id][port]

    def grad(self, node_id: str, port: int = 0) -> np.ndarray:
        """dL/d(that output port)."""
        return self.grads[node_id][port]

    def edge_value(self, edge: Edge) -> np.ndarray | None:
        """The value a wire carries forward, if computed."""
        vals = self.values.get(edge.src)
        return None if vals is None else vals[edge.src_port]


def compile_plan(graph: Graph) -> Plan:
    """The flat plan of `graph`, cached on the graph until its next computational change."""
    cached: Plan | None = getattr(graph, "_gradflow_plan", None)
    if cached is not None and cached.revision == graph.revision:
        return cached
    nodes = tuple(
        PlanNode(
            nid, graph.node(nid).spec, graph.node(nid), graph.in_edges(nid), graph.out_edges(nid)
        )
        for nid in graph.topo_order()
    )
    plan = Plan(graph.revision, nodes)
    graph._gradflow_plan = plan  # type: ignore[attr-defined]
    return plan


def run(
    graph: Graph,
    *,
    record: bool = True,
    partial: bool = False,
    feeds: Mapping[str, np.ndarray] | None = None,
    all_grads: bool = True,
    fast: bool = True,
    buffers: dict[tuple[Any, ...], np.ndarray] | None = None,
    descend: Mapping[str, float] | None = None,
    before_backward: Callable[[np.ndarray], None] | None = None,
) -> RunResult:
    """Forward and backward through `graph`.

    record: also return the trace (the animation's script).
    partial: compute what can be computed and report the rest in `problems` instead of
        raising (the canvas uses this while a graph is being built).
    feeds: values to use for leaf nodes instead of their stored ones (batches, weights).
    all_grads: gradients for every node the output depends on; False computes only what
        trainable inputs need (training, where data inputs are not trainable).
    fast: when every value is a float64 scalar, run on Python floats (`scalar_plan`);
        the results are the same bit for bit. False forces the general numpy path.
    buffers: a dict the caller keeps from run to run (recording off only): matmul writes
        its products and weight gradients into the arrays kept there when the shapes
        match, so a training step allocates none of its big arrays. The values and
        gradients of a run are then overwritten by the next run given the same dict.
    descend: parameter id -> step size (recording off only): plain gradient descent in
        the backward, w <- w - rate * dL/dw in place on the array fed for w; a weight
        that feeds one matmul gets it folded into its gradient's product (one gemm, see
        `core.descend`). The descending parameters' gradients are not returned.
    before_backward: called with the output's value after the forward; an exception
        raised there ends the run before any gradient or update (a diverged loss).
    """
    feeds = feeds or {}
    choice: OutputChoice | None = None
    if partial and len(graph):
        choice = choose_output(graph)  # several ends: the last-added computable one
    note = None if choice is None else choice.note
    if fast:
        done = run_scalar(graph, feeds, record, all_grads, None if choice is None else choice.node)
        if done is not None:
            return RunResult(*done, output_note=note)
        if partial:  # unwired inputs: the computable part may still run on floats
            some = run_scalar_partial(
                graph, feeds, record, all_grads, None if choice is None else choice.node
            )
            if some is not None:
                (out, values_, grads_, edge_grads_, trace_), problems_ = some
                notice = None
                if out not in values_:  # the part's values only, as the general path says
                    notice = _("the output {node} cannot be computed yet").format(
                        node=graph.node(out).title
                    )
                return RunResult(out, values_, grads_, edge_grads_, trace_, problems_, notice, note)
    plan = compile_plan(graph)
    steps: list[Step] = []
    scratch = _Scratch(buffers=None if record else buffers)
    if descend:
        if record:
            raise GraphError("descend: a recorded run shows gradients, it cannot fold them")
        check_fed(descend, feeds)
        wires = {pn.id: len(pn.out_edges) for pn in plan.nodes if pn.spec.is_leaf}
        scratch.fused = fusable(wires, descend)
    with np.errstate(all="ignore"):  # an overflow is shown as inf/NaN, not warned about
        values, problems = _forward(plan, feeds, partial, steps if record else None, scratch)
    try:
        output = graph.output_node() if choice is None else choice.node
    except GraphError as err:
        if not partial:
            raise
        return RunResult(None, values, {}, {}, _trace(steps, record), problems, str(err))
    if output not in values:
        if not partial:
            said = _("the output {node} could not be computed").format(node=output)
            raise GraphError(problems.get(output, said))
        notice = _("the output {node} cannot be computed yet").format(node=graph.node(output).title)
        return RunResult(output, values, {}, {}, _trace(steps, record), problems, notice, note)
    n_forward = len(steps)
    if before_backward is not None:
        before_backward(values[output][0])
    with np.errstate(all="ignore"):  # once per run, not per node (a training step's 13)
        grads, edge_grads = _backward(
            plan, values, output, all_grads, steps if record else None, scratch
        )
        if descend:
            apply_rest(descend, grads, values, scratch.taker)
    trace = Trace(tuple(steps), n_forward) if record else None
    return RunResult(output, values, grads, edge_grads, trace, problems, output_note=note)


def _trace(steps: list[Step], record: bool) -> Trace | None:
    return Trace(tuple(steps), len(steps)) if record else None


def _forward(
    plan: Plan,
    feeds: Mapping[str, np.ndarray],
    partial: bool,
    steps: list[Step] | None,
    scratch: _Scratch,
) -> tuple[dict[str, Values], dict[str, str]]:
    values: dict[str, Values] = {}
    problems: dict[str, str] = {}
    for pn in plan.nodes:
        ins: list[np.ndarray] = []
        for port, e in enumerate(pn.in_edges):
            if e is None:
                said = _("input {name} is not connected")
                problems[pn.id] = said.format(name=pn.spec.input_names[port])
                break
            if e.src not in values:
                problems[pn.id] = _("waiting for {node}").format(node=e.src)
                break
            ins.append(values[e.src][e.src_port])
        if pn.id in problems:
            if not partial:
                raise GraphError(f"{pn.node.title}: {problems[pn.id]}")
            continue
        attrs = pn.node.attrs
        if pn.id in feeds:
            attrs = {**attrs, "value": feeds[pn.id]}
        try:  # (run's np.errstate ignores floating-point warnings around the loop)
            raw = None
            if steps is None and pn.spec.forward_keeping is not None:
                raw, scratch.kept[pn.id] = pn.spec.forward_keeping(tuple(ins), attrs)
            elif scratch.buffers is not None and pn.spec.forward_into is not None:
                raw = pn.spec.forward_into(tuple(ins), attrs, scratch.taker(pn.id))
            if raw is None:
                raw = pn.spec.forward(tuple(ins), attrs)
            # numpy turns 0-d results into scalars; keep every value an ndarray
            outs = tuple(np.asarray(y) for y in raw)
        except GraphError as err:
            if not partial:
                raise GraphError(f"{pn.node.title}: {err}") from None
            problems[pn.id] = str(err)
            continue
        values[pn.id] = outs
        if steps is not None:
            steps.append(
                ForwardStep(
                    len(steps),
                    pn.id,
                    pn.spec.name,
                    tuple(frozen(x) for x in ins),
                    tuple(e for e in pn.in_edges if e is not None),
                    tuple(frozen(y) for y in outs),
                )
            )
    return values, problems


def _wanted(plan: Plan, all_grads: bool) -> dict[str, bool]:
    """Which nodes need a gradient: all but constants, or only what trainable inputs need."""
    wanted: dict[str, bool] = {}
    for pn in plan.nodes:
        if not pn.spec.gradient:
            wanted[pn.id] = False
        elif pn.spec.is_leaf:
            wanted[pn.id] = all_grads or bool(pn.node.attrs.get("trainable", True))
        else:
            wanted[pn.id] = all_grads or any(
                e is not None and wanted[e.src] and pn.spec.input_differentiable(p)
                for p, e in enumerate(pn.in_edges)
            )
    return wanted


def _backward(
    plan: Plan,
    values: Mapping[str, Values],
    output: str,
    all_grads: bool,
    steps: list[Step] | None,
    scratch: _Scratch,
) -> tuple[dict[str, Values], dict[Edge, np.ndarray]]:
    wanted = _wanted(plan, all_grads)
    grads: dict[str, Values] = {}
    edge_grads: dict[Edge, np.ndarray] = {}
    seed = np.ones_like(values[output][0])
    for pn in reversed(plan.nodes):
        if not wanted[pn.id]:
            continue
        arrivals = [Arrival(e, edge_grads[e]) for e in pn.out_edges if e in edge_grads]
        if pn.id == output:
            arrivals.insert(0, Arrival(None, seed))
        if not arrivals:
            continue  # the output does not depend on this node
        outs = values[pn.id]
        ups = _sum_per_port(arrivals, outs)
        grads[pn.id] = ups
        ins = tuple(values[e.src][e.src_port] for e in pn.in_edges if e is not None)
        downstream, local = _send_down(pn, ins, outs, ups, wanted, steps is not None, scratch)
        for e, g in downstream:
            edge_grads[e] = np.asarray(g)
        if steps is not None:
            steps.append(
                BackwardStep(
                    len(steps),
                    pn.id,
                    pn.spec.name,
                    tuple(Arrival(a.edge, frozen(a.grad)) for a in arrivals),
                    tuple(frozen(u) for u in ups),
                    tuple(None if x is None else frozen(np.asarray(x)) for x in local),
                    tuple((e, frozen(edge_grads[e])) for e, _ in downstream),
                )
            )
    return grads, edge_grads


def _sum_per_port(arrivals: list[Arrival], outs: Values) -> Values:
    sums: list[np.ndarray | None] = [None] * len(outs)
    for a in arrivals:
        port = 0 if a.edge is None else a.edge.src_port
        prev = sums[port]
        # 0-d + 0-d gives a numpy scalar; keep every gradient an ndarray (the trace freezes it)
        # (inf + -inf is NaN, shown as such: run's np.errstate keeps it from warning)
        sums[port] = a.grad if prev is None else np.asarray(prev + a.grad)
    return tuple(np.zeros_like(outs[p]) if s is None else s for p, s in enumerate(sums))


def _send_down(
    pn: PlanNode,
    ins: Values,
    outs: Values,
    ups: Values,
    wanted: Mapping[str, bool],
    want_local: bool,
    scratch: _Scratch,
) -> tuple[list[tuple[Edge, np.ndarray]], tuple[np.ndarray | None, ...]]:
    """The gradient for each wanted input edge, and the local gradients when recording."""
    if not ins:
        return [], ()
    spec = pn.spec
    down: tuple[np.ndarray | None, ...]
    local: tuple[np.ndarray | None, ...]
    # (run's np.errstate ignores floating-point warnings around the whole backward)
    some = None
    rates = tuple(None if e is None else scratch.fused.get(e.src) for e in pn.in_edges)
    if pn.id in scratch.kept and spec.backward_kept is not None:
        # a fused op: its forward kept what the backward needs (used up here)
        some = spec.backward_kept(scratch.kept[pn.id], ups, pn.node.attrs)
    elif spec.backward_descend is not None and any(r is not None for r in rates):
        need = tuple(e is not None and wanted[e.src] for e in pn.in_edges)
        some = spec.backward_descend(
            ins, outs, ups, pn.node.attrs, need, scratch.taker(pn.id), rates
        )
        if some is None and spec.backward_some is not None:  # not folded: as usual
            some = spec.backward_some(ins, outs, ups, pn.node.attrs, need, scratch.taker(pn.id))
    elif spec.backward_some is not None and not want_local:
        # only the inputs that are wanted (training: the data X needs no gradient)
        need = tuple(e is not None and wanted[e.src] for e in pn.in_edges)
        some = spec.backward_some(ins, outs, ups, pn.node.attrs, need, scratch.taker(pn.id))
    if some is not None:
        down, local = some, (None,) * len(ins)
    elif spec.backward is None and spec.local is not None:
        local = spec.local(ins, outs, pn.node.attrs)
        down = spec.backprop(ins, outs, ups, pn.node.attrs, local)
    else:
        down = spec.backprop(ins, outs, ups, pn.node.attrs)
        if want_local and spec.local is not None:
            local = spec.local(ins, outs, pn.node.attrs)
        else:
            local = (None,) * len(ins)
    if spec.differentiable:
        local = tuple(x if ok else None for x, ok in zip(local, spec.differentiable, strict=True))
    sent = [
        (e, g)
        for p, (e, g) in enumerate(zip(pn.in_edges, down, strict=True))
        if e is not None and g is not None and wanted[e.src] and spec.input_differentiable(p)
    ]
    return sent, local
