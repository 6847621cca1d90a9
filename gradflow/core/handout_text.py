"""core: the words of a handout - each step's caption and explanation, or its blank version.

A walk-through page says what the player says at that step (caption, gate pattern, the
chain rule with numbers). A worksheet page keeps the forward steps as they are and, on
backward steps, leaves each term of upstream × local = downstream as a blank; the answer
key lists what the walk-through would have said. Built on `explain_step` and the chain
structure (`chain_at`); pure text, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gradflow.core.chain import chain_at
from gradflow.core.errors import GradflowError
from gradflow.core.explain import explain_step
from gradflow.core.formatting import format_shape
from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.core.naming import shown_name
from gradflow.core.trace import Trace

BLANK = "________"


class StepRangeError(GradflowError):
    """A --steps text that names no steps of this trace."""


@dataclass(frozen=True)
class HandoutPage:
    """One step's page: its 1-based number, phase, caption, pattern line and sentences."""

    step: int
    phase: str
    caption: str
    pattern: str
    lines: tuple[str, ...]
    answer: tuple[str, ...] = ()  # the key, on a blank page


def parse_steps(text: str | None, total: int) -> list[int]:
    """Step numbers (1-based) from '1-10', '3', '2,5-7' or '4-' (None: every step)."""
    if total == 0:
        raise StepRangeError(_("this graph has no steps to show"))
    if text is None or not text.strip():
        return list(range(1, total + 1))
    steps: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:(-)\s*(\d*)\s*)?", part)
        if not match:
            raise StepRangeError(
                _('--steps must look like 1-10 or 2,5-7, not "{text}"').format(text=text)
            )
        first = int(match[1])
        last = (int(match[3]) if match[3] else total) if match[2] else first
        if not 1 <= first <= last <= total:
            raise StepRangeError(
                _("--steps {part} is out of range: this graph has steps 1..{total}").format(
                    part=part.strip(), total=total
                )
            )
        steps.extend(k for k in range(first, last + 1) if k not in steps)
    return steps


def node_name(graph: Graph, node_id: str) -> str:
    """A node as the canvas shows it (the explanations' rule, `naming.shown_name`)."""
    node = graph.nodes.get(node_id)
    return shown_name(node.title) if node is not None else node_id


def page(trace: Trace, graph: Graph, step: int, blank: bool = False) -> HandoutPage:
    """The page of step `step` (1-based): the walk-through's words, or blanks to fill in."""
    exp = explain_step(trace, graph, step - 1)
    pattern = exp.pattern if exp.phase == "backward" else ""
    if not blank or exp.phase != "backward":
        return HandoutPage(step, exp.phase, exp.caption, pattern, exp.sentences)
    chain = chain_at(trace, graph, step - 1)
    assert chain is not None  # a backward step always has a chain
    loss = node_name(graph, trace.backward[0].node) if trace.backward else "L"
    me = node_name(graph, chain.node)
    head = _("Step {k}/{n} · backward through {node}: fill in the gradients").format(
        k=step, n=len(trace), node=f"{chain.op} {me}"
    )
    lines = []
    for link in chain.links:
        to = node_name(graph, link.to)
        if link.to in graph.nodes and graph.node(link.to).n_outputs > 1:
            to = f"{to}[{link.edge.src_port}]"  # which output of a copy
        grad = f"∂{loss}/∂{to}"
        if link.downstream.ndim:
            shape = format_shape(link.downstream.shape)
            lines.append(
                _("{grad} = {blank}  ({shape}, the shape of {node})").format(
                    grad=grad, blank=BLANK, shape=shape, node=to
                )
            )
        else:
            lines.append(_("{grad} = upstream {b} × local {b} = {b}").format(grad=grad, b=BLANK))
    if not chain.links:
        lines.append(f"∂{loss}/∂{me} = {BLANK}")
    return HandoutPage(step, "backward", head, pattern, tuple(lines), exp.sentences)


def pages(trace: Trace, graph: Graph, steps: list[int], blank: bool = False) -> list[HandoutPage]:
    """The page of every step in `steps`."""
    return [page(trace, graph, k, blank) for k in steps]
