"""ui: WireUpkeep - a GraphScene's wires routed round the nodes and their numbers placed.

A part of the scene (composition, not a mixin). Moves and new wires mark the wires
to route (core's waypoints, `WireRoutes`) and the numbers to place; both happen once
per burst of changes (a zero-time timer) and never while nodes are being dragged, and
before any state is shown, so headless renders get them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from gradflow.core.graph import Edge
from gradflow.ui.canvas.scene_labels import place_wire_labels
from gradflow.ui.canvas.wire_routes import WireRoutes

if TYPE_CHECKING:
    from gradflow.ui.canvas.scene import GraphScene


class WireUpkeep:
    """Routes of the wires whose ends moved, then the numbers slid along the wires."""

    def __init__(self, scene: GraphScene) -> None:
        self._scene = scene
        self.routes = WireRoutes(lambda: scene.document.graph)  # core's waypoints per wire
        self.dirty = False  # the numbers wait to be placed
        self._timer = QTimer(scene)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.layout_labels)

    def mark_dirty(self) -> None:
        """Place the numbers again once this burst of changes is over."""
        self.dirty = True
        self._timer.start()

    def resume(self) -> None:
        """The nodes landed: place the numbers that waited for them."""
        if self.dirty:
            self._timer.start()

    def layout_labels(self) -> None:
        """Slide each wire's numbers along it to clear the nodes and the other numbers."""
        scene = self._scene
        if scene.gestures.moving_nodes:  # nodes are being dragged: lay out once they land
            return
        self.route_wires()
        self.dirty = False
        place_wire_labels(
            scene.document.graph, scene.document.result, scene.live.nodes, scene.live.edges,
            scene.metrics.number_pt,
        )  # fmt: skip

    def layout_labels_now(self) -> None:
        """Place the numbers now if a change left them to be placed."""
        if self.dirty:
            self.layout_labels()

    def route_wires(self) -> None:
        """Give the wires whose ends moved core's route round the nodes (not mid-drag)."""
        if self.routes.has_pending and not self._scene.gestures.moving_nodes:
            for edge in self.routes.route_pending():
                if edge in self._scene.live.edges:
                    self.wire_routed(edge, moved=False)

    def node_moved(self, node_id: str) -> None:
        """Re-route the wires of a node that moved."""
        scene = self._scene
        graph = scene.document.graph
        if node_id in graph:
            self.routes.node_moved()  # other wires may now pass under it
            self.mark_dirty()  # routes, then numbers, once the moves are over
            for edge in [*graph.in_edges(node_id), *graph.out_edges(node_id)]:
                if edge is not None and edge in scene.live.edges:
                    self.wire_routed(edge)

    def wire_routed(self, edge: Edge, moved: bool = True) -> None:
        """Lay `edge`'s wire between its ports through core's route: plain (and waiting
        for a route) if it is new or a node `moved`."""
        if moved:
            self.routes.moved(edge)
        self._scene.live.route(edge)
        self.mark_dirty()
        self._scene.wires.invalidate()
