"""core: what one trace step means - its caption, gate pattern and chain rule with numbers.

Pure text and arrays (no Qt). A backward step's meaning is the `StepChain` of
core/chain.py; this module gathers it with its sentences (core/chain_text.py) into an
`Explanation` that the caption, the inspector (ui/player/explain_html.py), the canvas
tags and the CLI render. Names are node titles (core/naming.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gradflow.core.chain import StepChain, chain_at
from gradflow.core.chain_notes import entry_names, tensor_notes
from gradflow.core.chain_text import (
    LinkParts,
    caption_body,
    column,
    head_sentences,
    link_parts,
    link_sentence,
    shape_as_matrix,
    tail_sentences,
)
from gradflow.core.formatting import format_array, format_shape
from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.core.naming import Namer, names_op, op_and_name, plural
from gradflow.core.ops import get_op
from gradflow.core.trace import BackwardStep, ForwardStep, Trace

__all__ = ["Explanation", "FanIn", "Jacobian", "Tensor", "caption_at", "explain_step", "plural"]


@dataclass(frozen=True)
class Tensor:
    """An array the explanation shows in full: `label` ('W', '∂f/∂W'), kind value/grad/local."""

    label: str
    kind: str
    array: np.ndarray


@dataclass(frozen=True)
class Jacobian:
    """The local Jacobian d out / d input of a small tensor step, one row per output entry.

    `rows` and `cols` name the entries ('q1', 'W12'): both sides flattened row-major.
    """

    label: str
    matrix: np.ndarray
    out_shape: tuple[int, ...]
    in_shape: tuple[int, ...]
    rows: tuple[str, ...] = ()
    cols: tuple[str, ...] = ()
    names: tuple[str, str] = ("out", "in")  # the output's and the input's name


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
    chain: StepChain | None = None  # a backward step's chain rule, the data behind the text
    # a backward step's text in three parts (sentences = head + one per link + tail), so
    # that a renderer can lay out each link's terms (parts) its own way
    head: tuple[str, ...] = ()
    parts: tuple[LinkParts, ...] = ()
    tail: tuple[str, ...] = ()
    title: str = ""  # a short heading ('Step 8/10 · backward through matmul q'); '' = caption


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
        if at > 0 and out[at - 1] == "(" and after == ")" and s.startswith("(") and s.endswith(")"):
            key = f"({key})"  # a bracketed name fills the template's own brackets: exp(−z)
        out = out.replace(key, f"({s})" if wrap else s, 1)
    return out.replace("{c}", c)


def _const_text(graph: Graph, node_id: str) -> str:
    node = graph.nodes.get(node_id)
    return _num(np.asarray(node.spec.constant(node.attrs))) if node is not None else "c"


def _leaf_kind(graph: Graph, step: ForwardStep) -> str:
    """'trainable input' or 'data input' for an input; the op's noun for other leaves."""
    node = graph.nodes.get(step.node)
    spec = get_op(step.op)
    if node is None or "trainable" not in node.attrs:
        return spec.noun or step.op
    return _("trainable input") if node.attrs["trainable"] else _("data input")


def forward_sentence(step: ForwardStep, graph: Graph, namer: Namer | None = None) -> str:
    """'q = x + y = -2 + 5 = 3' (names, then numbers, then the result)."""
    namer = namer or Namer(graph, Trace((step,), 1))
    me = namer.title(step.node)
    result = column(step.outputs[0])  # vectors are columns, as the lecture writes them
    spec = get_op(step.op)
    if spec.is_leaf:
        # 'x = -2 (input)', 'W = [[…]] (input, 2×2)'; 'input3 = -2' already says it is an input
        kind = "" if names_op(me, step.op) else _leaf_kind(graph, step)
        shape = format_shape(step.outputs[0].shape) if step.outputs[0].shape else ""
        about = ", ".join(part for part in (kind, shape) if part)
        return f"{me} = {result} ({about})" if about else f"{me} = {result}"
    names = namer.inputs(step.input_edges)
    c = _const_text(graph, step.node)
    template = spec.template or step.op + "(…)"
    symbolic = _fill(template, names, c, numbers=False)
    numeric = _fill(template, [column(x) for x in step.inputs], c, numbers=True)
    if spec.ports_attr is not None:
        return _("{node} copies {x} = {value} to {outputs}").format(
            node=me, x=names[0], value=result, outputs=plural(len(step.outputs), "output")
        )
    text = " = ".join(_distinct([me, symbolic, numeric, result]))
    if any(x.ndim for x in (*step.inputs, *step.outputs)):
        shapes = ", ".join(shape_as_matrix(x) for x in step.inputs)
        text += "  " + _("(shapes {inputs} → {output})").format(
            inputs=shapes, output=shape_as_matrix(step.outputs[0])
        )
    return text


def _distinct(parts: list[str]) -> list[str]:
    """Drop a part that only repeats the one before it: never 'neg = −dot = −1 = -1'."""

    def key(text: str) -> str:
        return text.replace("−", "-").replace("(", "").replace(")", "").replace(" ", "")

    out: list[str] = []
    for part in parts:
        if not out or key(part) != key(out[-1]):
            out.append(part)
    return out


def _fan_in(chain: StepChain, namer: Namer) -> tuple[FanIn, ...]:
    """The canvas tag of a node whose gradient is a sum: its terms in arrival order."""
    total = chain.total
    if total is None:
        return ()
    sources = tuple(namer.title(t.source) for t in total.terms)
    return (FanIn(0, sources, tuple(t.grad for t in total.terms), total.sum),)


