"""core: what the canvas shows at playhead k - a pure function of the trace's first k steps.

Before step 1 nothing is shown; a forward step reveals the values its node sends along
its output wires; a backward step reveals the gradients its node sends down its input
wires. Stepping back is recomputing for a smaller k, so it always matches stepping on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from gradflow.core.graph import Edge
from gradflow.core.trace import BackwardStep, ForwardStep, Step, Trace


@dataclass(frozen=True)
class PlaybackState:
    """Everything revealed after `step` of `total` steps (step == total: the whole run)."""

    step: int
    total: int
    n_forward: int
    node_values: Mapping[str, tuple[np.ndarray, ...]]
    node_grads: Mapping[str, tuple[np.ndarray, ...]]
    edge_values: Mapping[Edge, np.ndarray]
    edge_grads: Mapping[Edge, np.ndarray]
    active: Step | None

    @property
    def phase(self) -> str:
        """'start', 'forward', 'backward' or 'end'."""
        if self.step == 0:
            return "start"
        if self.step == self.total:
            return "end"
        return "forward" if self.step <= self.n_forward else "backward"


def state_at(trace: Trace, edges: Iterable[Edge], k: int) -> PlaybackState:
    """The state after the first `k` steps of `trace` (k is clamped to 0..len(trace))."""
    k = max(0, min(int(k), len(trace)))
    edges = tuple(edges)
    final = getattr(trace.steps, "final", None) if k == len(trace) else None
    if final is not None:  # a scalar run's own lazy mappings: no walk over every step
        maps = final(edges)
        active = trace.steps[k - 1] if k > 0 else None
        values, grads, wire_values, wire_grads = maps
        return PlaybackState(
            k, len(trace), trace.n_forward, values, grads, wire_values, wire_grads, active
        )
    out_edges: dict[str, list[Edge]] = {}
    for e in edges:
        out_edges.setdefault(e.src, []).append(e)
    node_values: dict[str, tuple[np.ndarray, ...]] = {}
    node_grads: dict[str, tuple[np.ndarray, ...]] = {}
    edge_values: dict[Edge, np.ndarray] = {}
    edge_grads: dict[Edge, np.ndarray] = {}
    for step in trace.steps[:k]:
        if isinstance(step, ForwardStep):
            node_values[step.node] = step.outputs
            for e in out_edges.get(step.node, ()):
                edge_values[e] = step.outputs[e.src_port]
        elif isinstance(step, BackwardStep):
            node_grads[step.node] = step.upstream_sum
            for e, g in step.downstream:
                edge_grads[e] = g
    active = trace.steps[k - 1] if k > 0 else None
    return PlaybackState(
        k, len(trace), trace.n_forward, node_values, node_grads, edge_values, edge_grads, active
    )


def next_state(
    state: PlaybackState, trace: Trace, out_edges: Callable[[str], Iterable[Edge]]
) -> PlaybackState:
    """The state one step after `state`, made from it: its numbers and the next step's.

    The same as `state_at(trace, edges, state.step + 1)` when `state` is a state of
    `trace` and `out_edges(node)` gives the node's wires among `edges` (in their order),
    without walking the steps before it: the player stepping on at step 900 of 1,000
    adds one step's numbers instead of collecting 900 steps'. At the end of the trace
    the state is the same one.
    """
    k = state.step
    if k >= len(trace):
        return state
    step = trace.steps[k]
    node_values, node_grads = dict(state.node_values), dict(state.node_grads)
    edge_values, edge_grads = dict(state.edge_values), dict(state.edge_grads)
    if isinstance(step, ForwardStep):
        node_values[step.node] = step.outputs
        for e in out_edges(step.node):
            edge_values[e] = step.outputs[e.src_port]
    else:
        node_grads[step.node] = step.upstream_sum
        for e, g in step.downstream:
            edge_grads[e] = g
    return PlaybackState(
        k + 1, len(trace), trace.n_forward, node_values, node_grads, edge_values, edge_grads, step
    )


def full_state(trace: Trace, edges: Iterable[Edge]) -> PlaybackState:
    """The state at the end of the trace: every value and gradient revealed."""
    return state_at(trace, edges, len(trace))
