"""ui: a number drawn on the canvas - a value above a wire or a gradient below it."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gradflow.core.formatting import format_array, format_shape
from gradflow.ui.canvas.labels import number_text
from gradflow.ui.canvas.tensor_tile import paint_tile, tile_cells, tile_size

ViewBox = tuple[float, float, float, float]  # a scene rectangle: left, top, right, bottom

WIDEST = "64×64 [−0.12, …]"  # the most room a label takes (longer texts are elided)
ROOM = "−0.0001234"  # the room reserved up front: any number (a tensor preview grows it)
GAP = 3.0  # between a wire and the nearest edge of its labels
MAX_SLOPE = 4.0  # beyond this (76°) a wire counts as vertical
SLIDE_SLOPE = 0.6  # from this slope on, a label slides fully aside (downhill for a value)
EVERYWHERE = (-math.inf, -math.inf, math.inf, math.inf)
BEND = 1.4  # wires curve away from their tangent: lift a label this much more than the slope says


def wire_slope(angle: float) -> float:
    """dy/dx on the y-down canvas of a wire whose tangent has Qt angle `angle` (degrees).

    Positive where the wire runs down to the right; capped at ±MAX_SLOPE.
    """
    c, s = math.cos(math.radians(angle)), -math.sin(math.radians(angle))
    if abs(s) >= MAX_SLOPE * abs(c):
        return math.copysign(MAX_SLOPE, s * c if c else s)
    return s / c


def pill_centre(slope: float, half_width: float, half_height: float, above: bool) -> QPointF:
    """Where a pill of that size sits relative to a wire point: above it (a value) or below.

    On a level wire the pill is centred straight above (below) the point, GAP away. On a
    sloped wire it also slides sideways, to where the wire has fallen away from it
    (downhill for the value, uphill for the gradient), and is lifted only by what the wire
    still rises under it (with BEND to spare for the curve). On a steep wire the pill thus
    touches the point with a corner: the value above and beside the wire, the gradient
    below and on the other side - never far from it, never across it.
    """
    steep = abs(slope)
    share = min(1.0, steep / SLIDE_SLOPE)
    slide = share * (half_width + GAP)
    lift = BEND * steep * max(0.0, half_width - share * half_width)
    downhill = 1.0 if slope >= 0 else -1.0
    x = downhill * slide if above else -downhill * slide
    reach = GAP + half_height + lift
    return QPointF(x, -reach if above else reach)


class LabelItem(QGraphicsItem):
    """Text on a soft background pill, straight above a wire (a value) or below it (a gradient).

    The item sits on the wire point; its bounding box is fixed by its font and the wire's
    direction (room for any number), so a new number never moves geometry: it only marks
    the label for repainting, and the text is formatted when painted (or asked for). A
    1,000-wire canvas thus formats only the numbers in view. Only a tensor preview or a
    given text, which may be wider, is formatted at once to grow the room.
    """

    PAD_X, PAD_Y = 4.0, 1.0

    def __init__(self, parent: QGraphicsItem | None, above: bool) -> None:
        super().__init__(parent)
        self.above = above
        self._text = ""
        self._source: np.ndarray | None = None  # the number, formatted only when needed
        self._cells: np.ndarray | None = None  # a tensor's heat-map tile
        self._stale = False
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._pen = QPen(QColor("black"))
        self._bg = QColor("white")
        self._rect = QRectF()
        self._pill = QRectF()
        self._slope = 0.0
        self._wanted, self._detail, self._host = False, True, True
        self._focused = False  # the active step's: drawn whatever the zoom
        # where the label may draw, in scene coordinates (a node's labels: everywhere)
        self._free = parent is None
        self._box: ViewBox = EVERYWHERE
        self.setZValue(3)
        self.setVisible(False)

    def text(self) -> str:
        """The text shown ('' when hidden); still given when zoomed too far out to draw."""
        return self._current() if self._wanted else ""

    def set_detail(self, on: bool) -> None:
        """Draw the label only at zoom levels where it can be read."""
        self._detail = on
        self._show()

    def set_host_visible(self, on: bool) -> None:
        """Follow the visibility of the wire or node the label belongs to."""
        self._host = on
        self._show()

    def set_style(self, font: QFont, color: QColor, background: QColor) -> None:
        """Font and colours (these fix the label's geometry)."""
        self._font, self._pen, self._bg = font, QPen(color), background
        self._metrics = QFontMetricsF(font)
        self._relayout()

    def anchor_at(self, point: QPointF, angle: float = 0.0) -> None:
        """Sit on `point` of a wire whose tangent there has Qt angle `angle` (degrees)."""
        slope = wire_slope(angle)
        if slope != self._slope:
            self._slope = slope
            self._relayout()
            self.update()
        self.setPos(point)
        self._update_box()

    def _relayout(self) -> None:
        """The room reserved: a pill of any width up to any number's, off the wire."""
        self.prepareGeometryChange()
        self._rect = self._room(self._metrics.horizontalAdvance(ROOM) / 2 + self.PAD_X)
        self._stale = True
        self._make_room()
        self._update_box()

    def _update_box(self) -> None:
        """Remember the scene rectangle the label may draw in (see `take_number_unseen`)."""
        if self._free:
            r = self.mapRectToScene(self._rect)
            self._box = (r.left(), r.top(), r.right(), r.bottom())

    def _room(self, widest: float) -> QRectF:
        """Where pills from the narrowest up to half-width `widest` can be drawn."""
        hh = self._metrics.height() / 2 + self.PAD_Y
        rect = QRectF()
        for hw in (self.PAD_X + 4, widest):
            c = pill_centre(self._slope, hw, hh, self.above)
            rect = rect.united(QRectF(c.x() - hw, c.y() - hh, 2 * hw, 2 * hh))
        return rect

    def _make_room(self) -> None:
        """Grow the reserved room for a text or tensor preview wider than any number.

        Numbers never need it, so they stay formatted lazily (only when drawn).
        """
        if not self._wanted or (self._source is not None and self._source.ndim == 0):
            return
        self._current()
        if not self._rect.contains(self._pill):
            self.prepareGeometryChange()
            self._rect = self._rect.united(self._room(self._pill.width() / 2))
            self._update_box()

    def reformat(self) -> None:
        """Format the number again (the precision changed) and repaint."""
        if self._source is not None:
            self._stale = True
            self._make_room()
            self.update()

    def set_text(self, text: str | None) -> None:
        """Show `text`, or hide the label for None."""
        self._wanted = text is not None
        if text is not None and (self._source is not None or text != self._text):
            self._source, self._text, self._stale = None, text, True
            self._make_room()
            self.update()
        self._show()

    def set_value(self, value: np.ndarray | None) -> None:
        """Show a number or tensor (formatted when drawn), or hide the label for None."""
        self._wanted = value is not None
        if value is not None and value is not self._source:
            self._source, self._stale = np.asarray(value), True
            self._make_room()
            self.update()
        self._show()

    def take_number_unseen(self, value: np.ndarray | None, view: ViewBox) -> bool:
        """Take a number in place of the number shown, without a repaint request, if the
        label lies wholly outside `view` (scene left, top, right, bottom).

        Such a label is formatted and drawn afresh when it comes into view. Returns False
        (nothing done) when the label may be in view, belongs to a node, or either number
        is not a single number (whose room is fixed); the caller then uses `set_value`.
        """
        left, top, right, bottom = self._box
        if right >= view[0] and left <= view[2] and bottom >= view[1] and top <= view[3]:
            return False
        source = self._source
        if not self._wanted or source is None or source.ndim != 0 or value is None:
            return False
        value = np.asarray(value)
        if value.ndim != 0:
            return False
        if value is not source:
            self._source, self._stale = value, True
        return True

    def set_focus(self, scale: float | None) -> None:
        """Keep the label readable: drawn at any zoom, enlarged by `scale` (None: release)."""
        focused = scale is not None
        scale = 1.0 if scale is None else scale
        if focused != self._focused or scale != self.scale():
            self._focused = focused
            self.setScale(scale)
            self.setZValue(4 if focused else 3)  # above the other numbers
            self._update_box()
            self._show()

    def screen_pt(self, zoom: float) -> float:
        """The size of the text on screen, in points, in a view at `zoom`."""
        return self._font.pointSizeF() * self.scale() * zoom

    @property
    def focused(self) -> bool:
        """Whether the label belongs to the active step (see `set_focus`)."""
        return self._focused

    def _show(self) -> None:
        visible = self._wanted and (self._detail or self._focused) and self._host
        if visible != self.isVisible():
            self.setVisible(visible)

    def tile(self) -> np.ndarray | None:
        """The cells of the heat-map tile drawn for a tensor (None for a number or text)."""
        return self._cells if self._wanted else None

    def _current(self) -> str:
        if self._stale:
            source = self._source
            self._cells = None
            if source is not None and source.ndim >= 1 and source.size > 2:
                # a tensor: its shape above a heat-map tile; exact numbers on hover
                self._cells = tile_cells(source)
                text = format_shape(source.shape)
                self.setToolTip(f"{text}\n{format_array(source, max_items=64)}")
            else:
                text = number_text(source) if source is not None else self._text
            room = self._metrics.horizontalAdvance(WIDEST)
            self._text = self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            width = self._metrics.horizontalAdvance(self._text)
            hh = self._metrics.height() / 2 + self.PAD_Y
            if self._cells is not None:
                tw, th = tile_size(self._cells)
                width = max(width, tw)
                hh += (th + 2) / 2
            hw = width / 2 + self.PAD_X
            c = pill_centre(self._slope, hw, hh, self.above)
            self._pill = QRectF(c.x() - hw, c.y() - hh, 2 * hw, 2 * hh)
            self._stale = False
        return self._text

    def text_rect(self) -> QRectF:
        """Where the text's pill is drawn, in scene coordinates."""
        self._current()
        return self.mapRectToScene(self._pill)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        text = self._current()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._bg)
        painter.drawRoundedRect(self._pill, 4.0, 4.0)
        painter.setFont(self._font)
        painter.setPen(self._pen)
        if self._cells is None:
            painter.drawText(self._pill, Qt.AlignmentFlag.AlignCenter, text)
            return
        line = self._metrics.height()
        top = self._pill.adjusted(0, self.PAD_Y, 0, 0)
        painter.drawText(
            QRectF(top.left(), top.top(), top.width(), line), Qt.AlignmentFlag.AlignCenter, text
        )
        tw, _ = tile_size(self._cells)
        at = QRectF(self._pill.center().x() - tw / 2, top.top() + line + 1, tw, 0)
        kind = "value" if self.above else "grad"
        paint_tile(painter, at, self._cells, kind, QColor(self._bg.rgb()), self._pen.color())
