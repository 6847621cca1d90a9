"""core: building a Graph from parts already checked - the file loader's fast path.

`Graph.add_node` validates the id, every attribute (defaults included) and the shape of
each node as it comes, which a file loader has already done field by field with the
field's location. `add_checked` files such a node without checking it again and works
out a shape only for a leaf; the shapes of everything else are derived once, when the
wires are linked (`wiring.connect_many`), so a 100,000-node file is read in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gradflow.core.graph import Graph, Node


def add_checked(
    graph: Graph,
    node_id: str,
    op: str,
    attrs: dict[str, Any],
    label: str | None,
    pos: tuple[float, float] | None,
) -> Node:
    """Add a node whose id is new and whose attributes, label and position are checked.

    Raises GraphError (and adds nothing) if a leaf's value breaks the element limits;
    a node with inputs has no shape until its wires are linked.
    """
    graph._check_writable()
    node = Node(node_id, op, attrs, label, pos)
    spec = node.spec
    graph._nodes[node_id] = node
    graph._in[node_id] = [None] * spec.arity
    graph._out[node_id] = []
    if spec.arity:  # what `_node_shape` says of a node whose inputs are not wired yet
        graph._shapes[node_id] = (None,) * spec.n_outputs(attrs)
        graph._sizes[node_id] = 0
    else:
        try:
            graph._set_shape(node_id, graph._node_shape(node))
        except Exception:
            del graph._nodes[node_id], graph._in[node_id], graph._out[node_id]
            raise
    graph._changed()
    return node


def place_all(graph: Graph, positions: Mapping[str, tuple[float, float]]) -> None:
    """Give nodes the positions a layout computed (finite floats already; a view hint,
    so nothing is re-derived) without checking each of 100,000 again."""
    graph._check_writable()
    nodes = graph._nodes
    for nid, (x, y) in positions.items():
        nodes[nid].pos = (float(x), float(y))
