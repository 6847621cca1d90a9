"""ui: GraphScene - the canvas items of a GraphDocument, kept in step with its signals.

The scene is a composition of parts with public interfaces: the node and edge items
(by id, `node_item` / `edge_item`), `wires` (WireLayer: every wire in one picture),
`numbers` (NumberLayer: values above wires, gradients below), `gestures` (Gestures:
mouse and drops, which yield intents), and `overlay` (OverlayLayer: pulses and tags of
the player, on top). Intents become document commands here (`apply_wire_intent`,
`apply_drop`, `apply_moves`); the items only change when the document says the graph
changed. `render_options` (canvas/render_options.py) is the way to draw it without
the grid or the selection, for pictures.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSceneDragDropEvent,
    QGraphicsSceneMouseEvent,
)
from shiboken6 import isValid

from gradflow.core.errors import GraphError
from gradflow.core.geometry import NODE_WIDTH
from gradflow.core.graph import Edge
from gradflow.core.playback import PlaybackState
from gradflow.core.report import non_finite_note
from gradflow.ui.canvas.edge_item import EdgeItem
from gradflow.ui.canvas.focus import FocusLabels
from gradflow.ui.canvas.gestures import Gestures, grid_brush
from gradflow.ui.canvas.label_item import LabelItem
from gradflow.ui.canvas.label_layout import (
    MAX_WIRES,
    candidate_spots,
    choose_spots,
    label_box,
    preferred_spot,
    steepness_cost,
)
from gradflow.ui.canvas.labels import widest_wire_text
from gradflow.ui.canvas.node_item import NodeItem
from gradflow.ui.canvas.number_layer import NumberLayer
from gradflow.ui.canvas.overlay import OverlayLayer
from gradflow.ui.canvas.style import GRID, LIGHT, THEMES, Metrics, Theme, font
from gradflow.ui.canvas.tensor_tile import wire_tile_height
from gradflow.ui.canvas.wire_drag import WireIntent
from gradflow.ui.canvas.wire_layer import WireLayer
from gradflow.ui.workspace import DisplayOptions, Workspace

SCROLL_MARGIN = 1200.0


class GraphScene(QGraphicsScene):
    """Nodes and wires of the workspace's document; buildable without a window (headless
    rendering). It shows the workspace's state and display options and keeps its
    selection in step with the workspace's, both ways."""

    edit_refused = Signal(str)  # why a gesture was refused, for the status bar
    active_node_changed = Signal(object)  # str | None: the player's node, highlighted

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.document = document = workspace.document
        self.theme: Theme = LIGHT
        self.metrics = Metrics()
        self.grid_visible = True
        self._nodes: dict[str, NodeItem] = {}
        self._edges: dict[Edge, EdgeItem] = {}
        self._detail = True
        self.wires = WireLayer(self._edges, self.theme, self.metrics)  # rebuild() makes it anew
        self.numbers = NumberLayer(
            self._nodes, self._edges, lambda: self.document.graph, self.views, lambda: self._detail
        )
        self.gestures = Gestures(self)
        self.overlay = OverlayLayer(self)
        self._active: str | None = None
        self.focus = FocusLabels()
        self._grid_brush = grid_brush(self.theme.grid)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        document.node_added.connect(self._on_document_node_added)
        document.node_removed.connect(self._on_document_node_removed)
        document.node_changed.connect(self._on_document_node_changed)
        document.node_moved.connect(self._on_document_node_moved)
        document.edge_added.connect(self._on_document_edge_added)
        document.edge_removed.connect(self._on_document_edge_removed)
        document.graph_replaced.connect(self.rebuild)
        document.result_changed.connect(self._on_document_result_changed)
        # the scrollable area follows the graph (with room around it), recomputed once
        # after a burst of changes rather than per node
        self._grow_timer = QTimer(self)
        self._grow_timer.setSingleShot(True)
        self._grow_timer.setInterval(0)
        self._grow_timer.timeout.connect(self.fit_scene_rect)
        # numbers slide along their wires to clear nodes and each other: once per burst of
        # changes, and before any state is shown (so headless renders get it too)
        self._labels_dirty = False
        self._label_timer = QTimer(self)
        self._label_timer.setSingleShot(True)
        self._label_timer.setInterval(0)
        self._label_timer.timeout.connect(self.layout_labels)
        self.rebuild()
        self._on_workspace_display_changed(workspace.display, DisplayOptions())
        workspace.state_changed.connect(self.show_state)
        workspace.display_changed.connect(self._on_workspace_display_changed)
        workspace.selection_changed.connect(self._on_workspace_selection_changed)
        self.selectionChanged.connect(self._on_selection_changed)

    # --- public API --------------------------------------------------------------------------
    def node_item(self, node_id: str) -> NodeItem:
        """The item drawing node `node_id`."""
        return self._nodes[node_id]

    def edge_item(self, edge: Edge) -> EdgeItem:
        """The item drawing `edge`; its `path()` runs from source port to target port."""
        return self._edges[edge]

    def edges(self) -> list[Edge]:
        """Every wire shown, in graph order."""
        return list(self._edges)

    @property
    def detail(self) -> bool:
        """Whether the numbers are drawn (False when zoomed too far out to read them)."""
        return self._detail

    def node_items(self) -> list[NodeItem]:
        """All node items, in graph order."""
        return list(self._nodes.values())

    def layout_labels(self) -> None:
        """Slide each wire's numbers along it to clear the nodes and the other numbers."""
        if self.gestures.moving_nodes:  # nodes are being dragged: lay out once they land
            return
        self._labels_dirty = False
        items = list(self._edges.items())
        if not items or len(items) > MAX_WIRES:
            return
        graph = self.document.graph
        metrics = QFontMetricsF(font(self.metrics.number_pt))
        result = self.document.result  # room per wire: a tensor preview is wider
        half_h = metrics.height() / 2 + 2
        candidates = (  # lazy: a wire's later spots are computed only if needed
            (
                (t, label_box(p, half_w, half_h + tile_half, a), steepness_cost(a))
                for half_w in (
                    metrics.horizontalAdvance(widest_wire_text(result, edge, "−0.1234")) / 2 + 6,
                )
                for tile_half in (wire_tile_height(result, edge) / 2,)
                for t in candidate_spots(preferred_spot(len(graph.out_edges(edge.src)) > 1))
                for p, a in (item.spot(t),)
            )
            for edge, item in items
        )
        obstacles = [  # the cards with their ports and a little air
            n.mapRectToScene(n.rect()).adjusted(-12, -4, 12, 4) for n in self._nodes.values()
        ]
        for (_edge, item), t in zip(items, choose_spots(candidates, obstacles), strict=True):
            if t != item.label_at:
                item.place_labels(t)

    @property
    def active_node(self) -> str | None:
        """The node the player is on (None: none)."""
        return self._active

    def show_state(self, state: PlaybackState | None) -> None:
        """Draw the state's values and gradients on the wires (None: no numbers)."""
        if self._labels_dirty:
            self.layout_labels()
        self.numbers.show_state(state)

    def set_display(self, values: bool, grads: bool) -> None:
        """Show or hide values and gradients."""
        self.numbers.set_display(values, grads)

    def refresh_numbers(self) -> None:
        """Write every number again (the precision changed): labels and leaf cards."""
        graph = self.document.graph
        for item in self._edges.values():
            item.value_label.reformat()
            item.grad_label.reformat()
        for nid, node in self._nodes.items():
            node.update_from(graph.node(nid))
            node.value_label.reformat()
            node.grad_label.reformat()
        self._labels_dirty = True
        self._label_timer.start()

    def set_active_node(self, node_id: str | None) -> None:
        """Highlight the node the player is on (None: none); its numbers stay readable."""
        if self._active in self._nodes:
            self._nodes[self._active].set_active(False)
        self._active = node_id
        if node_id in self._nodes:
            self._nodes[node_id].set_active(True)
        self.focus.set_labels(self.step_labels(node_id))
        self.active_node_changed.emit(node_id)

    def step_labels(self, node_id: str | None) -> list[LabelItem]:
        """The numbers of a node's step: its caption and its input and output wires'."""
        graph = self.document.graph
        if node_id is None or node_id not in graph or node_id not in self._nodes:
            return []
        node = self._nodes[node_id]
        labels = [node.value_label, node.grad_label]
        edges = [e for e in graph.in_edges(node_id) if e is not None]
        for edge in [*edges, *graph.out_edges(node_id)]:
            item = self._edges.get(edge)
            if item is not None:
                labels.extend(item.labels())
        return labels

    def set_view_zoom(self, zoom: float) -> None:
        """The view's zoom: the active step's numbers are enlarged to stay readable."""
        self.focus.set_zoom(zoom, self.metrics.number_pt)

    def layout_labels_now(self) -> None:
        """Place the numbers now if a change left them to be placed (before framing them)."""
        if self._labels_dirty:
            self.layout_labels()

    def set_presentation(self, on: bool) -> None:
        """Larger fonts and thicker wires for a projector."""
        self.metrics = Metrics().presentation() if on else Metrics()
        self._restyle()
        self.focus.set_zoom(self.focus.zoom, self.metrics.number_pt)

    def set_theme(self, theme: Theme) -> None:
        """Switch between the light and the dark palette."""
        self.theme = theme
        self._restyle()

    def set_detail(self, on: bool) -> None:
        """Draw the numbers only when they can be read (the view turns this off zoomed out)."""
        if on != self._detail:
            self._detail = on
            for item in self._edges.values():
                item.value_label.set_detail(on)
                item.grad_label.set_detail(on)
            for node in self._nodes.values():
                node.value_label.set_detail(on)
                node.grad_label.set_detail(on)

    def set_grid_visible(self, on: bool) -> None:
        """Show the dot grid; while it shows, moved nodes snap to it."""
        self.grid_visible = on
        self._background_changed()

    def snapped(self, pos: QPointF) -> QPointF:
        """`pos` on the grid when the grid is on, else unchanged."""
        if not self.grid_visible:
            return QPointF(pos)
        return QPointF(round(pos.x() / GRID) * GRID, round(pos.y() / GRID) * GRID)

    def selected_node_ids(self) -> list[str]:
        """Ids of the selected nodes, in graph order."""
        # isValid: the scene also reports selection changes while it is being destroyed
        return [nid for nid, item in self._nodes.items() if isValid(item) and item.isSelected()]

    def selected_edges(self) -> list[Edge]:
        """The selected wires, in graph order."""
        return [e for e, item in self._edges.items() if item.isSelected()]

    def select_nodes(self, node_ids: list[str]) -> None:
        """Select exactly these nodes."""
        self.clearSelection()
        for nid in node_ids:
            if nid in self._nodes:
                self._nodes[nid].setSelected(True)

    def delete_selection(self) -> None:
        """Delete the selected nodes and wires (one undo command)."""
        self.document.delete(self.selected_node_ids(), self.selected_edges())

    def items_rect(self, selection_only: bool = False) -> QRectF:
        """The bounding rectangle of the (selected) nodes and wires, with a margin."""
        items = self.selectedItems() if selection_only else self.items()
        rect = QRectF()
        for item in items:
            if item.isVisible():
                rect = rect.united(item.sceneBoundingRect())
        return rect.adjusted(-40, -40, 40, 40)

    def fit_scene_rect(self) -> None:
        """Make the scrollable area the graph plus a margin of a screenful each way.

        Taken from the node positions (what the items' rectangles would give, give or take
        a label): asking every item of a 10,000-node graph for its rectangle took a second.
        """
        m = SCROLL_MARGIN
        self.setSceneRect(self._nodes_rect().adjusted(-m, -m, m, m))

    def _nodes_rect(self) -> QRectF:
        points = [item.pos() for item in self._nodes.values()]
        if not points:
            return self.items_rect()
        xs, ys = [p.x() for p in points], [p.y() for p in points]
        pad = NODE_WIDTH + 40  # half a node, its stub and numbers, and the usual margin
        return QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad,
                      max(ys) - min(ys) + 2 * pad)  # fmt: skip

    def rebuild(self) -> None:
        """Recreate every item from the document's graph."""
        self.focus.set_labels([])
        self.clear()
        self._nodes.clear()
        self._edges.clear()
        self.numbers.clear()
        self.overlay.forget()
        self.wires = WireLayer(self._edges, self.theme, self.metrics)
        self.addItem(self.wires)
        for nid in self.document.graph.nodes:
            self._on_document_node_added(nid)
        for edge in self.document.graph.edges:
            self._on_document_edge_added(edge)
        self._on_document_result_changed(True)
        self.fit_scene_rect()

    # --- intents from the gestures, turned into document commands -------------------------
    def apply_wire_intent(self, intent: WireIntent) -> None:
        """Connect, move or remove a wire as a drag asked (a refusal goes to edit_refused)."""
        doc, old, target = self.document, intent.detached, intent.target
        (src, src_port) = intent.source
        try:
            if old is None and target is not None:
                doc.add_edge(src, target[0], src_port, target[1])
            elif old is not None and target is None:
                doc.remove_edge(old)
            elif old is not None and target is not None and target != (old.dst, old.dst_port):
                doc.reroute(old, target[0], target[1])
        except GraphError as err:
            self.edit_refused.emit(str(err))

    def apply_drop(self, op: str, pos: QPointF) -> None:
        """Add a node of `op` where it was dropped."""
        try:
            self.document.add_node(op, pos=(pos.x(), pos.y()))
        except GraphError as err:
            self.edit_refused.emit(str(err))

    def apply_moves(self, moved: dict[str, tuple[float, float]]) -> None:
        """Record nodes dragged to new places as one move (nothing if none moved)."""
        if moved:
            self.document.move_nodes(moved)
        if self._labels_dirty:
            self._label_timer.start()

    # --- events, forwarded to the gestures ------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gestures.press(event):
            event.accept()
            return
        super().mousePressEvent(event)
        self.gestures.after_press()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gestures.move(event):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gestures.release(event):
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self.gestures.after_release()

    def dragEnterEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self.gestures.drag_move(event)

    def dragMoveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self.gestures.drag_move(event)

    def dropEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self.gestures.drop(event)

    # --- called by node items ---------------------------------------------------------------
    def drag_position(self, pos: QPointF) -> QPointF:
        """Where a node dragged by the mouse goes: on the grid while the grid shows."""
        return self.snapped(pos) if self.gestures.moving_nodes else pos

    def node_item_moved(self, node_id: str) -> None:
        """Re-route the wires of a node that moved."""
        graph = self.document.graph
        if node_id not in graph:
            return
        for edge in graph.in_edges(node_id):
            if edge is not None and edge in self._edges:
                self._route(edge)
        for edge in graph.out_edges(node_id):
            if edge in self._edges:
                self._route(edge)

    # --- document signals -------------------------------------------------------------------
    def _on_document_node_added(self, node_id: str) -> None:
        node = self.document.graph.node(node_id)
        item = NodeItem(node, self.theme, self.metrics)
        self._nodes[node_id] = item
        item.value_label.set_detail(self._detail)
        item.grad_label.set_detail(self._detail)
        self.addItem(item)
        item.setPos(QPointF(*(node.pos or (0.0, 0.0))))

    def _on_document_node_removed(self, node_id: str) -> None:
        item = self._nodes.pop(node_id, None)
        self.numbers.forget_node(node_id)
        if item is not None:
            self.removeItem(item)
        if self._active == node_id:
            self._active = None

    def _on_document_node_changed(self, node_id: str) -> None:
        item = self._nodes[node_id]
        ports = (len(item.inputs), len(item.outputs))
        item.update_from(self.document.graph.node(node_id))
        if (len(item.inputs), len(item.outputs)) != ports:
            self.node_item_moved(node_id)  # wires attach to moved ports

    def _on_document_node_moved(self, node_id: str) -> None:
        pos = self.document.graph.node(node_id).pos or (0.0, 0.0)
        self._nodes[node_id].setPos(QPointF(*pos))
        self._grow_timer.start()

    def _on_document_edge_added(self, edge: Edge) -> None:
        item = EdgeItem(edge, self.theme, self.metrics)
        self._edges[edge] = item
        self.addItem(item)
        for label in item.labels():
            label.set_detail(self._detail)
            self.addItem(label)
        self._route(edge)

    def _on_document_edge_removed(self, edge: Edge) -> None:
        item = self._edges.pop(edge, None)
        self.numbers.forget_edge(edge)
        if item is not None:
            for label in item.labels():
                self.removeItem(label)
            self.removeItem(item)
            self.wires.invalidate()

    def _on_document_result_changed(self, structural: bool) -> None:
        if structural:
            self._grow_timer.start()
        result = self.document.result
        problems = result.problems
        for nid, item in self._nodes.items():
            problem = problems.get(nid)
            if problem is None:
                note = non_finite_note(result, nid)  # overflow is shown, never silent
                problem = None if note is None else self.tr("not finite: {0}").format(note)
            item.set_problem(problem)

    # --- workspace signals ------------------------------------------------------------------
    def _on_workspace_display_changed(self, new: DisplayOptions, old: DisplayOptions) -> None:
        if (new.show_values, new.show_gradients) != self.numbers.display:
            self.set_display(new.show_values, new.show_gradients)
        if new.theme != old.theme and THEMES[new.theme] is not self.theme:
            self.set_theme(THEMES[new.theme])
        if new.presentation != old.presentation:
            self.set_presentation(new.presentation)
        if new.precision != old.precision:
            self.refresh_numbers()

    def _on_workspace_selection_changed(self, node_ids: tuple[str, ...]) -> None:
        if tuple(self.selected_node_ids()) != node_ids:
            self.select_nodes(list(node_ids))

    def _on_selection_changed(self) -> None:
        if isValid(self.workspace):  # also reported while the window is being destroyed
            self.workspace.set_selection(self.selected_node_ids())

    # --- helpers ------------------------------------------------------------------------------
    def _route(self, edge: Edge) -> None:
        src = self._nodes[edge.src].outputs[edge.src_port]
        dst = self._nodes[edge.dst].inputs[edge.dst_port]
        fans_out = len(self.document.graph.out_edges(edge.src)) > 1
        self._edges[edge].set_ends(src.scene_anchor(), dst.scene_anchor(), preferred_spot(fans_out))
        self._labels_dirty = True
        self._label_timer.start()
        self.wires.invalidate()

    def _restyle(self) -> None:
        self._grid_brush = grid_brush(self.theme.grid)
        self.wires.apply_style(self.theme, self.metrics)
        for item in self._nodes.values():
            item.apply_style(self.theme, self.metrics)
        for edge_item in self._edges.values():
            edge_item.apply_style(self.theme, self.metrics)
        self._background_changed()

    def _background_changed(self) -> None:
        """Redraw everything, the views' cached background included."""
        for view in self.views():
            view.resetCachedContent()
        self.update()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.fillRect(rect, self.theme.background)
        if self.grid_visible and GRID * painter.worldTransform().m11() >= 7:
            painter.fillRect(rect, self._grid_brush)  # one tiled dot: no per-dot Python
