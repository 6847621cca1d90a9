"""ui: drawing a new wire - a live curve from an output port that snaps to a free input.

The drag changes nothing: `finish` returns a WireIntent (source port, target port, the
wire pulled off if any), which the scene turns into one document command.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsPathItem

from gradflow.core.graph import Edge
from gradflow.ui.canvas.edge_item import wire_path
from gradflow.ui.canvas.port_item import PortItem

if TYPE_CHECKING:
    from gradflow.ui.canvas.scene import GraphScene

SNAP_RADIUS = 28.0
Port = tuple[str, int]  # (node id, port index)


@dataclass(frozen=True)
class WireIntent:
    """What a wire drag asks for: connect `source` to `target`, or move/remove `detached`.

    target None: dropped where no input port is (a pulled-off wire is then removed).
    """

    source: Port
    target: Port | None
    detached: Edge | None = None


class WireDrag:
    """One wire being drawn from `source`; `finish` turns it into a WireIntent.

    With `detached`, an existing wire is being pulled off its input port: dropping it on
    another input moves it there, dropping it anywhere else removes it.
    """

    def __init__(self, scene: GraphScene, source: PortItem, detached: Edge | None = None) -> None:
        self._scene, self.source, self.detached = scene, source, detached
        self.target: PortItem | None = None
        self._verdicts: dict[tuple[str, int], str | None] = {}
        pen = QPen(scene.theme.selected, scene.metrics.wire_width + 0.6)
        pen.setStyle(Qt.PenStyle.DashLine)
        self._item = QGraphicsPathItem()
        self._item.setPen(pen)
        self._item.setZValue(5)
        scene.addItem(self._item)
        if detached is not None:
            scene.wires.set_subset([e for e in scene.edges() if e != detached])
            scene.edge_item(detached).setVisible(False)
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

    def finish(self, pos: QPointF) -> WireIntent:
        """The intent: to the snapped port, or to the input port under `pos` (if any)."""
        target = self.target or self._input_port_at(pos)
        self.cancel()
        end = None if target is None else (target.node_id, target.index)
        return WireIntent((self.source.node_id, self.source.index), end, self.detached)

    def cancel(self) -> None:
        """Remove the live wire (and show a detached wire again)."""
        if self.target is not None:
            self.target.set_highlight(False)
        self._scene.removeItem(self._item)
        if self.detached is not None:
            self._scene.wires.set_subset(None)
            self._scene.edge_item(self.detached).setVisible(True)

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
                self.source.node_id, port.node_id, self.source.index, port.index, self.detached
            )
        return self._verdicts[key]
