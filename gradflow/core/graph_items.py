"""core: the graph's parts - a wire (Edge), a node (Node) and the checks on their view hints.

Plain values with no behaviour beyond what they are: the Graph (core/graph.py) keeps them
and validates every change. Import them from `gradflow.core.graph` as before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from gradflow.core.errors import GraphError
from gradflow.core.i18n import _
from gradflow.core.ops import Op, get_op
from gradflow.core.text import name_problem

Shape = tuple[int, ...]


@dataclass(frozen=True)
class Edge:
    """A wire from output port `src_port` of `src` to input port `dst_port` of `dst`."""

    src: str
    dst: str
    src_port: int = 0
    dst_port: int = 0

    def __str__(self) -> str:
        return f"{self.src}:{self.src_port} → {self.dst}:{self.dst_port}"


@dataclass
class Node:
    """A node: an id, an op name, its op attributes, and view hints (label, position)."""

    id: str
    op: str
    attrs: dict[str, Any] = field(default_factory=dict)
    label: str | None = None
    pos: tuple[float, float] | None = None

    @property
    def spec(self) -> Op:
        """The registry entry of this node's op."""
        return get_op(self.op)

    @property
    def n_inputs(self) -> int:
        """Number of input ports."""
        return self.spec.arity

    @property
    def n_outputs(self) -> int:
        """Number of output ports."""
        return self.spec.n_outputs(self.attrs)

    @property
    def title(self) -> str:
        """What a user calls this node: its label, else its id."""
        return self.label or self.id


def check_attr(op: Op, name: str, raw: Any) -> Any:
    """An attribute value checked against the op's schema (a GraphError if it does not fit)."""
    return op.attr(name).check(raw)


def check_label(label: Any) -> str | None:
    """A node label: None, or text that reads as a name (a GraphError otherwise)."""
    if label is None:
        return None
    if not isinstance(label, str):
        raise GraphError(_("a label must be text"))
    problem = name_problem(label)
    if problem:
        raise GraphError(_("a label {problem}").format(problem=problem))
    return label


def check_pos(pos: Any) -> tuple[float, float] | None:
    """A canvas position: None, or two finite numbers (a GraphError otherwise)."""
    if pos is None:
        return None
    try:
        x, y = (float(v) for v in pos)
    except (TypeError, ValueError, OverflowError):
        raise GraphError(_("a position must be two numbers [x, y]")) from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise GraphError(_("a position must be finite"))
    return (x, y)
