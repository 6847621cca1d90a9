"""ui: LiveItems - the node and wire items of a GraphScene, made for what can be seen.

A part of the scene (composition, not a mixin). It follows the document's node and edge
signals and keeps the two registries the scene's other parts read (`nodes`, `edges`).
A small graph gets an item for every node and wire. A big one (past `LAZY_NODES` nodes,
in a scene that asked for it) gets items only for the nodes the views show, with a
screen's margin around, and for the wires between two such nodes: items cost about a
millisecond and a few kilobytes each, so a 100,000-node chain would take minutes and
gigabytes to open otherwise. Where more than `MAX_LIVE` nodes would be in view (zoomed
far out) none are made: the scene's overview item draws the boxes from the positions.
Asking for an item (`node`, `edge`) always gives one, made on demand.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF

from gradflow.core.geometry import NODE_WIDTH
from gradflow.core.graph import Edge
from gradflow.core.report import non_finite_note, non_finite_suspects
from gradflow.ui.canvas.edge_item import EdgeItem
from gradflow.ui.canvas.held_selection import HeldSelection
from gradflow.ui.canvas.label_item import LabelItem
from gradflow.ui.canvas.label_layout import preferred_spot
from gradflow.ui.canvas.node_item import NodeItem
from gradflow.ui.canvas.spatial import PositionGrid
from gradflow.ui.canvas.style import Metrics, Theme

if TYPE_CHECKING:
    from gradflow.ui.canvas.scene import GraphScene
    from gradflow.ui.document import GraphDocument

LAZY_NODES = 1500  # graphs up to this size get every item at once
MAX_LIVE = 800  # at most this many nodes get items for one view's region


class LiveItems:
    """Node and edge items by id, made eagerly (small graphs) or for the region in view."""

    def __init__(self, scene: GraphScene, lazy: bool) -> None:
        self._scene = scene
        self._lazy_allowed = lazy
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[Edge, EdgeItem] = {}
        self.grid = PositionGrid()
        self.lazy = False
        self.crowded = False  # the region in view holds more than MAX_LIVE nodes
        self.made = 0  # items made since the last rebuild (tests count them)
        self.held = HeldSelection(scene)  # selected ids with no item (Select All on a big graph)

    def follow(self, document: GraphDocument) -> None:
        """Keep the items in step with the document's signals."""
        document.node_added.connect(self.node_added)
        document.node_removed.connect(self.node_removed)
        document.node_changed.connect(self.node_changed)
        document.node_moved.connect(self.node_moved)
        document.edge_added.connect(self.edge_added)
        document.edge_removed.connect(self.edge_removed)
        document.result_changed.connect(self.show_problems)

    # --- asking for items ----------------------------------------------------------------
    def node(self, node_id: str) -> NodeItem:
        """The item of `node_id`, made now if it had none (KeyError: no such node)."""
        item = self.nodes.get(node_id)
        if item is None:
            if node_id not in self._scene.document.graph:
                raise KeyError(node_id)
            item = self._make_node(node_id)
            self._make_wires_of([node_id])
            self._adopt([node_id])
        return item

    def edge(self, edge: Edge) -> EdgeItem:
        """The item of `edge`, made now (with its two nodes) if it had none."""
        item = self.edges.get(edge)
        if item is None:
            if edge not in self._scene.document.graph.out_edges(edge.src):
                raise KeyError(edge)
            self.node(edge.src)
            self.node(edge.dst)
            item = self.edges.get(edge) or self._make_edge(edge)
        return item

    def show_region(self, rect: QRectF) -> None:
        """Make items for the nodes in `rect` (a view's region with its margin) if there
        are at most MAX_LIVE; forget items far from it when too many are kept."""
        if not self.lazy:
            return
        ids = self.grid.ids_in(rect.left(), rect.top(), rect.right(), rect.bottom(), MAX_LIVE)
        self.crowded = len(ids) > MAX_LIVE
        if self.crowded:
            return
        new = [nid for nid in ids if nid not in self.nodes]
        if len(self.nodes) + len(new) > 2 * MAX_LIVE:
            self._forget_outside(set(ids))
        for nid in new:
            self._make_node(nid)
        self._make_wires_of(new)
        if new:
            self._adopt(new)

    def nodes_rect(self) -> QRectF:
        """Where the nodes are (from their positions, with room for their numbers): asking
        every item of a 10,000-node graph for its rectangle took a second."""
        bounds = self.grid.bounds()
        if bounds is None:
            return QRectF().adjusted(-40, -40, 40, 40)
        left, top, right, bottom = bounds
        pad = NODE_WIDTH + 40  # half a node, its stub and numbers, and the usual margin
        return QRectF(left - pad, top - pad, right - left + 2 * pad, bottom - top + 2 * pad)

    # --- every item at once ----------------------------------------------------------------
    def labels(self) -> Iterator[LabelItem]:
        """The number labels of every item: the wires' and the nodes' captions."""
        for item in self.edges.values():
            yield from item.labels()
        for node in self.nodes.values():
            yield from (node.value_label, node.grad_label)

    def set_detail(self, on: bool) -> None:
        """Numbers drawn (True) or hidden because too small to read."""
        for label in self.labels():
            label.set_detail(on)

    def reformat(self) -> None:
        """Write every number again (the precision changed), leaf cards included."""
        graph = self._scene.document.graph
        for nid, node in self.nodes.items():
            node.update_from(graph.node(nid))
        for label in self.labels():
            label.reformat()

    def apply_style(self, theme: Theme, metrics: Metrics) -> None:
        """A new palette or size: every item takes it."""
        for node in self.nodes.values():
            node.apply_style(theme, metrics)
        for edge in self.edges.values():
            edge.apply_style(theme, metrics)

    # --- whole graphs --------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Forget every item; make them all for a small graph, none yet for a big one."""
        self.nodes.clear()
        self.edges.clear()
        self.held.clear()
        graph = self._scene.document.graph
        self.grid = PositionGrid((n.id, n.pos or (0.0, 0.0)) for n in graph)
        self.lazy = self._lazy_allowed and len(graph) > LAZY_NODES
        self.crowded = self.lazy
        self.made = 0
        if not self.lazy:
            for nid in graph.nodes:
                self._make_node(nid)
            for edge in graph.edges:
                self._make_edge(edge)

    # --- document signals ----------------------------------------------------------------------
    def node_added(self, node_id: str) -> None:
        """A new node: it gets its item (an edit happens where the user looks)."""
        node = self._scene.document.graph.node(node_id)
        self.grid.place(node_id, node.pos or (0.0, 0.0))
        self._make_node(node_id)
        self._scene.overview_item.node_added(node_id)

    def node_removed(self, node_id: str) -> None:
        """A node left the graph: its item goes."""
        scene = self._scene
        self.grid.remove(node_id)
        self.held.nodes.discard(node_id)
        item = self.nodes.pop(node_id, None)
        if item is not None:
            scene.removeItem(item)
        scene.numbers.forget_node(node_id)
        scene.forget_active(node_id)
        scene.overview_item.node_removed(node_id)

    def node_changed(self, node_id: str) -> None:
        """A node's attributes, label or ports changed: its item shows them."""
        item = self.nodes.get(node_id)
        if item is None:
            return  # a far node of a big graph: its item is made up to date when needed
        ports = (len(item.inputs), len(item.outputs))
        item.update_from(self._scene.document.graph.node(node_id))
        if (len(item.inputs), len(item.outputs)) != ports:
            self._scene.node_item_moved(node_id)  # wires attach to moved ports

    def node_moved(self, node_id: str) -> None:
        """A node's position changed: its item follows (and it is filed anew)."""
        scene = self._scene
        pos = scene.document.graph.node(node_id).pos or (0.0, 0.0)
        self.grid.place(node_id, pos)
        item = self.nodes.get(node_id)
        if item is not None:
            item.setPos(QPointF(*pos))
        scene.grow_timer.start()
        scene.overview_item.node_moved(node_id)

    def edge_added(self, edge: Edge) -> None:
        """A new wire: an item if both its nodes have one."""
        if not self.lazy or (edge.src in self.nodes and edge.dst in self.nodes):
            self._make_edge(edge)
        self._scene.overview_item.edge_added(edge)

    def edge_removed(self, edge: Edge) -> None:
        """A wire left the graph: its item, labels and numbers go."""
        self._scene.numbers.forget_edge(edge)
        self.held.edges.discard(edge)
        if self._drop_edge(edge):
            self._scene.wires.invalidate()
        self._scene.overview_item.edge_removed(edge)

    def show_problems(self, structural: bool) -> None:
        """A new run result: every node with an item shows its badge."""
        if structural:
            self._scene.grow_timer.start()
        result = self._scene.document.result
        suspects = non_finite_suspects(result)  # None: ask every node
        problems = result.problems
        for nid, item in self.nodes.items():
            if suspects is None or nid in suspects or nid in problems or item.problem:
                self._show_problem(nid, item)

    def route(self, edge: Edge) -> None:
        """Lay the wire's curve from its source port to its target port, through the
        waypoints core's router gave it."""
        nodes = self.nodes
        src = nodes[edge.src].outputs[edge.src_port]
        dst = nodes[edge.dst].inputs[edge.dst_port]
        fans_out = len(self._scene.document.graph.out_edges(edge.src)) > 1
        self.edges[edge].set_ends(
            src.scene_anchor(), dst.scene_anchor(), preferred_spot(fans_out),
            self._scene.routes.waypoints(edge),  # core's route (none: the plain curve)
        )  # fmt: skip

    # --- internals ---------------------------------------------------------------------------
    def _show_problem(self, nid: str, item: NodeItem) -> None:
        """The node's badge: why it has no value, or that its numbers overflowed."""
        result = self._scene.document.result
        problem = result.problems.get(nid)
        if problem is None:
            note = non_finite_note(result, nid)  # overflow is shown, never silent
            if note is not None:
                problem = QCoreApplication.translate("GraphScene", "not finite: {0}").format(note)
        item.set_problem(problem)

    def _adopt(self, node_ids: list[str]) -> None:
        """Items were just made for these nodes (and their wires): badges and numbers."""
        scene = self._scene
        graph, edges = scene.document.graph, self.edges
        for nid in node_ids:
            self._show_problem(nid, self.nodes[nid])
        wires = [e for nid in node_ids for e in (*graph.in_edges(nid), *graph.out_edges(nid))]
        scene.numbers.adopt([e for e in dict.fromkeys(wires) if e is not None and e in edges])
        if scene.active_node in node_ids:
            self.nodes[scene.active_node].set_active(True)

    def _drop_edge(self, edge: Edge) -> bool:
        """Remove the item of `edge` and its labels (True if it had one)."""
        item = self.edges.pop(edge, None)
        if item is None:
            return False
        for label in item.labels():
            self._scene.removeItem(label)
        self._scene.removeItem(item)
        return True

    def _make_node(self, node_id: str) -> NodeItem:
        scene = self._scene
        node = scene.document.graph.node(node_id)
        item = NodeItem(node, scene.theme, scene.metrics)
        self.nodes[node_id] = item
        self.made += 1
        item.value_label.set_detail(scene.detail)
        item.grad_label.set_detail(scene.detail)
        scene.addItem(item)
        item.setPos(QPointF(*(node.pos or (0.0, 0.0))))
        if node_id in self.held.nodes:  # selected by id before it had an item
            self.held.nodes.discard(node_id)
            with self.held.internal():
                item.setSelected(True)
        return item

    def _make_edge(self, edge: Edge) -> EdgeItem:
        scene = self._scene
        item = EdgeItem(edge, scene.theme, scene.metrics)
        self.edges[edge] = item
        self.made += 1
        scene.addItem(item)
        for label in item.labels():
            label.set_detail(scene.detail)
            scene.addItem(label)
        scene.wire_routed(edge)
        if edge in self.held.edges:
            self.held.edges.discard(edge)
            with self.held.internal():
                item.setSelected(True)
        return item

    def _make_wires_of(self, node_ids: list[str]) -> None:
        """Items for the wires of these nodes whose other end has an item too."""
        graph, nodes = self._scene.document.graph, self.nodes
        for nid in node_ids:
            wires = [e for e in graph.in_edges(nid) if e is not None]
            for edge in [*wires, *graph.out_edges(nid)]:
                if edge not in self.edges and edge.src in nodes and edge.dst in nodes:
                    self._make_edge(edge)

    def _forget_outside(self, keep: set[str]) -> None:
        """Drop the items of nodes not in `keep` (the active one stays); a selected one's
        id (and its selected wires') is held, so the selection stays what it was."""
        scene, held = self._scene, self.held
        gone = [nid for nid in self.nodes if nid not in keep and nid != scene.active_node]
        graph = scene.document.graph
        with held.internal():
            for nid in gone:
                wires = [e for e in graph.in_edges(nid) if e is not None]
                for edge in [*wires, *graph.out_edges(nid)]:
                    item = self.edges.get(edge)
                    if item is not None and item.isSelected():
                        held.edges.add(edge)
                    self._drop_edge(edge)  # what its labels showed stays known to the numbers
                node = self.nodes.pop(nid)
                if node.isSelected():
                    held.nodes.add(nid)
                scene.removeItem(node)
                scene.numbers.forget_node(nid)
        scene.wires.invalidate()
