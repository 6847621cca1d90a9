"""core: gradient check - every analytic gradient against central finite differences.

The loss checked is the one backward differentiates: the sum of the output's entries
(backward is seeded with ones). Each trainable input entry is nudged by ±h through
`run(feeds=...)`, so the graph itself is never changed.

Finite differences mean something only where the loss's rounding noise, about
eps·|L|/(2h), is small against the gradient: near the float limit (|x| ~ 1e308, or an
output of 1e38 summed over thousands of entries) they do not, and such entries are
reported as not informative instead of as mismatches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np

from gradflow.core.engine import run
from gradflow.core.errors import GraphError
from gradflow.core.graph import Graph, Node
from gradflow.core.i18n import _
from gradflow.core.kinks import Kink, depends_on, find_kinks

EPS = float(np.finfo(np.float64).eps)
Progress = Callable[[int, int], None]  # (entries done, entries in all)

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
    informative: bool = True  # False: no entry of this node could be checked meaningfully
    kink: str = ""  # a mismatch explained by a non-differentiable point: which, and why


@dataclass(frozen=True)
class GradcheckResult:
    """The checks of every trainable input the output depends on, in graph order."""

    nodes: tuple[NodeCheck, ...]
    tolerance: float

    @property
    def ok(self) -> bool:
        """True when every node matches, or differs only where the function has a kink.

        At a kink (a max tie, ReLU at 0) no gradient exists; gradflow's convention is a
        one-sided slope, and a central difference lands between the two.
        """
        return all(c.ok or c.kink for c in self.nodes)

    @property
    def uninformative(self) -> tuple[NodeCheck, ...]:
        """The nodes where finite differences could say nothing (magnitudes too large)."""
        return tuple(c for c in self.nodes if not c.informative)

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
    nodes: Iterable[str] | None = None,
    progress: Progress | None = None,
) -> GradcheckResult:
    """Compare backprop's gradient of every trainable input with central differences.

    The step for an entry x is `step * max(1, |x|)`. Inputs the output does not depend on
    (or that feed only non-differentiable ports such as labels) are not listed.
    `nodes` limits the check to those input ids; `progress(done, total)` is called after
    each entry (two runs of the graph each). Raises GraphError if the graph cannot be run.
    """
    result = run(graph, record=False)
    wanted = None if nodes is None else list(dict.fromkeys(nodes))
    for node_id in wanted or ():
        node = graph.node(node_id)
        if not _checkable(node):
            raise GraphError(
                _("{node} is not an input: only inputs are checked").format(node=node_id)
            )
    todo = [
        node
        for node in graph
        if _checkable(node)
        and node.attrs.get("trainable", True)
        and node.id in result.grads
        and (wanted is None or node.id in wanted)
    ]
    total = sum(int(np.size(n.attrs["value"])) for n in todo)
    counter = _Counter(progress, total)
    checks: list[NodeCheck] = []
    for node in todo:
        analytic = np.asarray(result.grads[node.id][0], dtype=np.float64)
        numeric, meaningful = _numeric_grad(graph, node.id, node.attrs["value"], step, counter)
        checks.append(_compare(node.id, analytic, numeric, meaningful, tolerance, floor))
    kinks = find_kinks(graph, result.values)
    if kinks:
        checks = [_explain(graph, c, kinks) for c in checks]
    return GradcheckResult(tuple(checks), tolerance)


def _explain(graph: Graph, check: NodeCheck, kinks: tuple[Kink, ...]) -> NodeCheck:
    """A mismatch downstream of a kink is the kink's doing: say which and why."""
    if check.ok:
        return check
    behind = [k for k in kinks if depends_on(graph, k.node, check.node)]
    if not behind:
        return check
    return replace(check, kink="; ".join(f"{k.node}: {k.text}" for k in behind))


class _Counter:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)


def _checkable(node: Node) -> bool:
    """An input: a leaf that takes a gradient (constants do not)."""
    return node.spec.is_leaf and node.spec.gradient


def _loss(graph: Graph, feeds: dict[str, np.ndarray]) -> float:
    res = run(graph, record=False, feeds=feeds)
    with np.errstate(all="ignore"):  # an overflowing sum is inf, judged below
        return float(np.sum(res.values[graph.output_node()][0], dtype=np.float64))


def _numeric_grad(
    graph: Graph, node_id: str, value: np.ndarray, step: float, counter: _Counter
) -> tuple[np.ndarray, np.ndarray]:
    """Central differences per entry, and whether each one is above the rounding noise."""
    base = np.asarray(value, dtype=np.float64)
    grad = np.zeros_like(base)
    noise = np.zeros_like(base)
    meaningful = np.ones(base.shape, dtype=bool)
    for index in np.ndindex(base.shape):
        h = step * max(1.0, abs(float(base[index])))
        plus, minus = base.copy(), base.copy()
        with np.errstate(all="ignore"):
            plus[index] += h
            minus[index] -= h
            width = plus[index] - minus[index]
        up = _loss(graph, {node_id: plus})
        down = _loss(graph, {node_id: minus})
        counter.tick()
        with np.errstate(all="ignore"):
            grad[index] = (up - down) / width
            noise[index] = 4 * EPS * max(abs(up), abs(down)) / width
        meaningful[index] = bool(
            np.isfinite(width) and width > 0 and np.isfinite(up) and np.isfinite(down)
        )
    return grad, np.where(meaningful, noise, np.inf)


def _compare(
    node_id: str,
    analytic: np.ndarray,
    numeric: np.ndarray,
    noise: np.ndarray,
    tolerance: float,
    floor: float,
) -> NodeCheck:
    with np.errstate(all="ignore"):
        scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), floor)
        errors = np.abs(analytic - numeric) / scale
        # informative where the rounding noise alone could not break the tolerance: the
        # noise measured against the error's own scale, so a zero analytic gradient beside
        # a clear numeric slope (the losing input of a max tie) is a real disagreement
        limit = 0.5 * max(tolerance, DEFAULT_TOLERANCE)
        informative = noise <= limit * scale
    errors = np.where(np.isnan(errors), np.inf, errors)
    if not informative.any():
        index = tuple(0 for _dim in analytic.shape)
        a, n = float(analytic[index]), float(numeric[index])
        return NodeCheck(node_id, float("nan"), index, a, n, True, informative=False)
    errors = np.where(informative, errors, -1.0)
    flat = int(np.argmax(errors))
    index = tuple(int(i) for i in np.unravel_index(flat, errors.shape))
    error = float(errors[index])
    return NodeCheck(
        node_id, error, index, float(analytic[index]), float(numeric[index]), error <= tolerance
    )
