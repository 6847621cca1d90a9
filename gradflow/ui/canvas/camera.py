"""ui: StepCamera - the view follows the player's step, so its numbers are always readable.

While the player steps or plays, the camera frames the active node with its input and
output wires and their numbers, at a zoom where those numbers are at least READABLE_PT
on screen. Moves are eased on Qt's animation framework (a QVariantAnimation) and the
next step interrupts a move that is still running. A step whose frame is already wholly
in view (at a readable zoom) does not move the view at all. Each step's shot is kept,
so stepping back shows exactly the view that step had (until the graph changes). A
manual pan or zoom pauses following until the next step; View ▸ Follow Step turns it
off (a display option, remembered). While a practice question is open (`frame_question`)
the camera frames the node the question asks about - the step about to be revealed -
instead of the step just shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QRectF, QVariantAnimation

from gradflow.core.trace import Trace
from gradflow.ui.actions import MenuEntry, make_action
from gradflow.ui.canvas.label_item import LabelItem
from gradflow.ui.canvas.scene import GraphScene
from gradflow.ui.canvas.style import READABLE_PT
from gradflow.ui.canvas.view import MAX_ZOOM, GraphView
from gradflow.ui.workspace import DisplayOptions, Workspace

MOVE_MS = 320
MARGIN = 24.0  # screen pixels kept free around the framed step


@dataclass(frozen=True)
class Shot:
    """Where the view looks: a scene point at the centre, and a zoom (1 = 100 %)."""

    centre: QPointF
    zoom: float


def step_frame(scene: GraphScene, node_id: str) -> QRectF:
    """The scene rectangle of a step: the node's card and the room of its numbers (its
    wires' values and gradients, its caption), shown yet or not."""
    if node_id not in scene.document.graph:
        return QRectF()
    node = scene.node_item(node_id)
    rect = node.mapRectToScene(node.rect())
    captions = (node.value_label, node.grad_label)
    sink = not scene.document.graph.out_edges(node_id)  # its numbers sit on a stub
    for label in scene.step_labels(node_id):
        if label not in captions or sink:
            rect = rect.united(_unscaled_box(label))
    return rect


def _unscaled_box(label: LabelItem) -> QRectF:
    """A label's room at its own size (the focus enlargement is undone at readable zooms)."""
    box = label.boundingRect()
    return QRectF(label.scenePos() + box.topLeft(), box.size())


def readable_zoom(scene: GraphScene) -> float:
    """The least zoom at which the numbers on wires are READABLE_PT on screen."""
    return READABLE_PT / scene.metrics.number_pt


def fitting_zoom(frame: QRectF, port: tuple[float, float]) -> float:
    """The largest zoom at which `frame` fits a `port` (w, h) less the margin."""
    room_w, room_h = max(1.0, port[0] - 2 * MARGIN), max(1.0, port[1] - 2 * MARGIN)
    return min(room_w / max(frame.width(), 1.0), room_h / max(frame.height(), 1.0))


def fresh_shot(frame: QRectF, port: tuple[float, float], least: float) -> Shot:
    """The shot the camera moves to for `frame` in a `port` (w, h) of screen pixels: its
    centre, at the largest zoom that fits it (at most 100 %), never below `least`.
    `gradflow render --step N --size WxH` frames its picture with this too."""
    zoom = max(least, min(fitting_zoom(frame, port), 1.0))
    return Shot(frame.center(), min(zoom, MAX_ZOOM))


def frame_shot(view: GraphView, frame: QRectF, now: Shot) -> Shot | None:
    """The shot that shows `frame` readably, or None when `now` already does.

    Keeps the zoom when it is readable and the frame fits; otherwise the largest zoom
    that fits the frame, but never below the readable zoom (a frame too big for the
    window is centred on, its middle readable).
    """
    port = view.viewport().rect()
    size = (float(port.width()), float(port.height()))
    least = readable_zoom(view.graph_scene)
    fits = fitting_zoom(frame, size)
    if now.zoom >= least and now.zoom <= fits and _inside(view, frame, now):
        return None
    if least <= now.zoom <= fits:
        return Shot(frame.center(), min(now.zoom, MAX_ZOOM))
    return fresh_shot(frame, size, least)


def _inside(view: GraphView, frame: QRectF, shot: Shot) -> bool:
    """Whether `frame` lies within the viewport (less the margin) for `shot`."""
    port = view.viewport().rect()
    w, h = port.width() / shot.zoom, port.height() / shot.zoom
    m = MARGIN / shot.zoom
    seen = QRectF(shot.centre.x() - w / 2 + m, shot.centre.y() - h / 2 + m, w - 2 * m, h - 2 * m)
    return seen.contains(frame)


