"""core: an activation's curve and slope, for plotting - from the op's own rules.

`activation_curve("sigmoid", xs)` evaluates f with the op's forward and f' with its
backward rule (upstream ones, so what comes back is the local derivative), the same
two rules the engine uses; `curve_range` picks an x range that shows the usual
-6..6 window and every input the node has now. Which ops are activations is the
registry's category, not a list of names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from gradflow.core.ops import get_op

WINDOW = 6.0  # the x range always shown: sigmoid's and tanh's tails are visible by then
MAX_RANGE = 1e4


def is_activation(op_name: str) -> bool:
    """Whether the op is a one-input activation whose curve can be drawn."""
    spec = get_op(op_name)
    return spec.category == "activations" and spec.arity == 1


def activation_curve(
    op_name: str, xs: np.ndarray, attrs: Mapping[str, Any] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(f(xs), f'(xs)) for an elementwise activation, float64."""
    spec = get_op(op_name)
    x = np.asarray(xs, dtype=np.float64)
    attrs = dict(attrs or {})  # the node's own attributes (activations take none)
    with np.errstate(all="ignore"):
        outs = spec.forward((x,), attrs)
        (slope,) = spec.backprop((x,), outs, (np.ones_like(outs[0]),), attrs)[:1]
    return np.asarray(outs[0], dtype=np.float64), np.asarray(slope, dtype=np.float64)


def curve_range(inputs: np.ndarray | None) -> tuple[float, float]:
    """An x range covering -6..6 and the finite inputs (clipped to +-1e4)."""
    lo, hi = -WINDOW, WINDOW
    if inputs is not None:
        finite = np.asarray(inputs, dtype=np.float64)
        finite = finite[np.isfinite(finite)]
        if finite.size:
            lo = max(-MAX_RANGE, min(lo, float(finite.min()) * 1.1))
            hi = min(MAX_RANGE, max(hi, float(finite.max()) * 1.1))
    return lo, hi
