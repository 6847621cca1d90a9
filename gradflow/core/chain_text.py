"""core: a StepChain in words - the caption line, `gradflow trace` text and the sentences.

Every backward step reads upstream × local = downstream with each term labelled; a
gradient that is one of several contributions is said to be one ("x2 gets ... from m12
(2 of 2)"), and the sum appears once all of them have arrived, in arrival order. Vectors
are columns: [a; b] is a column, [a, b] a row (a column's transpose). Every sentence is a
template through `_` (core/i18n.py); numbers are formatted outside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradflow.core.chain import ELEMENTWISE, JACOBIAN, MATMUL_LEFT, Link, StepChain, Total
from gradflow.core.formatting import format_array, format_number, format_shape
from gradflow.core.i18n import _
from gradflow.core.naming import Namer, op_and_name
from gradflow.core.ops import get_op
from gradflow.core.words import gate_phrase, kink_sentence, step_phrase


def column(arr: np.ndarray, wrap: bool = False, max_items: int = 6) -> str:
    """A value for a formula: a 1-D vector as a column [a; b], a matrix row by row.

    With `wrap`, a negative scalar is parenthesised (an operator precedes it).
    """
    arr = np.asarray(arr)
    if arr.ndim == 1 and arr.size <= max_items:
        return "[" + "; ".join(format_number(v) for v in arr) + "]"
    text = format_array(arr, max_items=max_items)
    return f"({text})" if wrap and text.startswith("-") else text


def row(arr: np.ndarray) -> str:
    """A column vector's transpose written as a row: [a, b]."""
    return format_array(np.asarray(arr))


def shape_as_matrix(arr: np.ndarray, transposed: bool = False) -> str:
    """A shape in the lecture's column convention: a 2-vector is 2×1, its transpose 1×2."""
    shape = np.shape(arr)
    if not shape:
        return format_shape(shape)
    if len(shape) == 1:
        return f"1×{shape[0]}" if transposed else f"{shape[0]}×1"
    if transposed and len(shape) == 2:
        return f"{shape[1]}×{shape[0]}"
    return format_shape(shape)


def _sum_text(total: Total) -> str:
    terms = " + ".join(column(t.grad, wrap=i > 0) for i, t in enumerate(total.terms))
    return f"{terms} = {column(total.sum)}"


def total_sentence(total: Total, namer: Namer, pattern: bool = True) -> str:
    """'∂L/∂x2 = 0 + (-0.2448) = -0.2448: copy adds' - the terms in the order they arrived.

    Without `pattern` the closing 'copy adds' is left out (a copy gate's step says it).
    """
    grad = namer.d(namer.title(total.node))
    if not pattern:
        return f"{grad} = {_sum_text(total)}"
    return _("{grad} = {sum}: {pattern}").format(
        grad=grad, sum=_sum_text(total), pattern=gate_phrase("adds")
    )


def _other_name(chain: StepChain, link: Link, namer: Namer) -> str:
    fwd = namer.forward.get(chain.node)
    if fwd is None or len(fwd.input_edges) < 2:
        return "?"
    return namer.inputs(fwd.input_edges)[1 - link.edge.dst_port]


@dataclass(frozen=True)
class LinkParts:
    """One link's terms as text, for every renderer: each term with its symbol and number.

    `local_first` (dB = Aᵀ · G) puts the local term before the upstream one; `shapes` is
    the matrix shapes' product ('2×1 · 1×2 = 2×2') or ''; `completes` the sum sentence
    when this link brings the last contribution.
    """

    lead: str
    up_symbol: str
    up: str
    local_symbol: str
    local: str
    down_symbol: str
    down: str
    op: str
    local_first: bool = False
    shapes: str = ""
    completes: str = ""


