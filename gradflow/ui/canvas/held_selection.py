"""ui: HeldSelection - a big graph's selection, kept by id for the nodes and wires with no item.

A lazy canvas (canvas/scene_items.py) has items only near the view, so Select All cannot
select an item per node. The selected nodes and wires without an item are held here by
id: an item made for one later (scrolling) shows as selected, an item forgotten while
selected leaves its id here, and Delete / Cut / Copy act on all of them. A click or a
rubber band without Ctrl replaces the selection, so it lets the held ids go.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent
from shiboken6 import isValid

from gradflow.core.graph import Edge

if TYPE_CHECKING:
    from gradflow.ui.canvas.scene import GraphScene


class HeldSelection:
    """Selected node ids and wires that have no item (empty on a small graph)."""

    def __init__(self, scene: GraphScene) -> None:
        self._scene = scene
        self.nodes: set[str] = set()
        self.edges: set[Edge] = set()
        self.quiet = False  # the canvas itself is changing item selection: not the user
        self._replacing = False  # a click without Ctrl is being handled

    def clear(self) -> None:
        """Hold nothing."""
        self.nodes.clear()
        self.edges.clear()

    @contextmanager
    def internal(self) -> Iterator[None]:
        """Item selection changes made inside are the canvas's own (made or forgotten items)."""
        quiet, self.quiet = self.quiet, True
        try:
            yield
        finally:
            self.quiet = quiet

    @contextmanager
    def gesture(self, event: QGraphicsSceneMouseEvent, press: bool) -> Iterator[None]:
        """A press or release handled by Qt's selection: without Ctrl it replaces it."""
        self._replacing = not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        try:
            yield
        finally:
            replacing, self._replacing = self._replacing, False
        if replacing and press and (self.nodes or self.edges) and not self._scene.selectedItems():
            self.clear()  # a press on empty canvas (maybe with no item to deselect)
            self._scene.workspace.set_selection(self._scene.selected_node_ids())

    def user_changed(self) -> None:
        """Qt changed the item selection: a click without Ctrl drops the held ids."""
        if self._replacing:
            self.clear()

    def node_ids(self) -> list[str]:
        """Every selected node id, in graph order (held, or with a selected item)."""
        items = self._scene.live.nodes
        if not self.nodes:  # isValid: Qt also reports changes while the scene is destroyed
            return [nid for nid, item in items.items() if isValid(item) and item.isSelected()]
        held = self.nodes
        return [
            nid
            for nid in self._scene.document.graph.nodes
            if nid in held or (nid in items and items[nid].isSelected())
        ]

    def select(self, node_ids: list[str]) -> None:
        """Select exactly these nodes; those with no item are held, none is made."""
        scene, items = self._scene, self._scene.live.nodes
        graph = scene.document.graph
        with self.internal():
            scene.clearSelection()
            self.clear()
            for nid in node_ids:
                if nid in items:
                    items[nid].setSelected(True)
                elif nid in graph:
                    self.nodes.add(nid)
        scene.workspace.set_selection(self.node_ids())

    def select_all(self) -> None:
        """Select every node and wire, the ones with no item by id."""
        scene, live = self._scene, self._scene.live
        graph = scene.document.graph
        with self.internal():
            for item in scene.items():
                if item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable:
                    item.setSelected(True)
            self.nodes = {nid for nid in graph.nodes if nid not in live.nodes}
            self.edges = {e for e in graph.edges if e not in live.edges}
        scene.workspace.set_selection(self.node_ids())