def _routes(chain: StepChain) -> tuple[bool, ...]:
    """For a routing gate (max): which inputs received any of the gradient."""
    if not get_op(chain.op).routes:
        return ()
    return tuple(
        bool(np.any(link.local)) if link.local is not None else False for link in chain.links
    )


def _route_sentence(chain: StepChain, names: Sequence[str]) -> str | None:
    """Where max sent the gradient: all of it to one input, or entry by entry for tensors."""
    locs = [link.local for link in chain.links]
    if len(locs) != 2 or any(x is None for x in locs):
        return None
    for winner, loser in ((0, 1), (1, 0)):
        if np.all(np.asarray(locs[winner]) == 1):
            return _(
                "max routes the whole upstream gradient to {winner} (the larger input); "
                "{loser} gets 0"
            ).format(winner=names[winner], loser=names[loser])
    return _(
        "max routes each entry's gradient to whichever input is larger there; the other gets 0"
    )


def _jacobians(chain: StepChain, namer: Namer) -> tuple[Jacobian, ...]:
    me = namer.title(chain.node)
    out = []
    for link in chain.links:
        if link.jacobian is None:
            continue
        name = namer.port(link.to, link.edge.src_port)
        shape_in = np.shape(link.downstream)
        out.append(
            Jacobian(
                namer.local(me, name), link.jacobian, np.shape(chain.output), shape_in,
                entry_names(me, np.shape(chain.output)), entry_names(name, shape_in),
                (me, name),
            )
        )  # fmt: skip
    return tuple(out)


def _leaf_tensors(chain: StepChain, namer: Namer) -> tuple[Tensor, ...]:
    """An input's completed gradient, in full when it is a vector or matrix."""
    if chain.links or not np.ndim(chain.upstream):
        return ()
    return (Tensor(namer.d(namer.title(chain.node)), "grad", chain.upstream),)


def _backward(
    trace: Trace, graph: Graph, index: int, namer: Namer, lr: float | None
) -> Explanation:
    chain = chain_at(trace, graph, index)
    assert chain is not None  # index is a backward step
    head = head_sentences(chain, namer)
    names = [namer.port(link.to, link.edge.src_port) for link in chain.links]
    if get_op(chain.op).routes and (route := _route_sentence(chain, names)):
        head.append(route)
    links = [link_sentence(chain, link, namer) for link in chain.links]
    tail = tail_sentences(chain, namer, lr)
    caption = f"Step {index + 1}/{len(trace)} · {caption_body(chain, namer, lr)}"
    parts = tuple(link_parts(chain, link, namer) for link in chain.links)
    return Explanation(
        index, len(trace), "backward", chain.node, caption, _(get_op(chain.op).pattern),
        (*head, *links, *tail), _leaf_tensors(chain, namer), _jacobians(chain, namer),
        tuple(tensor_notes(chain, namer)), _fan_in(chain, namer), _routes(chain), chain,
        tuple(head), parts, tuple(tail),
        f"Step {index + 1}/{len(trace)} · {_heading(chain, namer)}",
    )  # fmt: skip


def _heading(chain: StepChain, namer: Namer) -> str:
    me = namer.title(chain.node)
    if not chain.links:
        return _("backward: {node}'s gradient is complete").format(node=me)
    return _("backward through {node}").format(node=op_and_name(chain.op, me))


def explain_step(trace: Trace, graph: Graph, index: int, lr: float | None = None) -> Explanation:
    """The explanation of `trace.steps[index]` (0-based), for the graph the trace came from.

    `lr`: the learning rate of the training, when known, for the update of a parameter.
    """
    step = trace.steps[index]
    namer = Namer(graph, trace)
    if isinstance(step, BackwardStep):
        return _backward(trace, graph, index, namer, lr)
    # A forward step says what the node computes (its sentence has the numbers); the
    # gate pattern describes how gradients flow back, so only backward steps carry it.
    sentence = forward_sentence(step, graph, namer)
    caption = f"Step {index + 1}/{len(trace)} · {forward_body(step, graph, namer)}"
    ins = zip(namer.inputs(step.input_edges), step.inputs, strict=True)
    tensors = [Tensor(n, "value", x) for n, x in ins if x.ndim]
    if step.outputs[0].ndim:
        tensors.append(Tensor(namer.port(step.node, 0), "value", step.outputs[0]))
    return Explanation(
        index, len(trace), "forward", step.node, caption, "", (sentence,), tuple(tensors)
    )


def forward_body(step: ForwardStep, graph: Graph, namer: Namer | None = None) -> str:
    """The one-line form of a forward step: 'forward through add q: q = x + y = -2 + 5 = 3'."""
    namer = namer or Namer(graph, Trace((step,), 1))
    sentence = forward_sentence(step, graph, namer)
    if get_op(step.op).is_leaf:
        return _("forward: {sentence}").format(sentence=sentence)
    me = op_and_name(step.op, namer.title(step.node))
    return _("forward through {node}: {sentence}").format(node=me, sentence=sentence)


def caption_at(trace: Trace | None, graph: Graph, k: int | None) -> str:
    """The player's caption for playhead k (None: the whole run is shown)."""
    if trace is None or len(trace) == 0:
        return _("Nothing to play yet: connect the graph up to an output.")
    n, nf = len(trace), trace.n_forward
    if k is None:
        return _("Whole run shown · {steps} ({nf} forward, {nb} backward)").format(
            steps=plural(n, "step"), nf=nf, nb=n - nf
        )
    if k <= 0:
        return _("Step 0/{n} · nothing computed yet - press → to step forward").format(n=n)
    return explain_step(trace, graph, min(k, n) - 1).caption