def link_parts(chain: StepChain, link: Link, namer: Namer) -> LinkParts:
    """The text of every term of `link` (see LinkParts)."""
    me = namer.title(chain.node)
    to = namer.port(link.to, link.edge.src_port)
    if link.contribution is None:
        lead, down_symbol = _("to {to}").format(to=to), namer.d(to)
    else:
        k, n = link.contribution
        lead = _("{to} gets a contribution from {node} ({k} of {n})").format(
            to=namer.title(link.to), node=me, k=k, n=n
        )
        down_symbol = ""  # a contribution is not yet ∂L/∂to
    completes = ""
    if link.completes is not None:
        completes = _("all {n} have arrived, so {total}").format(
            n=len(link.completes.terms), total=total_sentence(link.completes, namer)
        )
    up, down = column(link.upstream), column(link.downstream)
    if link.rule == ELEMENTWISE and link.local is not None:
        tensor = bool(np.ndim(link.upstream) or np.ndim(link.local))
        return LinkParts(
            lead, namer.d(me), up, namer.local(me, to), column(link.local),
            down_symbol, down, "⊙" if tensor else "×", completes=completes,
        )  # fmt: skip
    if link.factor is not None and link.rule != JACOBIAN:
        f, g = np.asarray(link.factor), np.asarray(link.upstream)
        other = _other_name(chain, link, namer) + "ᵀ"
        left = link.rule == MATMUL_LEFT
        # vectors are columns: dW = dq xᵀ (2×1 · 1×2); a row vector a (a @ B) gives
        # dB = a gᵀ and da = g Bᵀ with g written as a row
        g_row = g.ndim == 1 and (f.ndim == 2 if left else f.ndim == 1)
        up_text = row(g) if g_row else up
        up_shape = f"1×{g.size}" if g_row else shape_as_matrix(g)
        if f.ndim == 1 and not left:
            other = other[:-1]  # q = aᵀ B: dB = a gᵀ, with a itself (a column)
            f_text, f_shape = column(f), f"{f.size}×1"
        elif f.ndim == 1:
            f_text, f_shape = row(f), f"1×{f.size}"
        else:
            f_text = column(np.swapaxes(f, -1, -2))
            f_shape = shape_as_matrix(f, transposed=True)
        pair = (up_shape, f_shape) if left else (f_shape, up_shape)
        d_shape = f"1×{np.size(link.downstream)}" if g_row and left else None
        shapes = f"{pair[0]} · {pair[1]} = {d_shape or shape_as_matrix(link.downstream)}"
        return LinkParts(
            lead, namer.d(me), up_text, other, f_text, down_symbol, down, "·",
            local_first=not left, shapes=shapes, completes=completes,
        )  # fmt: skip
    return LinkParts(
        lead, namer.d(me), up, "J = " + namer.local(me, to), "Jᵀ", down_symbol, down, "·",
        local_first=True, completes=completes,
    )  # fmt: skip


def _terms(p: LinkParts) -> str:
    """'upstream -4 (∂f/∂q) × local 1 (∂q/∂x) = downstream -4 (∂f/∂x)', in the lecture's order.

    A symbol that would read like another term's (∂f/∂q for both local and downstream at
    the output, where L = f) is left out, as is a contribution's (it is not yet ∂L/∂x).
    """
    local_symbol = "" if p.local_symbol == p.down_symbol else p.local_symbol

    def term(value: str, symbol: str) -> str:
        return f"{value} ({symbol})" if symbol else value

    up, local = term(p.up, p.up_symbol), term(p.local, local_symbol)
    down = term(p.down, p.down_symbol)
    if p.local_first:
        text = _("local {local} {op} upstream {up} = downstream {down}")
    else:
        text = _("upstream {up} {op} local {local} = downstream {down}")
    text = text.format(up=up, op=p.op, local=local, down=down)
    return f"{text}, {p.shapes}" if p.shapes else text


def link_sentence(chain: StepChain, link: Link, namer: Namer) -> str:
    """One input edge in the lecture's words, every term labelled by its role."""
    p = link_parts(chain, link, namer)
    text = f"{p.lead}: {_terms(p)}"
    return f"{text}; {p.completes}" if p.completes else text


def upstream_sentence(chain: StepChain, namer: Namer) -> str:
    """Where the step's upstream gradient comes from: the seed, one consumer, or a sum."""
    me = namer.title(chain.node)
    if chain.seed and chain.total is None:
        return _("the output's gradient with respect to itself is 1: {grad} = 1").format(
            grad=namer.d(me)
        )
    if chain.total is not None:
        return total_sentence(chain.total, namer)
    return _("upstream {grad} = {value}").format(grad=namer.d(me), value=column(chain.upstream))


