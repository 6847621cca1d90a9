"""ui: ActiveStep - the node a GraphScene's player is on, highlighted, its numbers in focus.

A part of the scene (composition, not a mixin). It knows the active node, lights its
card, and hands the numbers of its step (its caption and its wires') to the focus
labels (canvas/focus.py), which keep them readable at any zoom.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gradflow.ui.canvas.focus import FocusLabels
from gradflow.ui.canvas.label_item import LabelItem

if TYPE_CHECKING:
    from gradflow.ui.canvas.scene import GraphScene


class ActiveStep:
    """The player's node (None: none) and its step's labels, enlarged for the zoom."""

    def __init__(self, scene: GraphScene) -> None:
        self._scene = scene
        self.node_id: str | None = None
        self.focus = FocusLabels()

    def set_node(self, node_id: str | None) -> None:
        """Highlight `node_id` (None: none) and put its step's numbers in focus."""
        scene = self._scene
        if self.node_id in scene.live.nodes:
            scene.live.nodes[self.node_id].set_active(False)
        self.node_id = node_id
        if node_id is not None and node_id in scene.document.graph:
            scene.node_item(node_id).set_active(True)
        self.focus.set_labels(self.labels(node_id))

    def forget(self, node_id: str) -> None:
        """`node_id` left the graph: if the player was on it, it is on none now."""
        if self.node_id == node_id:
            self.node_id = None

    def labels(self, node_id: str | None) -> list[LabelItem]:
        """The numbers of a node's step: its caption and its input and output wires'."""
        scene = self._scene
        graph = scene.document.graph
        if node_id is None or node_id not in graph:
            return []
        node = scene.node_item(node_id)
        labels = [node.value_label, node.grad_label]
        edges = [e for e in graph.in_edges(node_id) if e is not None]
        for edge in [*edges, *graph.out_edges(node_id)]:
            labels.extend(scene.edge_item(edge).labels())  # made now if it had none
        return labels
