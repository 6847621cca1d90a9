"""core: the scalar rules the registry entries carry - each op's forward and derivative on floats.

The scalar fast path (`scalar_plan`) runs graphs whose values are all 0-d on plain
Python floats. Each rule repeats, on floats, the exact arithmetic of the op's numpy rule
in `op_rules.py`, in the same order, so both paths give the same bits: transcendental
functions call the numpy ufunc itself (math.exp and math.tanh differ from numpy in
the last bit), and `max`/`relu` follow numpy's NaN and tie semantics. Formulas and
explanations stay in the registry entries; this module holds arithmetic only
(see `op_spec.ScalarRule` for the calling convention).
"""

from __future__ import annotations

import math

import numpy as np

from gradflow.core.op_math import check_log_domain, check_pow_domain
from gradflow.core.op_spec import ScalarRule


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


# One rule per op, named after it; each registry entry points at its own.
ADD = ScalarRule(lambda a, b, c: a + b, lambda a, b, y, c: (1.0, 1.0))
MUL = ScalarRule(lambda a, b, c: a * b, lambda a, b, y, c: (b, a))
COPY = ScalarRule(lambda a, b, c: a, lambda a, b, y, c: (1.0, 0.0))
MAX = ScalarRule(
    lambda a, b, c: _max(a, b), lambda a, b, y, c: (1.0, 0.0) if a >= b else (0.0, 1.0)
)
NEG = ScalarRule(lambda a, b, c: -a, lambda a, b, y, c: (-1.0, 0.0))
EXP = ScalarRule(lambda a, b, c: _exp(a), lambda a, b, y, c: (y, 0.0), zero_guard=True)
RECIPROCAL = ScalarRule(lambda a, b, c: _reciprocal(a), lambda a, b, y, c: (-(y * y), 0.0))
ADD_CONST = ScalarRule(lambda a, b, c: a + c, lambda a, b, y, c: (1.0, 0.0))
MUL_CONST = ScalarRule(lambda a, b, c: a * c, lambda a, b, y, c: (c, 0.0))
SQUARE = ScalarRule(lambda a, b, c: a * a, lambda a, b, y, c: (2 * a, 0.0))
SUB = ScalarRule(lambda a, b, c: a - b, lambda a, b, y, c: (1.0, -1.0))
DIV = ScalarRule(
    lambda a, b, c: _divide(a, b), lambda a, b, y, c: (_divide(1.0, b), _divide(-y, b))
)
POW = ScalarRule(lambda a, b, c: _pow(a, c), lambda a, b, y, c: (_pow_local(a, c), 0.0))
LOG = ScalarRule(lambda a, b, c: _log(a), lambda a, b, y, c: (_divide(1.0, a), 0.0))
ABS = ScalarRule(lambda a, b, c: abs(a), lambda a, b, y, c: (_sign(a), 0.0))
LINEAR = ScalarRule(lambda a, b, c: a, lambda a, b, y, c: (1.0, 0.0))
SIGMOID = ScalarRule(lambda a, b, c: _sigmoid(a), lambda a, b, y, c: (y * (1 - y), 0.0))
TANH = ScalarRule(lambda a, b, c: _tanh(a), lambda a, b, y, c: (1 - y * y, 0.0))
RELU = ScalarRule(
    lambda a, b, c: a if a > 0 or a != a else 0.0,
    lambda a, b, y, c: (1.0 if a > 0 else 0.0, 0.0),
)
# np.sum adds to a zero: the sum of -0.0 is +0.0
SUM = ScalarRule(lambda a, b, c: 0.0 + a, lambda a, b, y, c: (1.0, 0.0))
MSE = ScalarRule(_mse, _mse_local)
