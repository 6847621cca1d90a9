"""ui: a node on the canvas - a rounded card with the op symbol, its title and its ports."""

from __future__ import annotations

from typing import Any, Protocol, cast

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gradflow.core.formatting import format_number, format_shape
from gradflow.core.geometry import NODE_WIDTH, node_height, port_offset
from gradflow.core.graph import Node
from gradflow.core.i18n import _
from gradflow.ui.canvas.icons import category_color, display_symbol
from gradflow.ui.canvas.label_item import LabelItem
from gradflow.ui.canvas.port_item import PortItem
from gradflow.ui.canvas.style import (
    CORNER,
    PORT_RADIUS,
    Metrics,
    Theme,
    font,
)

_STUB = 46.0  # the short wire drawn out of a node whose output feeds nothing


class NodeHost(Protocol):
    """What a node item asks of its scene while it is dragged (GraphScene provides it)."""

    def drag_position(self, pos: QPointF) -> QPointF:
        """Where the dragged node goes (snapped to the grid while it shows)."""
        ...

    def node_item_moved(self, node_id: str) -> None:
        """Re-route the wires of a node that moved."""
        ...


class NodeItem(QGraphicsItem):
    """One graph node; its position is the node's centre. It never changes the graph."""

    def __init__(self, node: Node, theme: Theme, metrics: Metrics) -> None:
        super().__init__()
        self.node_id = node.id
        self.inputs: list[PortItem] = []
        self.outputs: list[PortItem] = []
        self.problem: str | None = None
        self._has_caption = False
        self._active = False
        self._title = ""
        self._symbol = ""
        self._rect = QRectF()
        self._accent = QColor()
        self._theme, self._metrics = theme, metrics
        self.value_label = LabelItem(self, above=True)
        self.grad_label = LabelItem(self, above=False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsScenePositionChanges)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(1)
        self.update_from(node)

    # --- state from the document ----------------------------------------------------------
    def update_from(self, node: Node) -> None:
        """Rebuild title, ports and size from the node (after an attribute change)."""
        spec = node.spec
        self.prepareGeometryChange()
        self._symbol, self._title = display_symbol(spec), node.title
        self._short_title = self._title
        if spec.is_leaf:  # a leaf shows its name big and its value below
            value = np.asarray(node.attrs["value"])
            shown = (
                f"= {format_number(value.item())}" if value.ndim == 0 else format_shape(value.shape)
            )
            # the op's name goes first when it fits; the value itself always shows
            self._symbol, self._title = node.title, f"{spec.name} {shown}"
            self._short_title = shown
        self._raw_symbol, self._raw_title = self._symbol, self._title
        self._accent = category_color(spec.category)
        h = node_height(max(node.n_inputs, node.n_outputs))
        self._rect = QRectF(-NODE_WIDTH / 2, -h / 2, NODE_WIDTH, h)
        plain = self._rect.adjusted(-PORT_RADIUS - 2, -12, PORT_RADIUS + 2, 4)
        self._bounds = (plain, plain.adjusted(0, 0, _STUB + 8, 0))  # without, with a caption
        for port in self.inputs + self.outputs:
            port.setParentItem(None)  # type: ignore[arg-type]  # None detaches (stub: item only)
            if port.scene() is not None:
                port.scene().removeItem(port)
        self.inputs = [self._port(node, i, False, name) for i, name in enumerate(spec.input_names)]
        outs = node.n_outputs
        names = ["out"] if outs == 1 else [f"out {k + 1}" for k in range(outs)]
        self.outputs = [self._port(node, k, True, name) for k, name in enumerate(names)]
        self._port_points = [port.pos() for port in self.inputs + self.outputs]
        tip = f"{node.title} ({spec.name}): {_(spec.description)}"
        self.setToolTip(tip if self.problem is None else f"{tip}\n⚠ {self.problem}")
        self._base_tip = tip
        self._place_captions()
        self.apply_style(self._theme, self._metrics)

    def _port(self, node: Node, index: int, is_output: bool, name: str) -> PortItem:
        port = PortItem(self, node.id, index, is_output, name)
        count = node.n_outputs if is_output else node.n_inputs
        y = port_offset(index, count)
        port.setPos(self._rect.right() if is_output else self._rect.left(), y)
        return port

    def texts(self) -> tuple[str, str]:
        """The big line and the small line as drawn (elided to fit the card)."""
        return self._symbol, self._title

    def set_problem(self, problem: str | None) -> None:
        """Show (or clear) the badge saying what is missing."""
        if problem != self.problem:
            self.problem = problem
            self.setToolTip(self._base_tip if problem is None else f"{self._base_tip}\n⚠ {problem}")
            self.update()

    def set_active(self, on: bool) -> None:
        """Highlight the node the player is on."""
        if on != self._active:
            self._active = on
            self.update()

    def set_caption(self, value: np.ndarray | None, grad: np.ndarray | None) -> None:
        """Value and gradient of an output that feeds no wire, drawn on a short stub."""
        shown = value is not None or grad is not None
        if shown != self._has_caption:
            self.prepareGeometryChange()  # the stub widens the bounding rectangle
            self._has_caption = shown
            self.update()
        self.value_label.set_value(value)
        self.grad_label.set_value(grad)

    def apply_style(self, theme: Theme, metrics: Metrics) -> None:
        """Theme colours and sizes (on theme or presentation change)."""
        self._theme, self._metrics = theme, metrics
        self._pens = {
            "border": QPen(theme.node_border, 1.4),
            "selected": QPen(theme.selected, 2.6),
            "active": QPen(theme.active, 4.0),
            "stub": QPen(theme.wire, metrics.wire_width),
            "text": QPen(theme.node_text),
            "muted": QPen(theme.node_muted),
            "port": QPen(theme.port, 1.6),
        }
        self._fill = QBrush(theme.node_fill)
        self._accent_brush = QBrush(self._accent)
        self._badge_brush = QBrush(theme.badge)
        self._fonts: dict[str, QFont] = {
            "symbol": font(metrics.symbol_pt, bold=True),
            "title": font(metrics.label_pt),
            "badge": font(8.5, bold=True),
        }
        room = self._rect.width() - 16
        fm = QFontMetricsF(self._fonts["title"])
        title = self._raw_title
        if fm.horizontalAdvance(title) > room:
            title = self._short_title
        for key, text in (("symbol", self._raw_symbol), ("title", title)):
            fm = QFontMetricsF(self._fonts[key])
            elided = fm.elidedText(text, Qt.TextElideMode.ElideRight, room)
            setattr(self, f"_{key}", elided)
        number = font(metrics.number_pt)
        self.value_label.set_style(number, theme.value, theme.label_bg)
        self.grad_label.set_style(font(metrics.number_pt, italic=True), theme.grad, theme.label_bg)
        for port in self.inputs + self.outputs:
            port.set_theme(theme, self._fill)
        self.update()

    def _place_captions(self) -> None:
        mid = QPointF(self._rect.right() + _STUB / 2 + 4, 0.0)
        self.value_label.anchor_at(mid)
        self.grad_label.anchor_at(mid)

    # --- geometry and painting ------------------------------------------------------------
    def rect(self) -> QRectF:
        """The card, in item coordinates."""
        return self._rect

    def boundingRect(self) -> QRectF:
        return self._bounds[self._has_caption]

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._rect, CORNER, CORNER)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        r = self._rect
        if self._has_caption:
            painter.setPen(self._pens["stub"])
            painter.drawLine(QPointF(r.right(), 0), QPointF(r.right() + _STUB, 0))
        if self._active:
            painter.setPen(self._pens["active"])
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(r.adjusted(-3, -3, 3, 3), CORNER + 3, CORNER + 3)
        painter.setPen(self._pens["selected" if self.isSelected() else "border"])
        painter.setBrush(self._fill)
        painter.drawRoundedRect(r, CORNER, CORNER)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._accent_brush)
        painter.drawRoundedRect(QRectF(r.left() + 14, r.top() + 5, r.width() - 28, 3), 1.5, 1.5)
        painter.setPen(self._pens["text"])
        painter.setFont(self._fonts["symbol"])
        painter.drawText(
            r.adjusted(8, 4, -8, -r.height() * 0.3), Qt.AlignmentFlag.AlignCenter, self._symbol
        )
        painter.setPen(self._pens["muted"])
        painter.setFont(self._fonts["title"])
        painter.drawText(
            r.adjusted(10, r.height() * 0.55, -10, -4),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            self._title,
        )
        painter.setPen(self._pens["port"])
        painter.setBrush(self._fill)
        for port in self._port_points:
            painter.drawEllipse(port, PORT_RADIUS, PORT_RADIUS)
        if self.problem is not None:
            self._paint_badge(painter)

    def _paint_badge(self, painter: QPainter) -> None:
        centre = QPointF(self._rect.right() - 4, self._rect.top() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._badge_brush)
        painter.drawEllipse(centre, 8.5, 8.5)
        painter.setPen(
            self._pens["text"] if self._theme.name == "dark" else QPen(Qt.GlobalColor.white)
        )
        painter.setFont(self._fonts["badge"])
        painter.drawText(
            QRectF(centre.x() - 8, centre.y() - 8, 16, 16), Qt.AlignmentFlag.AlignCenter, "!"
        )

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        scene = cast(NodeHost | None, self.scene())  # a GraphScene: no isinstance per move
        if scene is not None:
            if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
                return scene.drag_position(value)
            if change == QGraphicsItem.GraphicsItemChange.ItemScenePositionHasChanged:
                scene.node_item_moved(self.node_id)
        return super().itemChange(change, value)
