"""ui: drawing a new wire - a live curve from an output port that snaps to a free input."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsPathItem

from gradflow.core.errors import GraphError
from gradflow.ui.canvas.edge_item import wire_path
from gradflow.ui.canvas.port_item import PortItem

if TYPE_CHECKING:
    from gradflow.ui.canvas.scene import GraphScene

SNAP_RADIUS = 28.0


class WireDrag:
    """One wire being drawn from `source`; `finish` turns it into a connect request."""

    def __init__(self, scene: GraphScene, source: PortItem) -> None:
        self._scene, self.source = scene, source
        self.target: PortItem | None = None
        self._verdicts: dict[tuple[str, int], str | None] = {}
        pen = QPen(scene.theme.selected, scene.metrics.wire_width + 0.6)
        pen.setStyle(Qt.PenStyle.DashLine)
        self._item = QGraphicsPathItem()
        self._item.setPen(pen)
        self._item.setZValue(5)
        scene.addItem(self._item)
        self.move_to(source.scene_anchor())

    def move_to(self, pos: QPointF) -> None:
        """Follow the mouse, snapping to the nearest compatible input port in reach."""
        target = self._nearest_compatible(pos)
        if target is not self.target:
            if self.target is not None:
                self.target.set_highlight(False)
            if target is not None:
                target.set_highlight(True)
            self.target = target
        end = target.scene_anchor() if target is not None else pos
        self._item.setPath(wire_path(self.source.scene_anchor(), end))

    def finish(self, pos: QPointF) -> None:
        """Connect to the snapped port, or to the input port under `pos` (which may refuse)."""
        target = self.target or self._input_port_at(pos)
        self.cancel()
        if target is None:
            return
        doc = self._scene.document
        try:
            doc.connect(self.source.node_id, target.node_id, self.source.index, target.index)
        except GraphError as err:
            self._scene.message.emit(str(err))

    def cancel(self) -> None:
        """Remove the live wire."""
        if self.target is not None:
            self.target.set_highlight(False)
        self._scene.removeItem(self._item)

    def _input_port_at(self, pos: QPointF) -> PortItem | None:
        for item in self._scene.items(pos):
            if isinstance(item, PortItem) and not item.is_output:
                return item
        return None

    def _nearest_compatible(self, pos: QPointF) -> PortItem | None:
        r = SNAP_RADIUS
        best, best_d = None, r * r
        for item in self._scene.items(QRectF(pos.x() - r, pos.y() - r, 2 * r, 2 * r)):
            if not isinstance(item, PortItem) or item.is_output:
                continue
            d = QPointF.dotProduct(item.scene_anchor() - pos, item.scene_anchor() - pos)
            if d < best_d and self._refusal(item) is None:
                best, best_d = item, d
        return best

    def _refusal(self, port: PortItem) -> str | None:
        key = (port.node_id, port.index)
        if key not in self._verdicts:
            self._verdicts[key] = self._scene.document.refusal(
                self.source.node_id, port.node_id, self.source.index, port.index
            )
        return self._verdicts[key]
