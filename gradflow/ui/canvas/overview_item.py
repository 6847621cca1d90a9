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

from gradflow.core.geometry import NODE_WIDTH, node_height
from gradflow.core.graph import Graph
from gradflow.ui.canvas.icons import category_color
from gradflow.ui.canvas.style import Theme

BATCH = 20_000  # boxes or lines per QPainter call
EVERYWHERE = 1e9  # scene units: farther than any graph reaches


class OverviewItem(QGraphicsItem):
    """Boxes and straight wires of every node, drawn while `active()` says so."""

    def __init__(self, graph: Callable[[], Graph], active: Callable[[], bool]) -> None:
        super().__init__()
        self._graph, self._active = graph, active
        self._boxes: dict[str, list[QRectF]] | None = None
        self._lines: list[QLineF] = []
        self._wire = QColor()
        self._border = QColor()
        self.setZValue(-2)  # under the wires and cards of the items made for the view
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def apply_style(self, theme: Theme) -> None:
        """Wire and border colours of the palette."""
        self._wire, self._border = QColor(theme.wire), QColor(theme.node_border)
        self.update()

    def invalidate(self) -> None:
        """The graph changed (nodes, wires or positions): draw it afresh next time."""
        self._boxes = None
        self.update()

    def _rebuild(self) -> None:
        graph = self._graph()
        boxes: dict[str, list[QRectF]] = {}
        centres: dict[str, tuple[float, float]] = {}
        for node in graph:
            x, y = node.pos or (0.0, 0.0)
            centres[node.id] = (x, y)
            h = node_height(max(node.n_inputs, node.n_outputs))
            box = QRectF(x - NODE_WIDTH / 2, y - h / 2, NODE_WIDTH, h)
            boxes.setdefault(node.spec.category, []).append(box)
        self._lines = [QLineF(*centres[e.src], *centres[e.dst]) for e in graph.edges]
        self._boxes = boxes

    def boundingRect(self) -> QRectF:
        # everywhere: the scene's index never asks for the graph's extent after an edit
        # (which would cost a walk over every node); it is only in a big graph's scene
        return QRectF(-EVERYWHERE, -EVERYWHERE, 2 * EVERYWHERE, 2 * EVERYWHERE)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._active():
            return
        if self._boxes is None:
            self._rebuild()
        assert self._boxes is not None
        pixel = 1.0 / max(painter.worldTransform().m11(), 1e-9)  # one screen pixel
        painter.setPen(QPen(self._wire, max(pixel, 2.0)))
        for i in range(0, len(self._lines), BATCH):
            painter.drawLines(self._lines[i : i + BATCH])
        fine = pixel < 4.0  # boxes at least ~20 pixels wide: outline them
        painter.setPen(QPen(self._border, pixel) if fine else Qt.PenStyle.NoPen)
        for category, rects in self._boxes.items():
            painter.setBrush(QColor(category_color(category)))
            for i in range(0, len(rects), BATCH):
                painter.drawRects(rects[i : i + BATCH])
