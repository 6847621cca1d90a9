"""ui: Minimap - an overview of the whole graph in a corner of the canvas.

It shows the graph small, the part the view shows as a frame, and the player's active
node as a filled mark; clicking (or dragging) in it moves the view there, which counts
as a manual move (the camera stops following until the next step). The overview picture
is drawn once per change of the graph (not per step): a step only moves the mark. It
shows only while part of the graph lies outside the view.

It never hides a node or a number: it sits in the bottom-right corner when nothing of
the graph is drawn there, else in the first free corner (top-right, bottom-left,
top-left), staying put while its corner stays free; with no corner free it tries again
at a smaller size. When the view is so full that even that fails, it takes the corner
where the small one covers least (never the active node) and turns see-through until
the mouse comes to it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QEnterEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from gradflow.ui.canvas.label_item import LabelItem
from gradflow.ui.canvas.node_item import NodeItem
from gradflow.ui.canvas.view import GraphView
from gradflow.ui.first_paint import after_first_paint

SIZE = (200, 130)  # pixels, at most; the picture keeps the graph's aspect
SHARE = 0.24  # of the viewport's width and height, at most
CORNER_GAP = 10
CLEARANCE = 4  # px kept free between the minimap and a node or number
SMALLER = 0.6  # its size when no corner has room for the full one
REDRAW_MS = 120  # the picture follows a change of the graph this much later
CORNERS = ("bottom-right", "top-right", "bottom-left", "top-left")  # in the order tried
OPAQUE, SEE_THROUGH = 0.92, 0.35  # the picture's opacity: free corner / over the graph


class Coverage(dict[str, float]):
    """The pixels of graph each corner would cover, found when a corner is first looked
    up: `choose_corner` stops at the first free corner, so the others are not asked."""

    def __init__(self, cover: Callable[[str], float]) -> None:
        super().__init__()
        self._cover = cover

    def __missing__(self, corner: str) -> float:
        value = self[corner] = self._cover(corner)
        return value


def choose_corner(covered: dict[str, float], current: str) -> tuple[str, bool]:
    """(corner, crowded) for the pixels of graph each corner would cover: the first of
    CORNERS that covers nothing, the current one before the others once it has left
    home; with none free (crowded), the one covering least."""
    order = [CORNERS[0], current, *CORNERS[1:]]
    for corner in order:
        if covered[corner] == 0:
            return corner, False
    return min(CORNERS, key=lambda c: covered[c]), True


class Minimap(QWidget):
    """The overview in the bottom-right corner of `view`'s viewport."""

    def __init__(self, view: GraphView) -> None:
        super().__init__(view.viewport())
        self.setObjectName("minimap")
        self._view = view
        self._scene = view.graph_scene
        self._pictures: dict[tuple[int, int], QPixmap] = {}  # by size (full, smaller)
        self._full = QSize()  # its size when there is room
        self._world = QRectF()  # the scene rectangle the picture shows
        self.corner = CORNERS[0]  # where it sits now
        self.crowded = False  # no corner free: it covers some of the graph, see-through
        self._hovered = False
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("The whole graph: click to look there"))
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_MS)  # after the edit's own frame, once per burst
        self._redraw.timeout.connect(self.refresh)
        doc = self._scene.document
        for signal in (
            doc.node_added,
            doc.node_removed,
            doc.node_moved,
            doc.edge_added,
            doc.edge_removed,
            doc.graph_replaced,
        ):
            signal.connect(lambda *_a: self._request())
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(lambda _v: self._place())
            bar.rangeChanged.connect(lambda _lo, _hi: self._place())  # a zoom
        self._scene.active_node_changed.connect(lambda _n: self._place())
        view.viewport().installEventFilter(self)
        # sized and placed once the canvas is on screen: not needed for the first frame
        self._ready = False
        after_first_paint(view.viewport(), self._on_view_painted)

    # --- reading ---------------------------------------------------------------------------
    def world_rect(self) -> QRectF:
        """The scene rectangle the overview shows."""
        return QRectF(self._world)

    def to_scene(self, point: QPointF) -> QPointF:
        """The scene point under a point of the minimap."""
        w = self._world
        return QPointF(
            w.left() + point.x() / max(self.width(), 1) * w.width(),
            w.top() + point.y() / max(self.height(), 1) * w.height(),
        )

    def to_map(self, rect: QRectF) -> QRectF:
        """A scene rectangle in minimap pixels."""
        w = self._world
        sx, sy = self.width() / max(w.width(), 1e-9), self.height() / max(w.height(), 1e-9)
        return QRectF(
            (rect.left() - w.left()) * sx,
            (rect.top() - w.top()) * sy,
            rect.width() * sx,
            rect.height() * sy,
        )

    @property
    def full_size(self) -> QSize:
        """Its size when a corner has room for it (it shrinks by SMALLER otherwise)."""
        return QSize(self._full)

    def opacity(self) -> float:
        """How opaque its picture is drawn now (see-through over the graph, unless the
        mouse is on it)."""
        return SEE_THROUGH if self.crowded and not self._hovered else OPAQUE

    # --- drawing ----------------------------------------------------------------------------
    def _request(self) -> None:
        """Follow a change of the graph or the viewport's size (once the canvas is shown)."""
        if self._ready:
            self._redraw.start()

    def _on_view_painted(self) -> None:
        self._ready = True
        self._redraw.start()

    def flush(self) -> None:
        """Apply a graph change the timer would apply later, now (a grab, a test)."""
        if self._redraw.isActive() or not self._ready:
            self._redraw.stop()
            self.refresh()

    def refresh(self) -> None:
        """The graph changed: size and place the overview; its picture is drawn again when
        it is next painted (a hidden minimap - the whole graph in view - draws nothing)."""
        scene = self._scene
        if not len(scene.document.graph):
            self._world = QRectF()
            self.hide()
            return
        if scene.live.lazy:  # a big graph: from the positions (most nodes have no item)
            world = scene.items_rect().adjusted(10, 10, -10, -10)
        else:
            world = QRectF()
            for node in scene.node_items():
                world = world.united(node.sceneBoundingRect())
            world = world.adjusted(-30, -30, 30, 30)
        port = self._view.viewport()
        room_w = min(SIZE[0], SHARE * port.width())
        room_h = min(SIZE[1], SHARE * port.height())
        scale = min(room_w / world.width(), room_h / world.height())
        w, h = max(40, round(world.width() * scale)), max(30, round(world.height() * scale))
        self._world = world
        self._full = QSize(w, h)
        self.resize(self._full)
        self._pictures.clear()  # stale: drawn in paintEvent
        self._place()

    def _draw_picture(self) -> QPixmap:
        scene, world, w, h = self._scene, self._world, self.width(), self.height()
        picture = QPixmap(w, h)
        picture.fill(QColor(scene.theme.background))
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if scene.live.lazy:  # the overview item's boxes and lines, scaled: no item walk
            sx, sy = w / world.width(), h / world.height()
            painter.scale(sx, sy)
            painter.translate(-world.left(), -world.top())
            scene.overview_item.draw(painter, min(sx, sy))
        else:
            scene.render(painter, QRectF(0, 0, w, h), world, Qt.AspectRatioMode.IgnoreAspectRatio)
        painter.end()
        self._pictures[(w, h)] = picture
        return picture

    def _place(self) -> None:
        """Sit in a corner that hides nothing; show only while some of the graph is out of
        view."""
        if self._world.isEmpty() or not isValid(self._scene):  # (torn down: still scrolled)
            self.hide()
            return
        port = self._view.viewport()
        seen = self._view.mapToScene(port.rect()).boundingRect()
        inner = self._world.adjusted(30, 30, -30, -30)
        full = self._full
        roomy = port.width() > 2 * full.width() and port.height() > 2 * full.height()
        shown = roomy and not seen.contains(inner)
        if shown:
            small = QSize(
                max(40, round(full.width() * SMALLER)), max(30, round(full.height() * SMALLER))
            )
            for size in (full, small):  # the full size where a corner is free, else smaller
                covered = Coverage(partial(self._covered_at, size=size))
                self.corner, self.crowded = choose_corner(covered, self.corner)
                if not self.crowded:
                    break
            if self.size() != size:
                self.resize(size)
            self.move(self.corner_rect(self.corner).topLeft())
        self.setVisible(shown)
        self.update()

    def _covered_at(self, corner: str, size: QSize) -> float:
        return self.covered(self.corner_rect(corner, size))

    def corner_rect(self, corner: str, size: QSize | None = None) -> QRect:
        """Where the minimap (at `size`, by default its own) would sit in `corner`, in
        viewport pixels."""
        port, size = self._view.viewport(), size or self.size()
        x = CORNER_GAP if corner.endswith("left") else port.width() - size.width() - CORNER_GAP
        y = CORNER_GAP if corner.startswith("top") else port.height() - size.height() - CORNER_GAP
        return QRect(QPoint(x, y), size)

    def covered(self, rect: QRect) -> float:
        """Pixels of nodes and shown numbers under `rect` (viewport pixels) or within
        CLEARANCE of it; infinite when the active node is among them."""
        view, scene = self._view, self._scene
        rect = rect.adjusted(-CLEARANCE, -CLEARANCE, CLEARANCE, CLEARANCE)  # never touching
        area = view.mapToScene(rect).boundingRect()
        total = 0.0
        for item in scene.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, NodeItem):
                box = item.sceneBoundingRect()
            elif isinstance(item, LabelItem) and item.isVisible():
                box = item.text_rect()
            else:
                continue
            under = view.mapFromScene(box).boundingRect().intersected(rect)
            if under.isEmpty():
                continue
            if isinstance(item, NodeItem) and item.node_id == scene.active_node:
                return math.inf
            total += under.width() * under.height()
        return total

    def paintEvent(self, event: QPaintEvent) -> None:
        picture = self._pictures.get((self.width(), self.height()))
        if picture is None and not self._world.isEmpty():
            picture = self._draw_picture()
        painter = QPainter(self)
        painter.setOpacity(self.opacity())
        if picture is not None:
            painter.drawPixmap(0, 0, picture)
        painter.setOpacity(1.0)
        theme = self._scene.theme
        painter.setPen(QPen(theme.node_border, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0.5, 0.5, self.width() - 1, self.height() - 1))
        active = self._scene.active_node
        if active is not None and active in self._scene.document.graph:
            mark = self.to_map(self._scene.node_item(active).sceneBoundingRect())
            painter.setPen(QPen(theme.active, 2))
            painter.setBrush(QColor(theme.active))
            painter.drawRect(mark.adjusted(-1, -1, 1, 1))
        seen = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        painter.setPen(QPen(theme.selected, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.to_map(seen))

    # --- input -------------------------------------------------------------------------------
    def enterEvent(self, event: QEnterEvent) -> None:  # Qt override: opaque to be used
        self._hovered = True
        self.update()

    def leaveEvent(self, event: QEvent) -> None:  # Qt override
        self._hovered = False
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._look_at(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._look_at(event.position())
        event.accept()

    def _look_at(self, point: QPointF) -> None:
        self._view.centerOn(self.to_scene(point))
        self._view.manually_moved.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._request()  # its size follows the viewport's
        return False
