"""ui: StepAnimator - one trace step played on the canvas with pulses along its wires.

Forward: a pulse leaves the active node along each wire it feeds, carrying the value.
Backward: a pulse runs back along each of its input wires, carrying the gradient sent
there (max: the unrouted input's pulse is dim and carries 0); a fan-out shows the sum it
gathered in a tag. The numbers appear when the pulses arrive: `done(k)` fires at the end
and the caller sets the playhead. `finish()` jumps to that end at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEasingCurve,
    QObject,
    QParallelAnimationGroup,
    QVariantAnimation,
)
from PySide6.QtGui import QColor, QPainterPath

from gradflow.core.explain import Explanation
from gradflow.core.graph import Edge, Graph
from gradflow.core.trace import BackwardStep, ForwardStep, Trace
from gradflow.ui.canvas.labels import number_text
from gradflow.ui.canvas.scene import GraphScene
from gradflow.ui.canvas.style import font
from gradflow.ui.player.pulse import PulseItem, TagItem


class StepAnimator(QObject):
    """Plays one step at a time; counts frames and finished animations (tests, benchmark)."""

    def __init__(self, scene: GraphScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.frames = 0
        self.completed = 0
        self._group: QParallelAnimationGroup | None = None
        self._pulses: list[PulseItem] = []
        self._tags: list[TagItem] = []
        self._on_done: Callable[[], None] | None = None

    @property
    def running(self) -> bool:
        """Whether a step is being animated right now."""
        return self._group is not None

    def pulses(self) -> list[PulseItem]:
        """The pulses of the running step (empty when idle)."""
        return list(self._pulses)

    def tags(self) -> list[str]:
        """Texts of the tags currently shown near nodes."""
        return [t.text for t in self._tags]

    def start(
        self,
        trace: Trace,
        graph: Graph,
        index: int,
        explanation: Explanation | None,
        duration_ms: int,
        on_done: Callable[[], None],
    ) -> None:
        """Animate `trace.steps[index]`; call `on_done` when the pulses arrive."""
        self.finish()
        self.clear_tags()
        step = trace.steps[index]
        self._on_done = on_done
        group = QParallelAnimationGroup(self)
        clock = QVariantAnimation(group)  # drives the frame count even with no wires
        clock.setStartValue(0.0)
        clock.setEndValue(1.0)
        clock.setDuration(duration_ms)
        clock.valueChanged.connect(self._on_clock_value_changed)
        group.addAnimation(clock)
        for pulse, forward in self._make_pulses(step, graph, explanation):
            anim = QVariantAnimation(group)
            anim.setStartValue(0.0 if forward else 1.0)
            anim.setEndValue(1.0 if forward else 0.0)
            anim.setDuration(duration_ms)
            anim.setEasingCurve(QEasingCurve.Type.InOutSine)
            anim.valueChanged.connect(pulse.set_progress)
            group.addAnimation(anim)
            pulse.set_progress(0.0 if forward else 1.0)
            self.scene.overlay.add(pulse)
            self._pulses.append(pulse)
        if explanation is not None and isinstance(step, BackwardStep):
            self._add_tags(step, explanation)
        group.finished.connect(self._on_group_finished)
        self._group = group
        group.start()

    def finish(self) -> None:
        """Jump the running step to its end state (numbers shown) at once."""
        if self._group is not None:
            self._group.stop()
            self._on_group_finished()

    def cancel(self) -> None:
        """Drop the running step without reaching its end (the graph changed under it)."""
        self._on_done = None
        if self._group is not None:
            self._group.stop()
            self._on_group_finished()
        self.clear_tags()

    def clear_tags(self) -> None:
        """Remove the sum/routing tags of the last step."""
        for tag in self._tags:
            self.scene.overlay.remove(tag)
        self._tags.clear()

    # --- internals --------------------------------------------------------------------------
    def _make_pulses(
        self, step: ForwardStep | BackwardStep, graph: Graph, exp: Explanation | None
    ) -> list[tuple[PulseItem, bool]]:
        theme, metrics = self.scene.theme, self.scene.metrics
        f = font(metrics.number_pt, bold=True)
        made: list[tuple[PulseItem, bool]] = []
        if isinstance(step, ForwardStep):
            if step.node not in graph:
                return made
            for e in graph.out_edges(step.node):
                path = self._edge_path(e)
                if path is not None:
                    text = number_text(step.outputs[e.src_port])
                    pulse = PulseItem(path, text, theme.value, f, True, background=theme.label_bg)
                    made.append((pulse, True))
            return made
        routes = exp.routes if exp is not None else ()
        for e, g in step.downstream:
            path = self._edge_path(e)
            if path is None:
                continue
            dim = bool(routes) and e.dst_port < len(routes) and not routes[e.dst_port]
            pulse = PulseItem(
                path, number_text(g), theme.grad, f, False, dim, background=theme.label_bg
            )
            made.append((pulse, False))
        return made

    def _edge_path(self, edge: Edge) -> QPainterPath | None:
        try:
            return self.scene.edge_item(edge).path()  # scene coordinates, source → target
        except KeyError:
            return None  # the wire is gone: the graph changed under the step

    def _add_tags(self, step: BackwardStep, exp: Explanation) -> None:
        self._tags.extend(add_step_tags(self.scene, step, exp))

    def _on_clock_value_changed(self, _value: object) -> None:
        self.frames += 1

    def _on_group_finished(self) -> None:
        group, self._group = self._group, None
        if group is None:
            return
        for pulse in self._pulses:
            self.scene.overlay.remove(pulse)
        self._pulses.clear()
        group.deleteLater()
        self.completed += 1
        done, self._on_done = self._on_done, None
        if done is not None:
            done()


def add_step_tags(scene: GraphScene, step: BackwardStep, exp: Explanation) -> list[TagItem]:
    """Tags above the node of a backward step: the sum a fan-out gathered, where max routes."""
    texts = [fan.text() for fan in exp.fan_in]
    if exp.routes and any(exp.routes) and not all(exp.routes):
        graph = scene.document.graph
        names = {e.dst_port: graph.node(e.src).title for e, _ in step.downstream if e.src in graph}
        won = [names[p] for p, r in enumerate(exp.routes) if r and p in names]
        lost = [names[p] for p, r in enumerate(exp.routes) if not r and p in names]
        routed = QCoreApplication.translate("StepTags", "max routes → {won}; {lost} gets 0")
        texts.append(routed.format(won=", ".join(won), lost=", ".join(lost)))
    try:
        top = scene.node_item(step.node).sceneBoundingRect()
    except KeyError:
        return []
    f = font(scene.metrics.number_pt, bold=True)
    tags = []
    y = top.top() - 4
    for text in texts:
        tag = TagItem(text, QColor(scene.theme.grad), f, scene.theme.label_bg)
        tag.setPos(top.center().x(), y)
        y -= tag.boundingRect().height() + 3
        scene.overlay.add(tag)
        tags.append(tag)
    return tags
