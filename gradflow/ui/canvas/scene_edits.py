"""ui: SceneEdits - the gestures' intents on a GraphScene turned into document commands.

A part of the scene (composition, not a mixin). The gestures yield intents (a wire
dragged, an op dropped, nodes moved); this part makes each one undoable document
command, or reports why the graph refused it through the scene's `edit_refused`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from gradflow.core.errors import GraphError
from gradflow.ui.canvas.wire_drag import WireIntent

if TYPE_CHECKING:
    from gradflow.ui.canvas.scene import GraphScene


class SceneEdits:
    """Connect, move, remove wires; add dropped nodes; record moves - via the document."""

    def __init__(self, scene: GraphScene) -> None:
        self._scene = scene

    def wire_intent(self, intent: WireIntent) -> None:
        """Connect, move or remove a wire as a drag asked (a refusal goes to edit_refused)."""
        doc, old, target = self._scene.document, intent.detached, intent.target
        (src, src_port) = intent.source
        try:
            if old is None and target is not None:
                doc.add_edge(src, target[0], src_port, target[1])
            elif old is not None and target is None:
                doc.remove_edge(old)
            elif old is not None and target is not None and target != (old.dst, old.dst_port):
                doc.reroute(old, target[0], target[1])
        except GraphError as err:
            self._scene.edit_refused.emit(str(err))

    def drop(self, op: str, pos: QPointF) -> None:
        """Add a node of `op` where it was dropped."""
        try:
            self._scene.document.add_node(op, pos=(pos.x(), pos.y()))
        except GraphError as err:
            self._scene.edit_refused.emit(str(err))

    def moves(self, moved: dict[str, tuple[float, float]]) -> None:
        """Record nodes dragged to new places as one move (nothing if none moved)."""
        if moved:
            self._scene.document.move_nodes(moved)
        self._scene.upkeep.resume()