def leaf_sentence(
    chain: StepChain, namer: Namer, lr: float | None = None, value: bool = True
) -> str:
    """What an input's gradient is for: updating a parameter, or reading off a data input.

    With `value`, the sentence says the gradient's number too.
    """
    me = namer.title(chain.node)
    grad = f"{namer.d(me)} = {column(chain.upstream)}" if value else namer.d(me)
    if chain.leaf == "data":
        return _(
            "{x} is data: its gradient {grad} tells how the output would change with {x} "
            "(gradient descent does not change it)"
        ).format(x=me, grad=grad)
    text = _("{x} is trainable: gradient descent uses its gradient {grad} to update it, {rule}")
    text = text.format(x=me, grad=grad, rule=f"{me} ← {me} − lr · {namer.d(me)}")
    fwd = namer.forward.get(chain.node)
    if lr is not None and fwd is not None:
        x = fwd.outputs[0]
        new = x - lr * chain.upstream
        text += f" = {column(x)} − {format_number(lr)} · {column(chain.upstream, True)}"
        text += f" = {column(new)}"
    return text


def kink_text(chain: StepChain, namer: Namer) -> str:
    """The convention gradflow uses at a non-differentiable point of this step ('' if none)."""
    if not chain.kink:
        return ""
    fwd = namer.forward.get(chain.node)
    names = namer.inputs(fwd.input_edges) if fwd is not None else ["x"]
    a, b = (names + names)[:2]
    return kink_sentence(chain.kink).format(a=a, b=b, x=a)


def head_sentences(chain: StepChain, namer: Namer) -> list[str]:
    """What comes before the links: the seed, or the upstream gradient (a sum, if gathered).

    An input with one consumer has none: its leaf sentence says its gradient.
    """
    if chain.leaf and chain.total is None:
        return []
    out = [upstream_sentence(chain, namer)]
    if chain.seed and chain.total is not None:
        out.insert(0, _("the output's gradient with respect to itself is 1"))
    return out


def tail_sentences(chain: StepChain, namer: Namer, lr: float | None = None) -> list[str]:
    """What comes after the links: a non-differentiable point, what an input's gradient is for."""
    out = []
    if kink := kink_text(chain, namer):
        out.append(kink)
    if chain.leaf:
        out.append(leaf_sentence(chain, namer, lr, value=chain.total is None))
    return out


def step_sentences(chain: StepChain, namer: Namer, lr: float | None = None) -> list[str]:
    """The sentences of one backward step, in reading order."""
    links = [link_sentence(chain, link, namer) for link in chain.links]
    return head_sentences(chain, namer) + links + tail_sentences(chain, namer, lr)


def _wrap(text: str) -> str:
    """A negative number after an operator goes in parentheses: 1 × (-4)."""
    return f"({text})" if text.startswith("-") else text


def _caption_item(chain: StepChain, link: Link, namer: Namer) -> str:
    p = link_parts(chain, link, namer)
    if p.local_first:
        product = f"{p.local} {p.op} {_wrap(p.up)} = {p.down}"
    else:
        product = f"{p.up} {p.op} {_wrap(p.local)} = {p.down}"
    if p.shapes:
        product += f" ({p.shapes})"
    if link.contribution is None:
        to = namer.port(link.to, link.edge.src_port)
        return _("to {to} {product}").format(to=to, product=product)
    to = namer.title(link.to)  # a contribution to the node's gradient, whichever port
    k, n = link.contribution
    text = _("{to} gets {product} from {node} ({k} of {n})").format(
        to=to, product=product, node=namer.title(chain.node), k=k, n=n
    )
    if link.completes is not None:
        text += ", " + _("so {total}").format(total=total_sentence(link.completes, namer))
    return text


def caption_body(chain: StepChain, namer: Namer, lr: float | None = None) -> str:
    """The one-line form of a backward step (the player's caption, `gradflow trace`)."""
    me = namer.title(chain.node)
    if not chain.links:  # an input: its gradient is complete
        text = _("backward: {node}'s gradient is complete").format(node=me)
        if chain.total is not None:
            text += ": " + total_sentence(chain.total, namer)
        if chain.leaf:
            text += " · " + leaf_sentence(chain, namer, lr, value=chain.total is None)
        else:
            text += f": {namer.d(me)} = {column(chain.upstream)}"
        return text
    where = _("backward through {node} · {pattern}").format(
        node=op_and_name(chain.op, me),
        pattern=step_phrase(chain.gate, get_op(chain.op).local_rule),
    )
    parts = [where]
    if chain.seed:
        parts.append(_("the output's gradient with respect to itself is 1"))
    elif chain.total is not None:
        parts.append(total_sentence(chain.total, namer, pattern=chain.gate != "adds"))
    items = "; ".join(_caption_item(chain, link, namer) for link in chain.links)
    parts.append(_("upstream × local = downstream: {items}").format(items=items))
    if kink := kink_text(chain, namer):
        parts.append(kink)
    return " · ".join(parts)
