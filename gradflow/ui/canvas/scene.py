"""ui: GraphScene - the canvas items of a GraphDocument, kept in step with its signals.

The scene is a composition of parts with public interfaces: the node and edge items
(by id, `node_item` / `edge_item`), `wires` (WireLayer: every wire in one picture),
`numbers` (NumberLayer: values above wires, gradients below), `gestures` (Gestures:
mouse and drops, which yield intents), and `overlay` (OverlayLayer: pulses and tags of
the player, on top). Intents become document commands (`apply_wire_intent`,
`apply_drop`, `apply_moves`, by `edits`: SceneEdits, canvas/scene_edits.py); the items
only change when the document says the graph changed. `upkeep` (WireUpkeep,
canvas/scene_upkeep.py) routes the wires and places their numbers after changes;
`step` (ActiveStep, canvas/active_step.py) is the player's node and its numbers in
focus. `live` (LiveItems, canvas/scene_items.py) makes the items - for a big graph in a
window only those of the region in view, with `overview_item` drawing the rest from the
positions. `render_options` (canvas/render_options.py) is the way to draw it without
the grid or the selection, for pictures.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSceneDragDropEvent,
    QGraphicsSceneMouseEvent,
)
from shiboken6 import isValid

from gradflow.core.graph import Edge
from gradflow.core.playback import PlaybackState
from gradflow.ui.canvas.active_step import ActiveStep
from gradflow.ui.canvas.edge_item import EdgeItem
from gradflow.ui.canvas.gestures import Gestures, grid_brush
from gradflow.ui.canvas.label_item import LabelItem
from gradflow.ui.canvas.node_item import NodeItem
from gradflow.ui.canvas.number_layer import NumberLayer
from gradflow.ui.canvas.overlay import OverlayLayer
from gradflow.ui.canvas.overview_item import OverviewItem
from gradflow.ui.canvas.scene_edits import SceneEdits
from gradflow.ui.canvas.scene_items import LiveItems
from gradflow.ui.canvas.scene_upkeep import WireUpkeep
from gradflow.ui.canvas.style import GRID, LIGHT, THEMES, Metrics, Theme
from gradflow.ui.canvas.wire_drag import WireIntent
from gradflow.ui.canvas.wire_layer import WireLayer
from gradflow.ui.workspace import DisplayOptions, Workspace

SCROLL_MARGIN = 1200.0


class GraphScene(QGraphicsScene):
    """Nodes and wires of the workspace's document; buildable without a window (headless
    rendering). It shows the workspace's state and display options and keeps its
    selection in step with the workspace's, both ways. `lazy`: a big graph gets items
    only for the region its views show (the window's canvas; a headless render gets all)."""

    edit_refused = Signal(str)  # why a gesture was refused, for the status bar
    active_node_changed = Signal(object)  # str | None: the player's node, highlighted

    def __init__(
        self, workspace: Workspace, parent: QObject | None = None, lazy: bool = False
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.document = document = workspace.document
        self.theme: Theme = LIGHT
        self.metrics = Metrics()
        self.grid_visible = True
        self._detail = True
        self.live = LiveItems(self, lazy)
        self._nodes, self._edges = self.live.nodes, self.live.edges  # read here, kept there
        self.overview_item: OverviewItem  # rebuild() makes it, for a big graph's far zooms
        self.wires = WireLayer(self._edges, self.theme, self.metrics)  # rebuild() makes it anew
        self.numbers = NumberLayer(
            self._nodes, self._edges, lambda: self.document.graph, self.views, lambda: self._detail
        )
        self.gestures = Gestures(self)
        self.edits = SceneEdits(self)
        self.upkeep = WireUpkeep(self)
        self.routes = self.upkeep.routes  # core's waypoints per wire
        self.overlay = OverlayLayer(self)
        self.step = ActiveStep(self)
        self.focus = self.step.focus  # the active step's numbers, readable at any zoom
        self._grid_brush = grid_brush(self.theme.grid)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.live.follow(document)  # nodes, wires, badges
        document.edge_removed.connect(self.routes.forget)
        document.graph_replaced.connect(self.rebuild)
        # the scrollable area follows the graph (with room around it), recomputed once
        # after a burst of changes rather than per node
        self.grow_timer = QTimer(self)
        self.grow_timer.setSingleShot(True)
        self.grow_timer.setInterval(0)
        self.grow_timer.timeout.connect(self.fit_scene_rect)
        self.rebuild()
        self._on_workspace_display_changed(workspace.display, DisplayOptions())
        workspace.state_changed.connect(self.show_state)
        workspace.display_changed.connect(self._on_workspace_display_changed)
        workspace.selection_changed.connect(self._on_workspace_selection_changed)
        self.selectionChanged.connect(self._on_selection_changed)

    # --- public API --------------------------------------------------------------------------
    def node_item(self, node_id: str) -> NodeItem:
        """The item drawing node `node_id` (made now if a big graph had none for it)."""
        return self.live.node(node_id)

    def edge_item(self, edge: Edge) -> EdgeItem:
        """The item drawing `edge`; its `path()` runs from source port to target port."""
        return self.live.edge(edge)

    def edges(self) -> list[Edge]:
        """Every wire with an item (every wire, but for a big graph's far parts)."""
        return list(self._edges)

    @property
    def detail(self) -> bool:
        """Whether the numbers are drawn (False when zoomed too far out to read them)."""
        return self._detail

    def node_items(self) -> list[NodeItem]:
        """The node items, in the order they were made (every node of a small graph)."""
        return list(self._nodes.values())

    def show_region(self, rect: QRectF) -> None:
        """A view shows `rect` (with a margin around): a big graph gets its items there."""
        crowded = self.live.crowded
        self.live.show_region(rect)
        if crowded != self.live.crowded:
            self.overview_item.update()

    def layout_labels(self) -> None:
        """Slide each wire's numbers along it to clear the nodes and the other numbers."""
        self.upkeep.layout_labels()

    def route_wires(self) -> None:
        """Give the wires whose ends moved core's route round the nodes (not mid-drag)."""
        self.upkeep.route_wires()

    @property
    def active_node(self) -> str | None:
        """The node the player is on (None: none)."""
        return self.step.node_id

    def show_state(self, state: PlaybackState | None) -> None:
        """Draw the state's values and gradients on the wires (None: no numbers)."""
        self.upkeep.layout_labels_now()
        self.numbers.show_state(state)

    def set_display(self, values: bool, grads: bool) -> None:
        """Show or hide values and gradients."""
        self.numbers.set_display(values, grads)

    def refresh_numbers(self) -> None:
        """Write every number again (the precision changed): labels and leaf cards."""
        self.live.reformat()
        self.upkeep.mark_dirty()

    def set_active_node(self, node_id: str | None) -> None:
        """Highlight the node the player is on (None: none); its numbers stay readable."""
        self.step.set_node(node_id)
        self.active_node_changed.emit(node_id)

    def forget_active(self, node_id: str) -> None:
        """`node_id` left the graph: if the player was on it, it is on none now."""
        self.step.forget(node_id)

    def step_labels(self, node_id: str | None) -> list[LabelItem]:
        """The numbers of a node's step: its caption and its input and output wires'."""
        return self.step.labels(node_id)

    def set_view_zoom(self, zoom: float) -> None:
        """The view's zoom: the active step's numbers are enlarged to stay readable."""
        self.focus.set_zoom(zoom, self.metrics.number_pt)

    def layout_labels_now(self) -> None:
        """Place the numbers now if a change left them to be placed (before framing them)."""
        self.upkeep.layout_labels_now()

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
            self.live.set_detail(on)

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
        """Ids of the selected nodes, in graph order (a big graph's far ones too)."""
        return self.live.held.node_ids()

    def selected_edges(self) -> list[Edge]:
        """The selected wires (a big graph's far ones too)."""
        return [e for e, item in self._edges.items() if item.isSelected()] + [*self.live.held.edges]

    def select_nodes(self, node_ids: list[str]) -> None:
        """Select exactly these nodes (on a big graph without making an item for each)."""
        self.live.held.select(node_ids)

    def delete_selection(self) -> None:
        """Delete the selected nodes and wires (one undo command)."""
        self.document.delete(self.selected_node_ids(), self.selected_edges())

    def items_rect(self, selection_only: bool = False) -> QRectF:
        """The bounding rectangle of the (selected) nodes and wires, with a margin."""
        if not selection_only and self.live.lazy:
            return self.live.nodes_rect()
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
        self.setSceneRect(self.live.nodes_rect().adjusted(-m, -m, m, m))

    def rebuild(self) -> None:
        """Recreate every item from the document's graph."""
        self.focus.set_labels([])
        self.clear()
        self.numbers.clear()
        self.overlay.forget()
        self.routes.clear()
        self.wires = WireLayer(self._edges, self.theme, self.metrics)
        self.addItem(self.wires)
        self.overview_item = OverviewItem(
            lambda: self.document.graph, lambda: self.live.lazy and self.live.crowded
        )
        self.overview_item.apply_style(self.theme)
        self.live.rebuild()
        if self.live.lazy:
            self.addItem(self.overview_item)
        self.live.show_problems(True)
        self.fit_scene_rect()

    # --- intents from the gestures, turned into document commands -------------------------
    def apply_wire_intent(self, intent: WireIntent) -> None:
        """Connect, move or remove a wire as a drag asked (a refusal goes to edit_refused)."""
        self.edits.wire_intent(intent)

    def apply_drop(self, op: str, pos: QPointF) -> None:
        """Add a node of `op` where it was dropped."""
        self.edits.drop(op, pos)

    def apply_moves(self, moved: dict[str, tuple[float, float]]) -> None:
        """Record nodes dragged to new places as one move (nothing if none moved)."""
        self.edits.moves(moved)

    # --- events, forwarded to the gestures ------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gestures.press(event):
            event.accept()
            return
        with self.live.held.gesture(event, press=True):
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
        with self.live.held.gesture(event, press=False):
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
        self.upkeep.node_moved(node_id)

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
        if isValid(self.workspace) and not self.live.held.quiet:  # quiet: items made/forgotten
            self.live.held.user_changed()
            self.workspace.set_selection(self.selected_node_ids())

    # --- helpers ------------------------------------------------------------------------------
    def wire_routed(self, edge: Edge, moved: bool = True) -> None:
        """Lay `edge`'s wire between its ports through core's route: plain (and waiting
        for a route) if it is new or a node `moved`."""
        self.upkeep.wire_routed(edge, moved)

    def _restyle(self) -> None:
        self._grid_brush = grid_brush(self.theme.grid)
        self.wires.apply_style(self.theme, self.metrics)
        self.overview_item.apply_style(self.theme)
        self.live.apply_style(self.theme, self.metrics)
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
