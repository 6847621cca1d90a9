"""core: the chain rule of one backward step as data - upstream x local = downstream.

`chain_at(trace, graph, i)` says, for every input edge of the step's node, the upstream
gradient (dL/d out), the local gradient (d out/d in), the downstream gradient (dL/d in),
the gate pattern, and - where the receiving node feeds several consumers - that this is
contribution k of n to its gradient. On the node's own backward step, a gradient gathered
from several consumers is a `Total` whose terms are listed in the order they arrived.
Captions, the inspector, `gradflow trace` and handouts all render this one structure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradflow.core.graph import Edge, Graph
from gradflow.core.jacobian import MAX_ENTRIES, local_jacobian
from gradflow.core.numerics import reduce_to_shape
from gradflow.core.ops import Op, get_op
from gradflow.core.trace import BackwardStep, ForwardStep, Trace

# how a link's downstream follows from its upstream and local gradient
ELEMENTWISE = "elementwise"  # reduce_to_shape(upstream * local, input shape)
MATMUL_LEFT = "matmul_left"  # downstream = upstream @ factorᵀ   (dA = G Bᵀ)
MATMUL_RIGHT = "matmul_right"  # downstream = factorᵀ @ upstream  (dB = Aᵀ G)
JACOBIAN = "jacobian"  # downstream = Jᵀ · upstream


@dataclass(frozen=True)
class Term:
    """One gradient arriving at a node: from `source` (None: the seed) at trace step `step`."""

    source: str | None
    grad: np.ndarray
    step: int


@dataclass(frozen=True)
class Total:
    """A node's gradient as the sum of what its consumers sent, in arrival order ("copy adds")."""

    node: str
    terms: tuple[Term, ...]
    sum: np.ndarray


@dataclass(frozen=True)
class Link:
    """The chain rule along one input edge: upstream x local = downstream.

    `local` is the elementwise local gradient (rule ELEMENTWISE), or None for a matrix
    rule, where `factor` is the other operand; `jacobian` is the full local Jacobian
    (rows: output entries, columns: input entries, both flattened row-major) for small
    tensors. `contribution` is (k, n) when the receiving node has n > 1 consumers;
    `completes` is that node's Total when this is the last of them (k == n).
    """

    edge: Edge
    to: str
    input_name: str
    upstream: np.ndarray
    local: np.ndarray | None
    downstream: np.ndarray
    rule: str
    factor: np.ndarray | None = None
    jacobian: np.ndarray | None = None
    contribution: tuple[int, int] | None = None
    completes: Total | None = None


@dataclass(frozen=True)
class StepChain:
    """Everything the chain rule says about one backward step.

    `upstream` is dL/d(node), summed over its output ports; `seed` marks the output's own
    step (its gradient with respect to itself is 1); `total` is the node's gradient as a
    sum when it has several consumers; `leaf` is 'trainable' or 'data' for an input;
    `kink` is the key of the note (core/words.py) when the op is at a non-differentiable
    point (a max tie, ReLU at 0); `gate` is the gate pattern's key.
    """

    index: int
    node: str
    op: str
    gate: str
    seed: bool
    upstream: np.ndarray
    inputs: tuple[np.ndarray, ...]
    output: np.ndarray
    links: tuple[Link, ...]
    total: Total | None = None
    leaf: str = ""
    kink: str = ""


@dataclass(frozen=True)
class _Book:
    """Per trace: the terms every node receives, in arrival order (built once, cached)."""

    terms: dict[str, tuple[tuple[Edge | None, Term], ...]]
    forward: dict[str, ForwardStep]


_cache: list[tuple[Trace, _Book]] = []


def _book(trace: Trace) -> _Book:
    if _cache and _cache[0][0] is trace:
        return _cache[0][1]
    terms: dict[str, list[tuple[Edge | None, Term]]] = {}
    for step in trace.backward:
        for a in step.upstream:
            if a.edge is None:
                terms.setdefault(step.node, []).append((None, Term(None, a.grad, step.index)))
        for e, g in step.downstream:
            terms.setdefault(e.src, []).append((e, Term(step.node, g, step.index)))
    book = _Book({k: tuple(v) for k, v in terms.items()}, {s.node: s for s in trace.forward})
    _cache[:] = [(trace, book)]
    return book


def _total(node: str, received: tuple[tuple[Edge | None, Term], ...]) -> Total | None:
    if len(received) < 2:
        return None
    terms = tuple(t for _, t in received)
    acc = np.asarray(terms[0].grad, dtype=np.float64)
    with np.errstate(all="ignore"):
        for t in terms[1:]:
            acc = acc + t.grad
    return Total(node, terms, np.asarray(acc))


