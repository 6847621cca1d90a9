"""core: gradient check - every analytic gradient against central finite differences.

The loss checked is the one backward differentiates: the sum of the output's entries
(backward is seeded with ones). Each trainable input entry is nudged by ±h through
`run(feeds=...)`, so the graph itself is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradflow.core.engine import run
from gradflow.core.graph import Graph

DEFAULT_TOLERANCE = 1e-6
DEFAULT_FLOOR = 1e-3  # central differences carry ~1e-10·|L| of rounding noise
DEFAULT_STEP = 1e-5  # about eps^(1/3): balances rounding noise and truncation error


@dataclass(frozen=True)
class NodeCheck:
    """The check of one input node: its worst entry and how far apart the two gradients are.

    `error` is |analytic − numeric| / max(|analytic|, |numeric|, floor): relative for
    ordinary gradients, absolute (scaled by the floor) for gradients near zero.
    """

    node: str
    error: float
    index: tuple[int, ...]
    analytic: float
    numeric: float
    ok: bool


@dataclass(frozen=True)
class GradcheckResult:
    """The checks of every trainable input the output depends on, in graph order."""

    nodes: tuple[NodeCheck, ...]
    tolerance: float

    @property
    def ok(self) -> bool:
        """True when every node's worst error is within the tolerance."""
        return all(c.ok for c in self.nodes)

    @property
    def worst(self) -> NodeCheck | None:
        """The node with the largest error (None when nothing was checked)."""
        return max(self.nodes, key=lambda c: c.error, default=None)


def gradcheck(
    graph: Graph,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    floor: float = DEFAULT_FLOOR,
    step: float = DEFAULT_STEP,
) -> GradcheckResult:
    """Compare backprop's gradient of every trainable input with central differences.

    The step for an entry x is `step * max(1, |x|)`. Inputs the output does not depend on
    (or that feed only non-differentiable ports such as labels) are not listed.
    Raises GraphError if the graph cannot be run.
    """
    result = run(graph, record=False)
    checks: list[NodeCheck] = []
    for node in graph:
        if node.op != "input" or not node.attrs.get("trainable", True):
            continue
        if node.id not in result.grads:
            continue
        analytic = np.asarray(result.grads[node.id][0], dtype=np.float64)
        numeric = _numeric_grad(graph, node.id, node.attrs["value"], step)
        checks.append(_compare(node.id, analytic, numeric, tolerance, floor))
    return GradcheckResult(tuple(checks), tolerance)


def _loss(graph: Graph, feeds: dict[str, np.ndarray]) -> float:
    res = run(graph, record=False, feeds=feeds)
    return float(np.sum(res.values[graph.output_node()][0], dtype=np.float64))


def _numeric_grad(graph: Graph, node_id: str, value: np.ndarray, step: float) -> np.ndarray:
    base = np.asarray(value, dtype=np.float64)
    grad = np.zeros_like(base)
    for index in np.ndindex(base.shape):
        h = step * max(1.0, abs(float(base[index])))
        plus, minus = base.copy(), base.copy()
        plus[index] += h
        minus[index] -= h
        up = _loss(graph, {node_id: plus})
        down = _loss(graph, {node_id: minus})
        grad[index] = (up - down) / (plus[index] - minus[index])
    return grad


def _compare(
    node_id: str, analytic: np.ndarray, numeric: np.ndarray, tolerance: float, floor: float
) -> NodeCheck:
    scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), floor)
    with np.errstate(invalid="ignore"):
        errors = np.abs(analytic - numeric) / scale
    errors = np.where(np.isnan(errors), np.inf, errors)
    flat = int(np.argmax(errors))
    index = tuple(int(i) for i in np.unravel_index(flat, errors.shape))
    error = float(errors[index])
    return NodeCheck(
        node_id, error, index, float(analytic[index]), float(numeric[index]), error <= tolerance
    )
