"""core: plain gradient descent applied by the engine's backward (`run(..., descend=)`).

A training step of plain SGD is forward, backward, then w <- w - lr * dL/dw for every
parameter. Asked to `descend`, the engine does the last part itself, in place on the
arrays the caller fed: where a parameter feeds one 2-D matmul and nothing else (the
weights of an MLP), the op folds the update into the product that would have made its
gradient (`op_rules.matmul_backward_descend`: one gemm, W <- W - lr * Xᵀ G); every
other parameter (the biases) gets its gradient as usual and is updated right after the
backward, as the optimiser would (lr * g into a kept array, then subtracted).

The arithmetic is the optimiser's: the step size becomes the parameter's dtype before it
meets an array. The fused gemm rounds once less (BLAS may add alpha * product to C with
a fused multiply-add), so fused and unfused updates agree to float rounding, not bit for
bit (`tests/core/test_descend.py`: 1e-6 relative in float32).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from gradflow.core.errors import GraphError
from gradflow.core.op_spec import Take

Values = tuple[np.ndarray, ...]


def check_fed(descend: Mapping[str, float], feeds: Mapping[str, np.ndarray]) -> None:
    """Every descending parameter must be fed as a writable float array (it is changed
    in place) and have a positive, finite step size."""
    for nid, rate in descend.items():
        value = feeds.get(nid)
        if not isinstance(value, np.ndarray) or value.dtype.kind != "f":
            raise GraphError(f"descend: {nid} must be fed as a float array")
        if not value.flags.writeable:
            raise GraphError(f"descend: the array fed for {nid} is read-only")
        if not (rate > 0 and np.isfinite(rate)):
            raise GraphError(f"descend: the step size of {nid} must be positive, got {rate}")


def fusable(nodes: Mapping[str, int], descend: Mapping[str, float]) -> dict[str, float]:
    """The descending parameters whose update an op may fold into its backward: those
    with exactly one outgoing wire (`nodes` maps a leaf's id to its number of wires), so
    no other node reads them during the backward."""
    return {nid: rate for nid, rate in descend.items() if nodes.get(nid) == 1}


def apply_rest(
    descend: Mapping[str, float],
    grads: dict[str, Values],
    values: Mapping[str, Values],
    taker: Callable[[str], Take],
) -> None:
    """Update in place every descending parameter whose gradient the backward produced
    (those not fused), then drop their gradients: after a descending run no parameter's
    gradient is reported, fused or not."""
    for nid, rate in descend.items():
        got = grads.pop(nid, None)
        if got is None:
            continue  # fused, or the output does not depend on it
        w, g = values[nid][0], got[0]
        step = taker(nid)(0, w.shape, w.dtype)  # a leaf's own slot: lr * g, kept
        np.multiply(g, w.dtype.type(rate), out=step)
        w -= step