def total_of(trace: Trace, node: str) -> Total | None:
    """`node`'s gradient as a sum of its arrivals, or None with fewer than two consumers."""
    return _total(node, _book(trace).terms.get(node, ()))


def chain_at(trace: Trace, graph: Graph, index: int) -> StepChain | None:
    """The chain rule of `trace.steps[index]`; None for a forward step."""
    step = trace.steps[index]
    if not isinstance(step, BackwardStep):
        return None
    book = _book(trace)
    spec = get_op(step.op)
    fwd = book.forward.get(step.node)
    inputs = fwd.inputs if fwd is not None else ()
    outputs = fwd.outputs if fwd is not None else step.upstream_sum
    node = graph.nodes.get(step.node)
    attrs = node.attrs if node is not None else spec.attrs
    upstream = _port_sum(step)
    links = tuple(_link(step, book, spec, attrs, inputs, outputs, upstream, e, g)
                  for e, g in step.downstream)  # fmt: skip
    leaf = ""
    if spec.arity == 0 and "trainable" in spec.attrs:
        leaf = "trainable" if attrs.get("trainable", True) else "data"
    kink = ""
    if spec.kink is not None and inputs and bool(np.any(spec.kink(inputs))):
        kink = spec.kink_note
    return StepChain(
        step.index, step.node, step.op, spec.gate,
        any(a.edge is None for a in step.upstream), upstream, inputs, outputs[0], links,
        _total(step.node, book.terms.get(step.node, ())), leaf, kink,
    )  # fmt: skip


def chains(trace: Trace, graph: Graph) -> tuple[StepChain, ...]:
    """The chain of every backward step, in trace order."""
    out = (chain_at(trace, graph, s.index) for s in trace.backward)
    return tuple(c for c in out if c is not None)


def _port_sum(step: BackwardStep) -> np.ndarray:
    total = step.upstream_sum[0]
    with np.errstate(all="ignore"):
        for g in step.upstream_sum[1:]:
            total = total + g
    return np.asarray(total)


def _link(
    step: BackwardStep,
    book: _Book,
    spec: Op,
    attrs: Mapping[str, Any],
    inputs: tuple[np.ndarray, ...],
    outputs: tuple[np.ndarray, ...],
    upstream: np.ndarray,
    edge: Edge,
    grad: np.ndarray,
) -> Link:
    port = edge.dst_port
    received = book.terms.get(edge.src, ())
    contribution, completes = None, None
    if len(received) > 1:
        k = next(i for i, (e, _) in enumerate(received) if e == edge) + 1
        contribution = (k, len(received))
        completes = _total(edge.src, received) if k == len(received) else None
    x = inputs[port] if port < len(inputs) else grad
    local = step.local[port] if port < len(step.local) else None
    factor = None
    if local is not None:
        rule = ELEMENTWISE
    elif len(step.upstream_sum) > 1 or spec.ports_attr is not None:
        rule, local = ELEMENTWISE, np.ones_like(upstream)
    elif spec.gate == "matrix" and len(inputs) == 2:
        rule = MATMUL_LEFT if port == 0 else MATMUL_RIGHT
        factor = inputs[1 - port]
    else:
        rule = JACOBIAN
    jac = None
    small = x.size <= MAX_ENTRIES and outputs[0].size <= MAX_ENTRIES
    if inputs and small and (x.ndim or outputs[0].ndim or rule == JACOBIAN):
        jac = local_jacobian(step.op, inputs, outputs, attrs, port)
    name = spec.input_names[port] if port < spec.arity else str(port)
    return Link(edge, edge.src, name, upstream, local, grad, rule, factor, jac,
                contribution, completes)  # fmt: skip


def apply_rule(link: Link) -> np.ndarray:
    """downstream computed again from the link's own terms, by its rule (for checks)."""
    up = np.asarray(link.upstream, dtype=np.float64)
    shape = np.shape(link.downstream)
    if link.rule == ELEMENTWISE and link.local is not None:
        return reduce_to_shape(up * link.local, shape)
    if link.rule in (MATMUL_LEFT, MATMUL_RIGHT) and link.factor is not None:
        f = np.asarray(link.factor, dtype=np.float64)
        if link.rule == MATMUL_LEFT:
            out = np.outer(up, f) if f.ndim == 1 and up.ndim == 1 else up @ np.swapaxes(f, -1, -2)
        else:
            out = np.outer(f, up) if f.ndim == 1 and up.ndim == 1 else np.swapaxes(f, -1, -2) @ up
        return reduce_to_shape(np.asarray(out), shape)
    if link.jacobian is not None:
        return (link.jacobian.T @ up.reshape(-1)).reshape(shape)
    return np.asarray(link.downstream)
