"""ui: OverviewItem - a big graph drawn cheaply from its positions, for far zooms.

A big graph's canvas makes node and wire items only where the view looks closely enough
(canvas/scene_items.py). Zoomed out further - Fit on a 100,000-node chain - this one item
draws every node as a box in its category colour and every wire as a straight line,
with a few QPainter calls over lists it keeps (made again when the graph changes), and
no numbers: they could not be read at that size.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gradflow.core.gc_pause import paused_gc
from gradflow.core.geometry import NODE_WIDTH, node_height
from gradflow.core.graph import Edge, Graph, Node
from gradflow.ui.canvas.icons import category_color
from gradflow.ui.canvas.style import Theme

BATCH = 20_000  # boxes or lines per QPainter call
EVERYWHERE = 1e9  # scene units: farther than any graph reaches


class OverviewItem(QGraphicsItem):
    """Boxes and straight wires of every node, drawn while `active()` says so.

    The boxes and lines are made at the first paint, then kept up to date one node or
    wire at a time: adding a node to a 10,000-node graph costs one box, not 10,000.
    """

    def __init__(self, graph: Callable[[], Graph], active: Callable[[], bool]) -> None:
        super().__init__()
        self._graph, self._active = graph, active
        self._built = False
        self._boxes: dict[str, dict[str, QRectF]] = {}  # by category, by node id
        self._category: dict[str, str] = {}
        self._lines: dict[Edge, QLineF] = {}
        self._wire = QColor()
        self._border = QColor()
        self.setZValue(-2)  # under the wires and cards of the items made for the view
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def apply_style(self, theme: Theme) -> None:
        """Wire and border colours of the palette."""
        self._wire, self._border = QColor(theme.wire), QColor(theme.node_border)
        self.update()

    # --- following the graph ----------------------------------------------------------------
    def invalidate(self) -> None:
        """The whole graph changed: draw it afresh next time."""
        self._built = False
        self.update()

    def node_added(self, node_id: str) -> None:
        """One more box (nothing to do before the first paint)."""
        if self._built:
            self._place(self._graph().node(node_id))
            self.update()

    def node_removed(self, node_id: str) -> None:
        """One box less."""
        category = self._category.pop(node_id, None)
        if category is not None:
            self._boxes[category].pop(node_id, None)
            self.update()

    def node_moved(self, node_id: str) -> None:
        """The box and the wires of a node that moved."""
        if not self._built:
            return
        graph = self._graph()
        self._place(graph.node(node_id))
        for edge in [*graph.in_edges(node_id), *graph.out_edges(node_id)]:
            if edge is not None:
                self.edge_added(edge)
        self.update()

    def edge_added(self, edge: Edge) -> None:
        """One more line (or the line of a wire whose end moved)."""
        if self._built:
            nodes = self._graph().nodes
            a, b = nodes[edge.src].pos or (0.0, 0.0), nodes[edge.dst].pos or (0.0, 0.0)
            self._lines[edge] = QLineF(a[0], a[1], b[0], b[1])
            self.update()

    def edge_removed(self, edge: Edge) -> None:
        """One line less."""
        if self._lines.pop(edge, None) is not None:
            self.update()

    def _place(self, node: Node) -> None:
        x, y = node.pos or (0.0, 0.0)
        h = node_height(max(node.n_inputs, node.n_outputs))
        category = node.spec.category
        old = self._category.get(node.id)
        if old is not None and old != category:
            self._boxes[old].pop(node.id, None)
        self._category[node.id] = category
        box = QRectF(x - NODE_WIDTH / 2, y - h / 2, NODE_WIDTH, h)
        self._boxes.setdefault(category, {})[node.id] = box

    def _build(self) -> None:
        """Every box and line at once: one pass each, shapes looked up per op (not per
        node), no repaint request per wire, no cycle collection meanwhile."""
        with paused_gc():
            self._build_all()

    def _build_all(self) -> None:
        self._boxes, self._category, self._lines = {}, {}, {}
        graph = self._graph()
        kinds: dict[tuple[str, int], tuple[float, str]] = {}  # (op, outputs): height, category
        half, shapes = NODE_WIDTH / 2, graph.shapes()
        for node in graph:
            key = (node.op, len(shapes[node.id]))  # one shape per output port
            kind = kinds.get(key)
            if kind is None:
                spec = node.spec
                h = node_height(max(spec.arity, spec.n_outputs(node.attrs)))
                kind = kinds[key] = (h, spec.category)
            h, category = kind
            x, y = node.pos or (0.0, 0.0)
            self._category[node.id] = category
            box = QRectF(x - half, y - h / 2, NODE_WIDTH, h)
            self._boxes.setdefault(category, {})[node.id] = box
        nodes = graph.nodes
        for edge in graph.edges:
            a, b = nodes[edge.src].pos or (0.0, 0.0), nodes[edge.dst].pos or (0.0, 0.0)
            self._lines[edge] = QLineF(a[0], a[1], b[0], b[1])
        self._built = True

    # --- drawing -----------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        # everywhere: the scene's index never asks for the graph's extent after an edit
        # (which would cost a walk over every node); it is only in a big graph's scene
        return QRectF(-EVERYWHERE, -EVERYWHERE, 2 * EVERYWHERE, 2 * EVERYWHERE)

    def draw(self, painter: QPainter, zoom: float) -> None:
        """Every line and box; `zoom` is how many pixels a scene unit spans."""
        if not self._built:
            self._build()
        pen = QPen(self._wire, max(1.0, 2.0 * zoom))  # in pixels: the wire's own width
        pen.setCosmetic(True)
        painter.setPen(pen)
        lines = list(self._lines.values())
        for i in range(0, len(lines), BATCH):
            painter.drawLines(lines[i : i + BATCH])
        border = QPen(self._border, 1.0)
        border.setCosmetic(True)
        fine = zoom > 0.25  # boxes at least ~20 pixels wide: outline them
        painter.setPen(border if fine else Qt.PenStyle.NoPen)
        for category, by_id in self._boxes.items():
            painter.setBrush(QColor(category_color(category)))
            rects = list(by_id.values())
            for i in range(0, len(rects), BATCH):
                painter.drawRects(rects[i : i + BATCH])

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._active():
            self.draw(painter, painter.worldTransform().m11())
