"""core: what one trace step means - its caption, gate pattern and chain rule with numbers.

Pure text and arrays (no Qt): the player turns an `Explanation` into HTML, the CLI could
print it. Names are node titles; scalars are written as numbers, tensors as compact
previews, and the full arrays travel alongside in `tensors` and `jacobians`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from gradflow.core.formatting import format_array, format_shape
from gradflow.core.graph import Edge, Graph
from gradflow.core.jacobian import local_jacobian
from gradflow.core.ops import get_op
from gradflow.core.trace import Arrival, BackwardStep, ForwardStep, Trace


@dataclass(frozen=True)
class Tensor:
    """An array the explanation shows in full: `label` ('W', '∂f/∂W'), kind value/grad/local."""

    label: str
    kind: str
    array: np.ndarray


@dataclass(frozen=True)
class Jacobian:
    """The local Jacobian d out / d input of a small tensor step, one row per output entry."""

    label: str
    matrix: np.ndarray
    out_shape: tuple[int, ...]
    in_shape: tuple[int, ...]


@dataclass(frozen=True)
class FanIn:
    """Gradients gathered at one output port during a backward step, and their sum."""

    port: int
    sources: tuple[str, ...]
    grads: tuple[np.ndarray, ...]
    total: np.ndarray

    def text(self) -> str:
        """'Σ = a + b = c' for the canvas tag."""
        terms = " + ".join(_num(g, i > 0) for i, g in enumerate(self.grads))
        return f"Σ = {terms} = {format_array(self.total)}"


@dataclass(frozen=True)
class Explanation:
    """Everything said about one step: one caption line, the gate pattern, the sentences.

    `pattern` (how the op passes gradients back) is set on backward steps only; a forward
    step's sentence says what the node computes, with the numbers.
    """

    index: int
    total: int
    phase: str
    node: str
    caption: str
    pattern: str
    sentences: tuple[str, ...]
    tensors: tuple[Tensor, ...] = ()
    jacobians: tuple[Jacobian, ...] = ()
    notes: tuple[str, ...] = ()
    fan_in: tuple[FanIn, ...] = ()
    routes: tuple[bool, ...] = ()  # max: which inputs receive the (whole) gradient


def _num(x: np.ndarray, wrap: bool = True) -> str:
    """A value for a sentence; negative scalars in parentheses when an operator precedes."""
    text = format_array(np.asarray(x))
    return f"({text})" if wrap and text.startswith("-") else text


def _fill(template: str, slots: Sequence[str], c: str, numbers: bool) -> str:
    """Fill a template; with numbers, parenthesise negatives that an operator touches."""
    out = template
    for i, s in enumerate(slots):
        key = "{" + str(i) + "}"
        at = out.find(key)
        after = out[at + len(key) : at + len(key) + 1]
        bare = (at == 0 or out[at - 1] == "(" or out[at - 2 : at] == ", ") and after != "²"
        wrap = numbers and not bare and s.startswith("-")
        out = out.replace(key, f"({s})" if wrap else s, 1)
    return out.replace("{c}", c)


_NAME = re.compile(r"[^\W\d]\w*")


def plural(n: int, word: str) -> str:
    """A count with its noun: '1 step', '0 steps', '10 steps' (regular plurals only)."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def names_op(name: str, op: str) -> bool:
    """Whether a node's name already says its op: 'neg1', 'input3', 'neg' for neg, not 'q'.

    The name must start with the op as a word ('negx' does not, 'neg_a' and 'Neg2' do).
    """
    head, rest = name[: len(op)], name[len(op) :]
    return head.casefold() == op.casefold() and not rest[:1].isalpha()


def op_and_name(op: str, name: str) -> str:
    """'add q' for a caption, but 'neg1' rather than 'neg neg1': the op is never said twice."""
    return name if names_op(name, op) else f"{op} {name}"


def _name_in(label: str) -> str | None:
    """The variable a label names: 'q' and 'q = x + y' name q; '+ w2' or 'copy x' name none."""
    head = label.split("=")[0].strip()
    return head if _NAME.fullmatch(head) else None