class StepCamera(QObject):
    """Moves `view` to frame the player's active step (see the module docstring)."""

    def __init__(
        self,
        workspace: Workspace,
        scene: GraphScene,
        view: GraphView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace, self._scene, self._view = workspace, scene, view
        self.duration_ms = MOVE_MS
        self.paused = False
        self._framed: int | None = None
        self._asked: int | None = None  # the step of the open practice question
        self._shots: dict[int, tuple[float, int, int]] = {}  # zoom and scroll per step
        self._from: Shot | None = None
        self._to: Shot | None = None
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._on_anim_value_changed)
        self._anim.finished.connect(self._on_anim_finished)
        self.follow = make_action(
            self,
            self.tr("&Follow Step"),
            lambda on: workspace.set_display(follow_step=bool(on)),
            "Ctrl+Shift+F",
            checkable=True,
            checked=workspace.display.follow_step,
            object_name="followStep",
        )
        workspace.explained_step_changed.connect(self._on_workspace_explained_step_changed)
        workspace.trace_changed.connect(lambda _t: self._shots.clear())
        workspace.display_changed.connect(self._on_workspace_display_changed)
        view.manually_moved.connect(self._on_view_manually_moved)

    # --- reading ---------------------------------------------------------------------------
    @property
    def following(self) -> bool:
        """Whether the next step moves the view (Follow Step on and not paused)."""
        return self._workspace.display.follow_step and not self.paused

    @property
    def animation(self) -> QVariantAnimation:
        """The eased move (its valueChanged fires once per animation frame)."""
        return self._anim

    @property
    def moving(self) -> bool:
        """Whether an eased move is running."""
        return self._anim.state() == QVariantAnimation.State.Running

    def shot(self) -> Shot:
        """Where the view looks now."""
        view = self._view
        centre = view.mapToScene(view.viewport().rect().center())
        return Shot(QPointF(centre), view.zoom())

    def menu_entries(self) -> list[MenuEntry]:
        """View ▸ Follow Step."""
        return [MenuEntry("&View", self.follow, "follow_step")]

    # --- moving ----------------------------------------------------------------------------
    def frame_step(self, k: int) -> None:
        """Frame the step that playhead k has revealed (eased; at once if duration is 0)."""
        trace: Trace | None = self._workspace.trace
        if trace is None or not 0 < k <= len(trace):
            return
        back = self._framed is not None and k < self._framed
        self._framed = k
        self.finish()
        if back and k in self._shots:  # exactly the view this step had
            self._restore(self._shots[k])
            return
        node_id = trace.steps[k - 1].node
        self._scene.layout_labels_now()
        frame = step_frame(self._scene, node_id)
        if frame.isEmpty():
            return
        target = frame_shot(self._view, frame, self.shot())
        if target is None:
            self._shots[k] = self._scroll_state()
            return
        if self.duration_ms <= 0:
            self._apply(target)
            self._shots[k] = self._scroll_state()
            return
        self._from, self._to = self.shot(), target
        self._anim.setDuration(self.duration_ms)
        self._anim.start()

    def frame_question(self, step: int | None) -> None:
        """A practice question about `step` is open (None: none): frame that step's node
        while it stays open; with none, the explained step again."""
        self._asked = step
        target = step if step is not None else self._workspace.explained_step
        if self.following and target and target != self._framed:
            self.frame_step(target)

    def finish(self) -> None:
        """Jump to the end of a running move."""
        if self.moving and self._to is not None:
            self._anim.stop()
            self._apply(self._to)
            if self._framed is not None:
                self._shots[self._framed] = self._scroll_state()

    def _apply(self, shot: Shot) -> None:
        self._view.look_at(shot.centre, shot.zoom)

    def _scroll_state(self) -> tuple[float, int, int]:
        view = self._view
        return view.zoom(), view.horizontalScrollBar().value(), view.verticalScrollBar().value()

    def _restore(self, state: tuple[float, int, int]) -> None:
        zoom, h, v = state
        view = self._view
        view.look_at(self.shot().centre, zoom)
        view.horizontalScrollBar().setValue(h)
        view.verticalScrollBar().setValue(v)

    # --- slots ------------------------------------------------------------------------------
    def _on_anim_value_changed(self, t: object) -> None:
        a, b = self._from, self._to
        if a is None or b is None:
            return
        t = float(t)  # type: ignore[arg-type]
        centre = a.centre + (b.centre - a.centre) * t
        zoom = a.zoom * (b.zoom / a.zoom) ** t  # zoom eases geometrically: steady to the eye
        self._view.look_at(centre, zoom)

    def _on_anim_finished(self) -> None:
        if self._framed is not None:
            self._shots[self._framed] = self._scroll_state()

    def _on_workspace_explained_step_changed(self, k: int | None) -> None:
        if k is not None and self._asked is not None and self._asked > k:
            k = self._asked  # the practice question's node stays framed until it is answered
        if k is None or k == self._framed:
            return  # an edit that keeps the step: the view stays where the user left it
        self.paused = False  # a step key resumes following
        if self.following:
            self.frame_step(k)
        else:
            self._framed = k

    def _on_workspace_display_changed(self, new: DisplayOptions, old: DisplayOptions) -> None:
        self.follow.setChecked(new.follow_step)
        if new.follow_step and not old.follow_step:
            self.paused = False
            k = self._workspace.explained_step
            if k:
                self._framed = None
                self.frame_step(k)

    def _on_view_manually_moved(self) -> None:
        self._anim.stop()
        self.paused = True
        self._shots.clear()  # the user chose another view: steps are framed afresh
