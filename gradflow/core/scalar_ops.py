"""core: the op registry's scalar rules - each op's forward and local derivative on floats.

The scalar fast path (`scalar_plan`) runs graphs whose values are all 0-d on plain
Python floats. Each rule repeats, on floats, the exact arithmetic of the op's numpy rule
in `ops.py`, in the same order, so both paths give the same bits: transcendental
functions call the numpy ufunc itself (math.exp and math.tanh differ from numpy in
the last bit), and `max`/`relu` follow numpy's NaN and tie semantics. Formulas and
explanations stay in the registry; this table holds arithmetic only.

A rule is `forward(a, b, c) -> y` and `local(a, b, y, c) -> (dy/da, dy/db)`; unary ops
ignore b and return 0.0 for it; c is the op's constant (add_const, mul_const), else 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from gradflow.core.op_math import check_log_domain, check_pow_domain

ScalarForward = Callable[[float, float, float], float]
ScalarLocal = Callable[[float, float, float, float], "tuple[float, float]"]


@dataclass(frozen=True)
class ScalarRule:
    """One op on floats. `zero_guard`: a zero upstream sends exactly 0 (exp: 0·∞ is not NaN)."""

    forward: ScalarForward
    local: ScalarLocal
    zero_guard: bool = False


def _max(a: float, b: float) -> float:
    # np.maximum: NaN wins, and on a tie the second operand is returned (matters for ±0)
    return a if a > b or a != a else b


def _reciprocal(a: float) -> float:
    return 1.0 / a if a else math.copysign(math.inf, a)


def _exp(a: float) -> float:
    return float(np.exp(a))


def _sigmoid(a: float) -> float:
    e = float(np.exp(-abs(a)))
    return 1 / (1 + e) if a >= 0 else e / (1 + e)


def _tanh(a: float) -> float:
    return float(np.tanh(a))


def _divide(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:  # numpy's answer: ±inf, or nan for 0/0
        with np.errstate(all="ignore"):
            return float(np.divide(a, b))


def _pow(a: float, c: float) -> float:
    check_pow_domain(np.asarray(a), c)
    with np.errstate(all="ignore"):
        return float(np.power(a, c))


def _pow_local(a: float, c: float) -> float:
    with np.errstate(all="ignore"):
        return c * float(np.power(a, c - 1.0))


def _log(a: float) -> float:
    check_log_domain(np.asarray(a))
    return float(np.log(a))


def _sign(a: float) -> float:
    # np.sign: NaN stays NaN, both zeros give 0
    return 1.0 if a > 0 else -1.0 if a < 0 else a if a != a else 0.0


def _mse_local(a: float, b: float, _y: float, _c: float) -> tuple[float, float]:
    g = (a - b) * 2.0
    return g, -g


def _mse(a: float, b: float, _c: float) -> float:
    d = a - b
    return d * d


SCALAR_RULES: Mapping[str, ScalarRule] = {
    "add": ScalarRule(lambda a, b, c: a + b, lambda a, b, y, c: (1.0, 1.0)),
    "mul": ScalarRule(lambda a, b, c: a * b, lambda a, b, y, c: (b, a)),
    "copy": ScalarRule(lambda a, b, c: a, lambda a, b, y, c: (1.0, 0.0)),
    "max": ScalarRule(
        lambda a, b, c: _max(a, b), lambda a, b, y, c: (1.0, 0.0) if a >= b else (0.0, 1.0)
    ),
    "neg": ScalarRule(lambda a, b, c: -a, lambda a, b, y, c: (-1.0, 0.0)),
    "exp": ScalarRule(lambda a, b, c: _exp(a), lambda a, b, y, c: (y, 0.0), zero_guard=True),
    "reciprocal": ScalarRule(lambda a, b, c: _reciprocal(a), lambda a, b, y, c: (-(y * y), 0.0)),
    "add_const": ScalarRule(lambda a, b, c: a + c, lambda a, b, y, c: (1.0, 0.0)),
    "mul_const": ScalarRule(lambda a, b, c: a * c, lambda a, b, y, c: (c, 0.0)),
    "square": ScalarRule(lambda a, b, c: a * a, lambda a, b, y, c: (2 * a, 0.0)),
    "sub": ScalarRule(lambda a, b, c: a - b, lambda a, b, y, c: (1.0, -1.0)),
    "div": ScalarRule(
        lambda a, b, c: _divide(a, b), lambda a, b, y, c: (_divide(1.0, b), _divide(-y, b))
    ),
    "pow": ScalarRule(lambda a, b, c: _pow(a, c), lambda a, b, y, c: (_pow_local(a, c), 0.0)),
    "log": ScalarRule(lambda a, b, c: _log(a), lambda a, b, y, c: (_divide(1.0, a), 0.0)),
    "abs": ScalarRule(lambda a, b, c: abs(a), lambda a, b, y, c: (_sign(a), 0.0)),
    "linear": ScalarRule(lambda a, b, c: a, lambda a, b, y, c: (1.0, 0.0)),
    "sigmoid": ScalarRule(lambda a, b, c: _sigmoid(a), lambda a, b, y, c: (y * (1 - y), 0.0)),
    "tanh": ScalarRule(lambda a, b, c: _tanh(a), lambda a, b, y, c: (1 - y * y, 0.0)),
    "relu": ScalarRule(
        lambda a, b, c: a if a > 0 or a != a else 0.0,
        lambda a, b, y, c: (1.0 if a > 0 else 0.0, 0.0),
    ),
    # np.sum adds to a zero: the sum of -0.0 is +0.0
    "sum": ScalarRule(lambda a, b, c: 0.0 + a, lambda a, b, y, c: (1.0, 0.0)),
    "mse": ScalarRule(_mse, _mse_local),
}