class _Namer:
    """Titles of nodes and ports as a user reads them, for one graph and trace."""

    def __init__(self, graph: Graph, trace: Trace) -> None:
        self.graph = graph
        self.forward = {s.node: s for s in trace.forward}
        candidates = {n.id: _name_in(n.title) or n.id for n in graph}
        counts = Counter(candidates.values())
        self.names = {nid: c if counts[c] == 1 else nid for nid, c in candidates.items()}
        self.loss = self.title(trace.backward[0].node) if trace.backward else "L"

    def title(self, node_id: str) -> str:
        """The node's name in formulas: a label that is a name ('q', 'q = x + y'), else its id."""
        return self.names.get(node_id, node_id)

    def port(self, node_id: str, port: int) -> str:
        node = self.graph.nodes.get(node_id)
        base = self.title(node_id)
        return f"{base}[{port}]" if node is not None and node.n_outputs > 1 else base

    def inputs(self, edges: Sequence[Edge]) -> list[str]:
        names = [self.port(e.src, e.src_port) for e in edges]
        spec_names = [self._input_name(e) for e in edges]
        return [
            f"{n}[{s}]" if names.count(n) > 1 else n for n, s in zip(names, spec_names, strict=True)
        ]

    def _input_name(self, e: Edge) -> str:
        node = self.graph.nodes.get(e.dst)
        return node.spec.input_names[e.dst_port] if node is not None else str(e.dst_port)

    def d(self, name: str) -> str:
        return f"∂{self.loss}/∂{name}"


def _const_text(graph: Graph, node_id: str) -> str:
    node = graph.nodes.get(node_id)
    return _num(np.asarray(node.spec.constant(node.attrs))) if node is not None else "c"


def forward_sentence(step: ForwardStep, graph: Graph, namer: _Namer | None = None) -> str:
    """'q = x + y = -2 + 5 = 3' (names, then numbers, then the result)."""
    namer = namer or _Namer(graph, Trace((step,), 1))
    me = namer.title(step.node)
    result = format_array(step.outputs[0])
    spec = get_op(step.op)
    if spec.is_leaf:
        # 'x = -2 (input)', 'W = [[…]] (input, 2×2)'; 'input3 = -2' already says it is an input
        kind = "" if names_op(me, step.op) else (spec.noun or step.op)
        shape = format_shape(step.outputs[0].shape) if step.outputs[0].shape else ""
        about = ", ".join(part for part in (kind, shape) if part)
        return f"{me} = {result} ({about})" if about else f"{me} = {result}"
    names = namer.inputs(step.input_edges)
    c = _const_text(graph, step.node)
    template = spec.template or step.op + "(…)"
    symbolic = _fill(template, names, c, numbers=False)
    numeric = _fill(template, [format_array(x) for x in step.inputs], c, numbers=True)
    if spec.ports_attr is not None:
        return f"{me} copies {names[0]} = {result} to {plural(len(step.outputs), 'output')}"
    if any(x.ndim for x in (*step.inputs, *step.outputs)):
        shapes = ", ".join(format_shape(x.shape) for x in step.inputs)
        return (
            f"{me} = {symbolic} = {numeric} = {result}  "
            f"(shapes {shapes} → {format_shape(step.outputs[0].shape)})"
        )
    return f"{me} = {symbolic} = {numeric} = {result}"


def _arrival_source(namer: _Namer, a: Arrival) -> str:
    return "the seed" if a.edge is None else namer.title(a.edge.dst)


def _fan_in(step: BackwardStep, namer: _Namer) -> tuple[FanIn, ...]:
    fans = []
    for port, total in enumerate(step.upstream_sum):
        arr = [a for a in step.upstream if (0 if a.edge is None else a.edge.src_port) == port]
        if len(arr) > 1:
            sources = tuple(_arrival_source(namer, a) for a in arr)
            fans.append(FanIn(port, sources, tuple(a.grad for a in arr), total))
    if get_op(step.op).ports_attr is not None and len(step.upstream_sum) > 1:
        sources = tuple(namer.port(step.node, p) for p in range(len(step.upstream_sum)))
        fans.append(
            FanIn(-1, sources, step.upstream_sum, sum(step.upstream_sum[1:], step.upstream_sum[0]))
        )
    return tuple(fans)


