"""core: node geometry - the one place for node sizes and spacing, in scene units.

The canvas draws nodes with these sizes and the auto-layout spaces them with them, so a
laid-out graph never has nodes overlapping or wires hidden under nodes. Pure numbers:
no Qt, so the layout (in core) and the canvas (in ui) both read them.
"""

from __future__ import annotations

NODE_WIDTH = 96.0  # every node card is this wide
PORT_SPACING = 24.0  # between the centres of neighbouring ports
NODE_PADDING = 16.0  # above the first and below the last port, together
MIN_NODE_HEIGHT = 58.0  # a node with one or two ports
COLUMN_GAP = 110.0  # auto-layout: between columns, edge to edge
ROW_GAP = 36.0  # auto-layout: between nodes of one column, edge to edge


def node_height(n_ports: int) -> float:
    """A node's height for its larger number of ports (inputs or outputs)."""
    return max(MIN_NODE_HEIGHT, PORT_SPACING * max(n_ports, 1) + NODE_PADDING)


def node_size(n_inputs: int, n_outputs: int) -> tuple[float, float]:
    """A node's (width, height) as the canvas draws it: taller with more ports."""
    return NODE_WIDTH, node_height(max(n_inputs, n_outputs))


def port_offset(index: int, count: int) -> float:
    """How far port `index` of `count` sits below (+) or above (-) its node's centre."""
    return (index - (count - 1) / 2) * PORT_SPACING
