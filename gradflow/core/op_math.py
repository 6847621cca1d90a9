"""core: numpy rules of the arithmetic ops sub, div, pow, log, abs and linear.

Each forward works on whole arrays; each local derivative is returned per input,
broadcast to the output's shape, so the trace can show it. `log` and a fractional
`pow` refuse inputs outside their domain with a GraphError instead of returning NaN.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from gradflow.core.errors import GraphError
from gradflow.core.formatting import format_number
from gradflow.core.i18n import _

Arrays = tuple[np.ndarray, ...]
Attrs = Mapping[str, Any]


def sub_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    """d(a − b)/da = 1, d(a − b)/db = −1."""
    one = np.ones_like(outs[0])
    return one, -one


def div_forward(ins: Arrays, _a: Attrs) -> Arrays:
    """a / b (b = 0 gives ±inf, as 1/x does)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (np.divide(ins[0], ins[1]),)


def div_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    """d(a/b)/da = 1/b, d(a/b)/db = −(a/b)/b."""
    b = ins[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return tuple(np.broadcast_arrays(1.0 / b, -outs[0] / b))


def check_pow_domain(x: np.ndarray, c: float) -> None:
    """A fractional exponent of a negative number has no real value: refuse it."""
    if float(c).is_integer():
        return
    low = float(np.min(x))
    if low < 0:
        raise GraphError(
            _("x ** {c} needs x ≥ 0 (a fractional power of a negative number), got {x}").format(
                c=format_number(float(c)), x=format_number(low)
            )
        )


def pow_forward(ins: Arrays, attrs: Attrs) -> Arrays:
    """x ** c for the constant exponent c."""
    c = float(attrs["c"])
    check_pow_domain(ins[0], c)
    with np.errstate(divide="ignore", over="ignore"):
        return (np.power(ins[0], c),)


def pow_local(ins: Arrays, outs: Arrays, attrs: Attrs) -> tuple[Any, ...]:
    """d(x ** c)/dx = c · x ** (c − 1)."""
    c = float(attrs["c"])
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        return (c * np.power(ins[0], c - 1.0),)


def check_log_domain(x: np.ndarray) -> None:
    """log is defined for x > 0 only: refuse 0 and negatives with the offending value."""
    low = float(np.min(x))
    if low <= 0:
        raise GraphError(
            _("log needs x > 0, got {x} (the logarithm of 0 or a negative number)").format(
                x=format_number(low)
            )
        )


def log_forward(ins: Arrays, _a: Attrs) -> Arrays:
    """The natural logarithm; a GraphError for x ≤ 0."""
    check_log_domain(ins[0])
    return (np.log(ins[0]),)


def log_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    """d ln x / dx = 1/x."""
    return (1.0 / ins[0],)


def abs_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    """d|x|/dx = sign(x): 1, −1, and 0 at the kink x = 0."""
    return (np.sign(ins[0]),)


def identity_forward(ins: Arrays, _a: Attrs) -> Arrays:
    """linear(x) = x (arrays are never changed in place, so the input itself is returned)."""
    return (ins[0],)


def pass_through(ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs) -> tuple[Any, ...]:
    """The upstream gradient passes back unchanged (local gradient 1)."""
    return (ups[0],)