def _upstream_sentences(step: BackwardStep, namer: _Namer, fans: tuple[FanIn, ...]) -> list[str]:
    out = []
    for port, total in enumerate(step.upstream_sum):
        name = namer.d(namer.port(step.node, port))
        fan = next((f for f in fans if f.port == port), None)
        arrivals = [a for a in step.upstream if (0 if a.edge is None else a.edge.src_port) == port]
        if fan is not None:
            terms = " + ".join(_num(g, i > 0) for i, g in enumerate(fan.grads))
            out.append(
                f"{name} = {terms} = {format_array(total)}  (the gradients arriving "
                f"from {', '.join(fan.sources)} add up)"
            )
        elif arrivals and arrivals[0].edge is None:
            out.append(f"{name} = {format_array(total)}  (the seed: the output's own gradient)")
        elif arrivals:
            out.append(
                f"{name} = {format_array(total)}  (from {_arrival_source(namer, arrivals[0])})"
            )
    return out


def _downstream_sentence(
    step: BackwardStep, namer: _Namer, edge: Edge, grad: np.ndarray, name: str
) -> str:
    me = namer.port(step.node, 0)
    up = step.upstream_sum[0]
    loc = step.local[edge.dst_port] if edge.dst_port < len(step.local) else None
    spec = get_op(step.op)
    if spec.ports_attr is not None:
        ports = [namer.port(step.node, p) for p in range(len(step.upstream_sum))]
        sym = " + ".join(namer.d(p) for p in ports)
        nums = " + ".join(_num(u, i > 0) for i, u in enumerate(step.upstream_sum))
        return f"{namer.d(name)} = {sym} = {nums} = {format_array(grad)}"
    if loc is not None:
        dot = " ⊙ " if (up.ndim or loc.ndim) else " · "
        text = (
            f"{namer.d(name)} = {namer.d(me)}{dot}∂{me}/∂{name} = "
            f"{_num(up, False)}{dot}{_num(loc)} = {format_array(grad)}"
        )
        if grad.shape != np.broadcast_shapes(up.shape, loc.shape):
            text += f"  (summed over the broadcast axes to {format_shape(grad.shape)})"
        return text
    fwd = namer.forward.get(step.node)
    if spec.down_rules and fwd is not None:
        rule = spec.down_rules[edge.dst_port]
        sym = rule.format(*namer.inputs(fwd.input_edges), up=namer.d(me))
        nums = rule.format(*(format_array(x) for x in fwd.inputs), up=format_array(up))
        return f"{namer.d(name)} = {sym} = {nums} = {format_array(grad)}"
    return f"{namer.d(name)} = {format_array(grad)}"


def _routes(step: BackwardStep) -> tuple[bool, ...]:
    if not get_op(step.op).routes:
        return ()
    return tuple(bool(np.any(loc)) if loc is not None else False for loc in step.local)


def _route_sentence(step: BackwardStep, names: Sequence[str]) -> str:
    """Where max sent the gradient: all of it to one input, or entry by entry for tensors."""
    for winner, loser in ((0, 1), (1, 0)):
        loc = step.local[winner]
        if loc is not None and np.all(np.asarray(loc) == 1):
            return (
                f"max routes the whole upstream gradient to {names[winner]} (the larger input); "
                f"{names[loser]} gets 0"
            )
    return "max routes each entry's gradient to whichever input is larger there; the other gets 0"


