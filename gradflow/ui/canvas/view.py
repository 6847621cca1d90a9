"""ui: GraphView - the canvas widget: zoom to the cursor, pan, rubber-band selection, fit."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QResizeEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from gradflow.ui.canvas.scene import GraphScene
from gradflow.ui.canvas.style import detail_zoom, font

EMPTY_HINT = QT_TRANSLATE_NOOP(
    "GraphView",
    "Drag an op from the palette onto the canvas (or double-click it).\n"
    "Then drag from an output port ○ on the right of a node to an input on the left.",
)
MIN_ZOOM, MAX_ZOOM, STEP = 0.15, 4.0, 1.2
DETAIL_ZOOM = detail_zoom()  # below this, numbers on wires would be too small to read
FIT_MAX = 1.25  # a small graph is shown a little enlarged, not blown up


class GraphView(QGraphicsView):
    """Shows a GraphScene; wheel zooms under the cursor, middle button pans.

    `manually_moved` fires when the user pans or zooms (wheel, keys, menu, Fit, scroll
    bars) - not for `look_at`, which the step camera uses.
    """

    manually_moved = Signal()

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self._scene = scene  # scene() is typed as a plain QGraphicsScene
        self.setObjectName("canvas")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # repaint only what changed (a step lights one node and a few numbers; a pulse
        # frame moves a few dots); many scattered changes fall back to their bounding rect
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        # the background and its dot grid are kept as a viewport-sized picture (the scene
        # resets it when the theme or the grid changes; a zoom or a resize redraws it)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setAcceptDrops(True)
        self._pan_from: QPoint | None = None
        # the empty-canvas hint spans the viewport, outside any item's region: repaint it
        # all when the canvas becomes empty or stops being empty
        self._hint_shown = len(scene.document.graph) == 0
        document = scene.document
        document.node_added.connect(self._on_node_count_changed)
        document.node_removed.connect(self._on_node_count_changed)
        document.graph_replaced.connect(self._on_node_count_changed)
        document.graph_replaced.connect(self.fit)  # a new document is shown whole
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.sliderMoved.connect(lambda _v: self.manually_moved.emit())
        # a big graph has items only where the view looks: tell the scene where that is,
        # once per burst of scrolls and zooms
        self._region_timer = QTimer(self)
        self._region_timer.setSingleShot(True)
        self._region_timer.setInterval(0)
        self._region_timer.timeout.connect(self.show_region)
        document.graph_replaced.connect(self._region_timer.start)

    @property
    def graph_scene(self) -> GraphScene:
        """The scene shown (typed: `scene()` is a plain QGraphicsScene to the type checker)."""
        return self._scene

    def zoom(self) -> float:
        """The current scale (1 = 100 %)."""
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        """Zoom by `factor`, kept between 15 % and 400 %."""
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        factor = target / self.zoom()
        self.scale(factor, factor)
        self._update_detail()
        self.manually_moved.emit()

    def look_at(self, centre: QPointF, zoom: float) -> None:
        """Centre the view on a scene point at a zoom (the camera's move; not manual)."""
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        before = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        if abs(zoom - self.zoom()) > 1e-9:
            self.setTransform(QTransform.fromScale(zoom, zoom))
            self._update_detail()
        self.centerOn(centre)
        if (self.horizontalScrollBar().value(), self.verticalScrollBar().value()) != before:
            # repaint it whole: a scrolled backing store is not shifted on every platform
            # (offscreen), which would leave the old picture in place
            self.viewport().update()

    def zoom_in(self) -> None:
        """One step closer."""
        self.zoom_by(STEP)

    def zoom_out(self) -> None:
        """One step further."""
        self.zoom_by(1 / STEP)

    def reset_zoom(self) -> None:
        """Back to 100 %."""
        self.zoom_by(1 / self.zoom())

    def fit(self) -> None:
        """Show every node (enlarged at most to 125 %)."""
        scene = self._scene
        if not scene.items():
            return
        self.fitInView(scene.items_rect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > FIT_MAX:
            self.zoom_by(FIT_MAX / self.zoom())
        self.centerOn(scene.items_rect().center())
        self._update_detail()
        self.manually_moved.emit()

    def show_region(self) -> None:
        """Let the scene make the items of what this view shows, and a screen around it."""
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        w, h = seen.width(), seen.height()
        self._scene.show_region(seen.adjusted(-w, -h, w, h))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._region_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._region_timer.start()

    def _on_node_count_changed(self, *_args: object) -> None:
        empty = len(self._scene.document.graph) == 0
        if empty != self._hint_shown:
            self._hint_shown = empty
            self.viewport().update()

    def _update_detail(self) -> None:
        self._scene.set_detail(self.zoom() >= DETAIL_ZOOM)
        self._scene.set_view_zoom(self.zoom())
        self._region_timer.start()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if len(self._scene.document.graph):
            return
        # an empty canvas says how to start, in screen pixels whatever the zoom
        painter.save()
        painter.resetTransform()
        painter.setPen(self._scene.theme.node_muted)
        painter.setFont(font(12.0))
        painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.tr(EMPTY_HINT))  # type: ignore[arg-type]  # a NOOP text is a str
        painter.restore()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(STEP ** (delta / 120))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta, self._pan_from = now - self._pan_from, now
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            self.manually_moved.emit()
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)
