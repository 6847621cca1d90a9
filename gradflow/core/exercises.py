"""core: seeded exercises by level - fresh graphs with small round numbers to work by hand.

Level 1 is a single gate, 2 a chain of 3-5 gates, 3 fan-out (a variable used twice,
through a copy gate), 4 a neuron (the lecture's w0·x0 + w1·x1 + w2 into an activation,
sometimes the sigmoid written out as −, exp, +1 and 1/x gates), 5 vectors and a matmul.
Inputs are small whole numbers; a draw that lands on a kink (max of a tie, ReLU at 0) or
on big numbers is drawn again from the same random stream, so a seed always gives the
same graph and the same file bytes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from gradflow.core.engine import run
from gradflow.core.errors import GradflowError
from gradflow.core.exercise_builder import ExerciseBuilder
from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.core.ops import REGISTRY, get_op, unknown_op_message
from gradflow.core.trace import ForwardStep

LEVELS = (1, 2, 3, 4, 5)
BINARY = tuple(op for op in ("add", "mul", "max", "sub") if op in REGISTRY)
UNARY = ("neg", "square")
ACTIVATIONS = ("sigmoid", "tanh", "relu")
VECTOR_STEPS = ("square", "relu", "sigmoid", "tanh")
DEFAULT_OPS = ("add", "mul", "max", "sigmoid", "tanh", "relu", "square")
EXERCISE_OPS = (*BINARY, *UNARY, *ACTIVATIONS)
MAX_MAGNITUDE = 100.0  # no value or gradient beyond this: the arithmetic stays mental
MAX_TRIES = 500
MAX_SQUASHED = 3.0  # sigmoid and tanh inputs beyond this give gradients of about 0
INPUT_NAMES = ("x", "y", "z", "w", "v", "u")
GATE_NAMES = ("q", "r", "s", "t")


class ExerciseError(GradflowError):
    """An exercise that cannot be made (unknown level, ops that do not fit the level)."""


@dataclass(frozen=True)
class _Pools:
    binary: tuple[str, ...]
    unary: tuple[str, ...]
    activations: tuple[str, ...]
    vector: tuple[str, ...]


def level_name(level: int) -> str:
    """What a level practises, as its exercise titles say it."""
    names = {
        1: _("a single gate"),
        2: _("a chain of gates"),
        3: _("fan-out"),
        4: _("a neuron"),
        5: _("vectors and a matmul"),
    }
    return names[level]


def make_exercise(level: int, seed: int, ops: Iterable[str] | None = None) -> Graph:
    """Exercise `level`.`seed`: a laid-out, titled graph; the same arguments, the same graph.

    `ops` limits the gates drawn (e.g. ("add", "max")); ExerciseError if the level
    cannot be built from them.
    """
    if isinstance(level, bool) or level not in LEVELS:
        raise ExerciseError(_("the level must be 1 to 5, not {level}").format(level=level))
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ExerciseError(_("the seed must be a whole number ≥ 0, not {seed}").format(seed=seed))
    pools = _pools(ops)
    rng = random.Random(f"gradflow exercise {level}.{seed}")
    title = _("Exercise {level}.{seed}: {kind}").format(
        level=level, seed=seed, kind=level_name(level)
    )
    task = _("Find every node's value and gradient.")
    for _try in range(MAX_TRIES):
        builder, output = _BUILDERS[level](rng, pools)
        graph = builder.finish(output, title, task)
        if well_conditioned(graph):
            return graph
    raise ExerciseError(_("no well-conditioned exercise found for these ops"))  # pragma: no cover


def well_conditioned(graph: Graph) -> bool:
    """Small finite numbers, no max tie or ReLU input at 0 (kinks), no saturated squashing."""
    result = run(graph)
    arrays = [a for vals in (*result.values.values(), *result.grads.values()) for a in vals]
    if not all(np.all(np.abs(a) <= MAX_MAGNITUDE) for a in arrays):
        return False
    assert result.trace is not None  # recorded by default
    for step in result.trace.forward:
        if isinstance(step, ForwardStep) and _at_kink(step):
            return False
    return True


def _at_kink(step: ForwardStep) -> bool:
    spec = get_op(step.op)
    if spec.routes:  # max: a near-tie is as confusing as a tie
        return bool(np.any(np.abs(step.inputs[0] - step.inputs[1]) < 1))
    if spec.kink is not None:
        return bool(np.any(spec.kink(step.inputs)))
    if spec.squashes:
        return bool(np.any(np.abs(step.inputs[0]) > MAX_SQUASHED))
    return False


def _pools(ops: Iterable[str] | None) -> _Pools:
    chosen = tuple(DEFAULT_OPS if ops is None else ops)
    for op in chosen:
        if op not in REGISTRY:
            raise ExerciseError(unknown_op_message(op))
        if op not in EXERCISE_OPS:
            raise ExerciseError(
                _('exercises do not draw "{op}" gates; they draw {ops}').format(
                    op=op, ops=", ".join(EXERCISE_OPS)
                )
            )
    return _Pools(
        tuple(op for op in BINARY if op in chosen),
        tuple(op for op in UNARY if op in chosen),
        tuple(op for op in ACTIVATIONS if op in chosen) or ACTIVATIONS,
        tuple(op for op in VECTOR_STEPS if op in chosen) or ("square", "relu"),
    )


def _need(pool: tuple[str, ...], level: int, what: str) -> tuple[str, ...]:
    if not pool:
        raise ExerciseError(
            _("level {level} needs {what} among --ops").format(level=level, what=what)
        )
    return pool


def _number(rng: random.Random, limit: int = 5) -> float:
    """A whole number in -limit..limit other than 0 (a 0 hides what a gate does)."""
    return float(rng.choice([n for n in range(-limit, limit + 1) if n != 0]))


def _single_gate(rng: random.Random, pools: _Pools) -> tuple[ExerciseBuilder, str]:
    b = ExerciseBuilder()
    op = rng.choice(_need(pools.binary + pools.unary, 1, _("a gate")))
    x = b.input("x", _number(rng))
    if op in pools.unary:
        return b, b.gate(op, "f", x)
    return b, b.gate(op, "f", x, b.input("y", _number(rng)))


def _chain(rng: random.Random, pools: _Pools) -> tuple[ExerciseBuilder, str]:
    b = ExerciseBuilder()
    binary = _need(pools.binary, 2, _("a two-input gate"))
    n = rng.randint(3, 5)
    names = [*GATE_NAMES[: n - 1], "f"]
    inputs = iter(INPUT_NAMES)
    cur = b.gate(rng.choice(binary), names[0], *(b.input(next(inputs), _number(rng)) for _ in "ab"))
    for name in names[1:]:
        op = rng.choice(binary + pools.unary)
        if op in pools.unary:
            cur = b.gate(op, name, cur)
            continue
        fresh = b.input(next(inputs), _number(rng))
        cur = b.gate(op, name, *((cur, fresh) if rng.random() < 0.5 else (fresh, cur)))
    return b, cur


def _fan_out(rng: random.Random, pools: _Pools) -> tuple[ExerciseBuilder, str]:
    b = ExerciseBuilder()
    binary = _need(pools.binary, 3, _("a two-input gate"))
    x = b.input("x", _number(rng, 4))
    y = b.input("y", _number(rng, 4))
    c = b.gate("copy", "c", x, outputs=2)
    q = b.gate(rng.choice(binary), "q", (c, 0), y)
    if rng.random() < 0.5:
        other = b.gate(rng.choice(binary), "r", (c, 1), b.input("z", _number(rng, 4)))
        return b, b.gate(rng.choice(binary), "f", q, other)
    return b, b.gate(rng.choice(binary), "f", q, (c, 1))


def _neuron(rng: random.Random, pools: _Pools) -> tuple[ExerciseBuilder, str]:
    b = ExerciseBuilder()
    w0, x0 = b.input("w0", _number(rng, 3)), b.input("x0", _number(rng, 3))
    w1, x1 = b.input("w1", _number(rng, 3)), b.input("x1", _number(rng, 3))
    w2 = b.input("w2", _number(rng, 3))
    p0, p1 = b.gate("mul", "p0", w0, x0), b.gate("mul", "p1", w1, x1)
    z = b.gate("add", "z", b.gate("add", "s", p0, p1), w2)
    act = rng.choice(pools.activations)
    if act == "sigmoid" and rng.random() < 0.5:  # the lecture's sigmoid, gate by gate
        e = b.gate("exp", "e", b.gate("neg", "n", z))
        return b, b.gate("reciprocal", "f", b.gate("add_const", "d", e, c=1.0))
    return b, b.gate(act, "f", z)


def _matmul(rng: random.Random, pools: _Pools) -> tuple[ExerciseBuilder, str]:
    b = ExerciseBuilder()
    n = rng.randint(2, 3)
    w = b.input("W", [[_number(rng, 3) for _ in range(n)] for _ in range(2)])
    x = b.input("x", [_number(rng, 2) for _ in range(n)])
    y = b.gate(rng.choice(pools.vector), "y", b.gate("matmul", "q", w, x))
    return b, b.gate("sum", "f", y)


_BUILDERS: dict[int, Callable[[random.Random, _Pools], tuple[ExerciseBuilder, str]]] = {
    1: _single_gate,
    2: _chain,
    3: _fan_out,
    4: _neuron,
    5: _matmul,
}
