"""core: the lecture's notes on a tensor step - shapes, diagonal Jacobians, Jᵀ · upstream.

For a backward step whose arrays are vectors or matrices: a gradient has the shape of
its variable; an elementwise op's local Jacobian is diagonal, so an elementwise product
suffices; and for small tensors, downstream = Jᵀ · upstream worked out with the numbers,
which agrees with the shortcut (dW = dq xᵀ, dx = Wᵀ dq, upstream ⊙ local).
"""

from __future__ import annotations

import numpy as np

from gradflow.core.chain import ELEMENTWISE, MATMUL_LEFT, Link, StepChain
from gradflow.core.chain_text import column
from gradflow.core.formatting import format_shape
from gradflow.core.i18n import _
from gradflow.core.naming import Namer


def entry_names(name: str, shape: tuple[int, ...]) -> tuple[str, ...]:
    """Names of the entries of `name`, row-major, 1-based: W → W11, W12, W21, W22; q → q1, q2."""
    if not shape:
        return (name,)
    sep = "," if any(n > 9 for n in shape) else ""
    return tuple(name + sep.join(str(i + 1) for i in idx) for idx in np.ndindex(*shape))


def _shortcut(chain: StepChain, link: Link, namer: Namer) -> str:
    me = namer.d(namer.title(chain.node))
    fwd = namer.forward.get(chain.node)
    if link.rule == ELEMENTWISE:
        return _("upstream ⊙ local")
    names = namer.inputs(fwd.input_edges) if fwd is not None else ["A", "B"]
    other = names[1 - link.edge.dst_port] if len(names) == 2 else "?"
    return f"{me} · {other}ᵀ" if link.rule == MATMUL_LEFT else f"{other}ᵀ · {me}"


def jacobian_sentence(chain: StepChain, link: Link, namer: Namer) -> str:
    """downstream = Jᵀ · upstream with the numbers, and that it equals the shortcut."""
    if link.jacobian is None:
        return ""
    me = namer.title(chain.node)
    to = namer.port(link.to, link.edge.src_port)
    jt_up = link.jacobian.T @ np.ravel(link.upstream)
    flat = np.ndim(link.downstream) > 1
    text = _(
        "with the local Jacobian J = {local} ({shape}): downstream = Jᵀ · upstream = "
        "{jt} · {up} = {result}"
    ).format(
        local=namer.local(me, to),
        shape=format_shape(link.jacobian.shape),
        jt=column(link.jacobian.T, max_items=16),
        up=column(np.ravel(link.upstream), max_items=16),
        result=column(jt_up, max_items=16),
    )
    if flat:
        text += " " + _("({x} flattened row-major: {entries})").format(
            x=to, entries=", ".join(entry_names(to, np.shape(link.downstream)))
        )
    agrees = np.allclose(jt_up.reshape(np.shape(link.downstream)), link.downstream)
    if agrees:
        text += "; " + _("the shortcut {shortcut} gives the same {result}").format(
            shortcut=_shortcut(chain, link, namer), result=column(link.downstream)
        )
    return text


def tensor_notes(chain: StepChain, namer: Namer) -> list[str]:
    """The notes of a step with vector or matrix arrays (none for an all-scalar step)."""
    notes: list[str] = []
    if not chain.links and np.ndim(chain.upstream):  # an input's own step
        me = namer.title(chain.node)
        notes.append(
            _("a gradient has the shape of its variable: {grad} is {shape}, like {x}").format(
                grad=namer.d(me), shape=format_shape(np.shape(chain.upstream)), x=me
            )
        )
    for link in chain.links:
        down = np.asarray(link.downstream)
        if down.ndim == 0 and np.ndim(link.upstream) == 0:
            continue
        to = namer.port(link.to, link.edge.src_port)
        notes.append(
            _("a gradient has the shape of its variable: {grad} is {shape}, like {x}").format(
                grad=namer.d(to), shape=format_shape(down.shape), x=to
            )
        )
        local = link.local
        same = local is not None and local.ndim > 0 and local.shape == down.shape
        if link.rule == ELEMENTWISE and same and np.shape(chain.output) == down.shape:
            notes.append(
                _(
                    "{op} is elementwise: its local Jacobian is diagonal, so the elementwise "
                    "product upstream ⊙ local is all of Jᵀ · upstream"
                ).format(op=chain.op)
            )
        if sentence := jacobian_sentence(chain, link, namer):
            notes.append(sentence)
    return list(dict.fromkeys(notes))  # one note once, in order
