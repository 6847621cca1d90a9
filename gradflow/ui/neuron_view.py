"""ui: NeuronView - the network graph drawn as units and weight lines, for the trace the
player walks (the lecture's MLP figure, as TensorFlow Playground draws it).

Core says what the network is and where everything sits (`core/neuron_net.py`); this
draws it and shows the playhead's state: a unit's value once its layer is computed
(and its gradient once the backward pass reached it), a weight line's colour (sign) and
width (|value|) showing W - and, from the backward step of that layer's matmul on,
dW, the gradient the trace computed. The switch is eased by a QVariantAnimation.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEasingCurve, QLineF, QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from gradflow.core.formatting import format_number
from gradflow.core.neuron_net import (
    LAYER_GAP,
    RADIUS,
    NeuronNet,
    find_network,
    line_width,
    refusal,
    unit_centres,
    weight_lines,
)
from gradflow.core.playback import PlaybackState
from gradflow.ui.canvas.style import font
from gradflow.ui.workspace import Workspace

# W: blue for +, orange for - (as TensorFlow Playground); dW: the canvas's gradient red
# for +, teal for -, so a value and a gradient never look alike
COLOURS = {
    "W": (QColor(33, 102, 172), QColor(230, 120, 30)),
    "dW": (QColor(190, 30, 45), QColor(0, 140, 130)),
}


class WeightLine(QGraphicsLineItem):
    """The line of weight (gap, i, j): from unit i of layer `gap` to unit j of the next.
    `shows` is "W" or "dW" and `value` the number its colour and width show."""

    def __init__(self, gap: int, i: int, j: int, line: QLineF) -> None:
        super().__init__(line)
        self.gap, self.i, self.j = gap, i, j
        self.shows = "W"
        self.value = 0.0
        self.width = 0.0
        self.colour = QColor()
        self.setZValue(0)

    def set_look(self, colour: QColor, width: float) -> None:
        """Stroke with this colour and width."""
        self.colour, self.width = colour, width
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.setPen(pen)


class NeuronView(QGraphicsView):
    """Units as circles per layer, weights as lines; follows the workspace's playhead."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("neuronView")
        self.workspace = workspace
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.net: NeuronNet | None = None
        self.units: list[list[QGraphicsEllipseItem]] = []
        # per unit: its value (inside) and its gradient (below, in the gradient's red)
        self.unit_texts: list[list[tuple[QGraphicsSimpleTextItem, QGraphicsSimpleTextItem]]] = []
        self.lines: list[WeightLine] = []
        self.legend = QGraphicsSimpleTextItem()
        self.duration_ms = 350
        self._from: list[tuple[QColor, float]] = []
        self._to: list[tuple[QColor, float]] = []
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._on_anim_value_changed)
        workspace.document.graph_replaced.connect(self.rebuild)
        workspace.document.result_changed.connect(lambda _s: self.rebuild())
        workspace.state_changed.connect(self.show_state)
        self.rebuild()

    @property
    def animating(self) -> bool:
        """Whether lines are still easing to what the playhead shows."""
        return self._anim.state() == QVariantAnimation.State.Running

    def rebuild(self) -> None:
        """Draw the document's network afresh (or say why it cannot be drawn)."""
        self._anim.stop()
        scene = self.scene()
        scene.clear()
        self.units, self.unit_texts, self.lines = [], [], []
        graph = self.workspace.document.graph
        why = refusal(graph)
        self.net = None if why is not None else find_network(graph)
        self.legend = scene.addSimpleText(why or "", font(12))
        if self.net is None:
            self._fit()
            return
        centres = unit_centres(self.net.sizes)
        for gap, i, j in weight_lines(self.net.sizes):
            a, b = centres[gap][i], centres[gap + 1][j]
            line = WeightLine(gap, i, j, QLineF(QPointF(*a), QPointF(*b)))
            scene.addItem(line)
            self.lines.append(line)
        top = min(y for layer in centres for _, y in layer) - RADIUS
        for k, layer in enumerate(centres):
            title = scene.addSimpleText(graph.nodes[self.net.units[k]].title, font(12))
            title.setPos(layer[0][0] - title.boundingRect().width() / 2, top - 44)
            circles, texts = [], []
            for x, y in layer:
                circle = scene.addEllipse(
                    QRectF(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS),
                    QPen(QColor(90, 90, 90), 1.4),
                    QBrush(QColor(250, 250, 250)),
                )
                circle.setZValue(1)
                text = scene.addSimpleText("", font(11))
                text.setZValue(2)
                grad = scene.addSimpleText("", font(10, italic=True))
                grad.setBrush(QBrush(COLOURS["dW"][0]))
                grad.setZValue(2)
                circles.append(circle)
                texts.append((text, grad))
            self.units.append(circles)
            self.unit_texts.append(texts)
        for k, w in enumerate(self.net.weights):
            label = scene.addSimpleText(w, font(12))
            label.setPos((k + 0.5) * LAYER_GAP - label.boundingRect().width() / 2, top - 44)
        self.legend.setPos(-RADIUS, top - 96)
        self.show_state(self.workspace.current_state(), animate=False)
        self._fit()

    def show_state(self, state: PlaybackState | None, animate: bool = True) -> None:
        """Show what the playhead has revealed: unit values and gradients, W or dW."""
        if self.net is None:
            return
        graph = self.workspace.document.graph
        backward = state is not None and state.phase in ("backward", "end")
        targets: list[tuple[str, float]] = []
        largest: dict[tuple[int, str], float] = {}
        for line in self.lines:
            edge = self.net.weight_edges[line.gap]
            grad = state.edge_grads.get(edge) if backward and state is not None else None
            if grad is not None:
                targets.append(("dW", float(grad[line.i, line.j])))
            else:
                w = np.asarray(graph.nodes[self.net.weights[line.gap]].attrs["value"])
                targets.append(("W", float(w[line.i, line.j])))
            key = (line.gap, targets[-1][0])
            largest[key] = max(largest.get(key, 0.0), abs(targets[-1][1]))
        self._from = [(line.colour, line.width) for line in self.lines]
        self._to = []
        for line, (shows, value) in zip(self.lines, targets, strict=True):
            line.shows, line.value = shows, value
            plus, minus = COLOURS[shows]
            width = line_width(value, largest[(line.gap, shows)])
            self._to.append((plus if value >= 0 else minus, width))
        self._show_units(state)
        self.legend.setText(
            self.tr(
                "Lines: W (blue +, orange −) until the backward pass reaches their layer,\n"
                "then dW, the gradient (red +, teal −); width |value|. Red italics: dL/d unit."
            )
        )
        self._anim.stop()
        if animate and self.duration_ms > 0 and any(c.isValid() for c, _ in self._from):
            self._anim.setDuration(self.duration_ms)
            self._anim.start()
        else:
            self._on_anim_value_changed(1.0)

    def _show_units(self, state: PlaybackState | None) -> None:
        assert self.net is not None
        for k, nid in enumerate(self.net.units):
            values = state.node_values.get(nid) if state is not None else None
            grads = state.node_grads.get(nid) if state is not None else None
            for j, (circle, (text, grad)) in enumerate(
                zip(self.units[k], self.unit_texts[k], strict=True)
            ):
                shown = "" if values is None else format_number(float(values[0][0, j]))
                text.setText(shown)
                grad.setText("" if grads is None else format_number(float(grads[0][0, j])))
                centre = circle.rect().center()
                box = text.boundingRect()
                text.setPos(centre.x() - box.width() / 2, centre.y() - box.height() / 2)
                grad.setPos(centre.x() + RADIUS * 0.6, centre.y() + RADIUS * 0.55)
                fill = QColor(235, 244, 252) if values is not None else QColor(250, 250, 250)
                circle.setBrush(QBrush(fill))

    def _on_anim_value_changed(self, t: object) -> None:
        f = float(t)  # type: ignore[arg-type]  # the animation runs over floats
        for line, (c0, w0), (c1, w1) in zip(self.lines, self._from, self._to, strict=True):
            if not c0.isValid() or f >= 1.0:
                line.set_look(c1, w1)
                continue
            mix = QColor(
                round(c0.red() + (c1.red() - c0.red()) * f),
                round(c0.green() + (c1.green() - c0.green()) * f),
                round(c0.blue() + (c1.blue() - c0.blue()) * f),
            )
            line.set_look(mix, w0 + (w1 - w0) * f)
        if f >= 1.0:  # the target reached: what `width` reads is what is drawn
            for line, (c1, w1) in zip(self.lines, self._to, strict=True):
                line.set_look(c1, w1)

    def _fit(self) -> None:
        rect = self.scene().itemsBoundingRect().adjusted(-30, -30, 30, 30)
        self.setSceneRect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
