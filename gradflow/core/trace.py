"""core: the trace - an immutable, ordered script of forward and backward steps.

The animation plays it: the state shown at playhead k is a pure function of steps[:k].
Arrays stored here are read-only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from gradflow.core.graph import Edge


def frozen(arr: np.ndarray) -> np.ndarray:
    """A read-only view of `arr`, so a trace can never be changed after it is recorded."""
    view = arr.view()
    view.flags.writeable = False
    return view


@dataclass(frozen=True)
class ForwardStep:
    """Node `node` computed `outputs` from `inputs`, which arrived along `input_edges`."""

    index: int
    node: str
    op: str
    inputs: tuple[np.ndarray, ...]
    input_edges: tuple[Edge, ...]
    outputs: tuple[np.ndarray, ...]

    phase = "forward"


@dataclass(frozen=True)
class Arrival:
    """One upstream gradient reaching a node: along `edge`, or the seed 1 when edge is None."""

    edge: Edge | None
    grad: np.ndarray


@dataclass(frozen=True)
class BackwardStep:
    """Node `node` summed its arriving gradients and sent one down each input edge.

    `upstream_sum` has one entry per output port (dL/d output); `local` one per input port
    (the elementwise local derivative, None where it is a Jacobian or no gradient flows);
    `downstream` pairs each input edge with the gradient sent along it.
    """

    index: int
    node: str
    op: str
    upstream: tuple[Arrival, ...]
    upstream_sum: tuple[np.ndarray, ...]
    local: tuple[np.ndarray | None, ...]
    downstream: tuple[tuple[Edge, np.ndarray], ...]

    phase = "backward"


Step = ForwardStep | BackwardStep


@dataclass(frozen=True)
class Trace:
    """All steps of one run: the forward steps in topological order, then the backward ones.

    `steps` is a tuple, or for a scalar fast-path run a sequence that makes each step when
    it is first read (`core.scalar_trace.ScalarSteps`); either way it never changes.
    """

    steps: Sequence[Step]
    n_forward: int

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __getitem__(self, i: int) -> Step:
        return self.steps[i]

    @property
    def forward(self) -> tuple[ForwardStep, ...]:
        """The forward steps."""
        return tuple(self.steps[: self.n_forward])  # type: ignore[arg-type]

    @property
    def backward(self) -> tuple[BackwardStep, ...]:
        """The backward steps."""
        return tuple(self.steps[self.n_forward :])  # type: ignore[arg-type]
