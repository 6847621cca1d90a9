"""core: practice questions - the number a step is about to reveal, checked and diagnosed.

Before a forward step the student is asked the node's value; before a backward step,
the downstream gradient sent along each input edge (upstream × local = downstream).
Tensors of more than MAX_ASKED entries are shown, not asked. A wrong answer is
diagnosed by term - the upstream (left out, or only one of several arriving gradients),
the local gradient, or the downstream product (sign, added instead of multiplied) -
without giving the number away; hints come in order: gate pattern, local-gradient
formula, the answer. Pure numpy, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from gradflow.core.chain import Link, chain_at
from gradflow.core.formatting import format_array
from gradflow.core.grading import close_enough
from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.core.naming import Namer
from gradflow.core.ops import get_op
from gradflow.core.trace import ForwardStep, Trace

MAX_ASKED = 16
PATTERN_GATES = ("distributes", "swaps", "adds", "routes")
DEFAULT_TOLERANCE = 1e-2
GATE_TYPES = {  # the gate pattern key of an op -> the gate type a score is kept for
    "distributes": "add",
    "swaps": "mul",
    "adds": "copy",
    "routes": "max",
    "activation": "activation",
    "matrix": "matmul",
}


@dataclass(frozen=True)
class Unknown:
    """One number to predict: its label ('∂f/∂q'), the expected array, whether it is asked."""

    label: str
    expected: np.ndarray
    asked: bool
    link: Link | None = None


@dataclass(frozen=True)
class Question:
    """What step `step` (1-based) reveals, as numbers to predict."""

    step: int
    phase: str
    node: str
    gate_type: str
    prompt: str
    unknowns: tuple[Unknown, ...]
    hints: tuple[str, ...]
    arrivals: tuple[np.ndarray, ...] = ()  # gradients arriving from several consumers

    @property
    def asked(self) -> tuple[Unknown, ...]:
        """The unknowns the student types (small enough to ask)."""
        return tuple(u for u in self.unknowns if u.asked)


@dataclass(frozen=True)
class Feedback:
    """The verdict on one try: right, or which unknowns are off and which term is wrong."""

    right: bool
    wrong: tuple[int, ...] = ()  # indexes into Question.asked
    term: str = ""  # 'value', 'upstream', 'local' or 'downstream'
    message: str = ""


def gate_type(op: str) -> str:
    """The gate type practice scores: add, mul, copy, max, activation, matmul, else the op.

    The four gate patterns name a type only for gates (sum also distributes, but it is
    not an add gate).
    """
    spec = get_op(op)
    gate = GATE_TYPES.get(spec.gate)
    if gate is None or (spec.gate in PATTERN_GATES and spec.category != "gates"):
        return op
    return gate


def question_at(trace: Trace, graph: Graph, step: int) -> Question | None:
    """The question before step `step` (1-based); None where it reveals nothing to predict."""
    s = trace.steps[step - 1]
    spec = get_op(s.op)
    namer = Namer(graph, trace)
    me = namer.title(s.node)
    if isinstance(s, ForwardStep):
        if spec.arity == 0:
            return None  # an input or constant: its value is given
        out = np.asarray(s.outputs[0])
        unknowns: tuple[Unknown, ...] = (Unknown(me, out, out.size <= MAX_ASKED),)
        prompt = _("Step {k}: what value does {node} compute?").format(k=step, node=me)
        hints = (spec.formula, _("{node} = {formula} with the input values").format(
            node=me, formula=spec.formula), _("the answer: {node} = {value}").format(
            node=me, value=format_array(out)))  # fmt: skip
    else:
        chain = chain_at(trace, graph, step - 1)
        if chain is None or not chain.links:
            return None  # an input: its gradient has already arrived
        names = namer.inputs([link.edge for link in chain.links])
        unknowns = tuple(
            Unknown(
                namer.d(n), np.asarray(link.downstream), link.downstream.size <= MAX_ASKED, link
            )
            for n, link in zip(names, chain.links, strict=True)
        )
        prompt = _("Step {k}: what gradient does {node} send to {inputs}?").format(
            k=step, node=me, inputs=", ".join(names)
        )
        answer = "; ".join(f"{u.label} = {format_array(u.expected)}" for u in unknowns)
        hints = (_(spec.pattern), _("local gradient: {rule}").format(rule=_(spec.local_rule)),
                 _("the answer: {answer}").format(answer=answer))  # fmt: skip
    if not any(u.asked for u in unknowns):
        return None
    arrivals = () if isinstance(s, ForwardStep) else tuple(a.grad for a in s.upstream)
    return Question(step, s.phase, s.node, gate_type(s.op), prompt, unknowns, hints,
                    arrivals if len(arrivals) > 1 else ())  # fmt: skip


def check(
    question: Question,
    answers: Mapping[int, np.ndarray | None],
    tolerance: float = DEFAULT_TOLERANCE,
) -> Feedback:
    """Compare answers (by index into `question.asked`) with the expected numbers."""
    asked = question.asked
    wrong = tuple(
        i
        for i, u in enumerate(asked)
        if (given := answers.get(i)) is None or not close_enough(given, u.expected, tolerance)
    )
    if not wrong:
        return Feedback(True)
    first = asked[wrong[0]]
    answer = answers.get(wrong[0])
    if answer is None:
        return Feedback(False, wrong, "", _("Type a number for {label} first.").format(
            label=first.label))  # fmt: skip
    if first.link is None:
        return Feedback(False, wrong, "value", _(
            "The value is off: work out the formula again from the input values."))  # fmt: skip
    term = diagnose(first.link, np.asarray(answer, dtype=np.float64), tolerance, question.arrivals)
    return Feedback(False, wrong, term, term_message(term, first.label))


def diagnose(
    link: Link, answer: np.ndarray, tolerance: float, arrivals: tuple[np.ndarray, ...] = ()
) -> str:
    """Which term of upstream × local = downstream a wrong answer got wrong."""
    up, down = np.asarray(link.upstream), np.asarray(link.downstream)

    def near(x: np.ndarray) -> bool:
        return np.shape(x) == answer.shape and close_enough(answer, x, tolerance)

    if near(-down) and bool(np.any(down != 0)):
        return "downstream"  # the sign
    if link.local is not None and np.shape(link.local) == answer.shape:
        loc = np.asarray(link.local)
        if near(loc) and not np.allclose(up, 1):
            return "upstream"  # the upstream gradient was left out
        if near(up) and not np.allclose(loc, 1):
            return "local"  # passed the upstream on as if the local gradient were 1
        for arrival in arrivals:
            if near(np.asarray(arrival) * loc):
                return "upstream"  # only one of the gradients arriving from the branches
        if near(up + loc) or near(up - loc):
            return "downstream"  # added instead of multiplied
    return "local"


def term_message(term: str, label: str) -> str:
    """What to check, by term, without the number."""
    messages = {
        "upstream": _(
            "{label}: the upstream term is off - multiply by the whole gradient arriving "
            "from above (all arriving gradients added)."
        ),
        "local": _(
            "{label}: the local gradient is off - how does this gate's output change with "
            "this input?"
        ),
        "downstream": _(
            "{label}: the downstream product is off - upstream × local, check the sign and "
            "the multiplication."
        ),
    }
    return messages[term].format(label=label)
