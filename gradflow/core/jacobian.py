"""core: the local Jacobian of one op at one point, from the op's own backward rule.

Row i of d out / d input is what the op sends back to that input when the upstream
gradient is the i-th unit vector, so the Jacobian shown to a student is computed by
exactly the rule the engine uses - not by a second, separately written formula.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from gradflow.core.ops import get_op

MAX_ENTRIES = 16  # "small tensors": at most 4×4 entries in and out


def local_jacobian(
    op_name: str,
    inputs: tuple[np.ndarray, ...],
    outputs: tuple[np.ndarray, ...],
    attrs: Mapping[str, Any],
    port: int,
    out_port: int = 0,
    max_entries: int = MAX_ENTRIES,
) -> np.ndarray | None:
    """d outputs[out_port] / d inputs[port] as an (out.size, in.size) matrix.

    None when either side has more than `max_entries` entries, or no gradient flows into
    that input (the labels of a loss).
    """
    spec = get_op(op_name)
    x, y = np.asarray(inputs[port]), np.asarray(outputs[out_port])
    if x.size > max_entries or y.size > max_entries or not spec.input_differentiable(port):
        return None
    rows = []
    for i in range(y.size):
        ups = tuple(np.zeros_like(np.asarray(o), dtype=np.float64) for o in outputs)
        ups[out_port].flat[i] = 1.0
        with np.errstate(all="ignore"):
            grads = spec.backprop(inputs, outputs, ups, attrs)
        g = grads[port]
        if g is None:
            return None
        rows.append(np.asarray(g, dtype=np.float64).reshape(x.size))
    return np.stack(rows) if rows else np.zeros((0, x.size))