def _backward_parts(step: BackwardStep, graph: Graph, namer: _Namer) -> Explanation:
    fans = _fan_in(step, namer)
    sentences = _upstream_sentences(step, namer, fans)
    edges = [e for e, _ in step.downstream]
    names = namer.inputs(edges)
    for (e, g), name in zip(step.downstream, names, strict=True):
        sentences.append(_downstream_sentence(step, namer, e, g, name))
    fwd = namer.forward.get(step.node)
    tensors: list[Tensor] = []
    jacobians: list[Jacobian] = []
    notes: list[str] = []
    me = namer.port(step.node, 0)
    if any(u.ndim for u in step.upstream_sum):
        tensors += [
            Tensor(namer.d(namer.port(step.node, p)), "grad", u)
            for p, u in enumerate(step.upstream_sum)
        ]
    for (e, g), name in zip(step.downstream, names, strict=True):
        x = fwd.inputs[e.dst_port] if fwd is not None else None
        if g.ndim == 0 and (x is None or x.ndim == 0):
            continue
        if x is not None:
            tensors.append(Tensor(name, "value", x))
        tensors.append(Tensor(namer.d(name), "grad", g))
        notes.append(
            f"{namer.d(name)} has the same shape as {name} ({format_shape(g.shape)}): "
            f"one partial derivative per entry."
        )
        if fwd is not None and x is not None and get_op(step.op).ports_attr is None:
            node = graph.nodes.get(step.node)
            attrs = node.attrs if node is not None else get_op(step.op).attrs
            jac = local_jacobian(step.op, fwd.inputs, fwd.outputs, attrs, e.dst_port)
            if jac is not None:
                jacobians.append(Jacobian(f"∂{me}/∂{name}", jac, fwd.outputs[0].shape, x.shape))
    if get_op(step.op).routes and len(names) == 2:
        sentences.append(_route_sentence(step, names))
    return Explanation(
        step.index, 0, "backward", step.node, "", get_op(step.op).pattern, tuple(sentences),
        tuple(tensors), tuple(jacobians), tuple(notes), fans, _routes(step),
    )  # fmt: skip


def _backward_caption(step: BackwardStep, namer: _Namer) -> str:
    me = namer.title(step.node)
    names = namer.inputs([e for e, _ in step.downstream])
    ups = ", ".join(format_array(u) for u in step.upstream_sum)
    if not step.downstream:
        return f"backward: {namer.d(me)} = {ups} arrives at {op_and_name(step.op, me)}"
    parts = [f"backward through {op_and_name(step.op, me)}: upstream {ups}"]
    locs = [
        (n, loc)
        for (e, _), n in zip(step.downstream, names, strict=True)
        if e.dst_port < len(step.local) and (loc := step.local[e.dst_port]) is not None
    ]
    if locs:
        parts.append(
            "local gradients (" + ", ".join(f"∂{me}/∂{n}={format_array(v)}" for n, v in locs) + ")"
        )
    parts.append(
        "sends "
        + ", ".join(
            f"{format_array(g)} to {n}" for (_, g), n in zip(step.downstream, names, strict=True)
        )
    )
    return "; ".join(parts)


def explain_step(trace: Trace, graph: Graph, index: int) -> Explanation:
    """The explanation of `trace.steps[index]` (0-based), for the graph the trace came from."""
    step = trace.steps[index]
    namer = _Namer(graph, trace)
    head = f"Step {index + 1}/{len(trace)} · "
    if isinstance(step, ForwardStep):
        # A forward step says what the node computes (its sentence has the numbers); the
        # gate pattern describes how gradients flow back, so only backward steps carry it.
        sentence = forward_sentence(step, graph, namer)
        me = namer.title(step.node)
        leaf = get_op(step.op).is_leaf
        where = "forward" if leaf else f"forward through {op_and_name(step.op, me)}"
        caption = f"{head}{where}: {sentence}"
        ins = zip(namer.inputs(step.input_edges), step.inputs, strict=True)
        tensors = [Tensor(n, "value", x) for n, x in ins if x.ndim]
        if step.outputs[0].ndim:
            tensors.append(Tensor(namer.port(step.node, 0), "value", step.outputs[0]))
        return Explanation(
            index, len(trace), "forward", step.node, caption, "", (sentence,), tuple(tensors)
        )
    parts = _backward_parts(step, graph, namer)
    caption = head + _backward_caption(step, namer)
    return replace(parts, total=len(trace), caption=caption)


def caption_at(trace: Trace | None, graph: Graph, k: int | None) -> str:
    """The player's caption for playhead k (None: the whole run is shown)."""
    if trace is None or len(trace) == 0:
        return "Nothing to play yet: connect the graph up to an output."
    n, nf = len(trace), trace.n_forward
    if k is None:
        return f"Whole run shown · {plural(n, 'step')} ({nf} forward, {n - nf} backward)"
    if k <= 0:
        return f"Step 0/{n} · nothing computed yet - press → to step forward"
    return explain_step(trace, graph, min(k, n) - 1).caption
