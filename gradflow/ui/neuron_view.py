"""ui: NeuronView - the network graph drawn as units and weight lines, for the trace the
player walks (the lecture's MLP figure, as TensorFlow Playground draws it).

Core says what the network is, where everything sits and which part of it each graph
node is (`core/neuron_net.py`); this draws it and shows the playhead's state: a band
behind the part the active step is at, a unit's value for the chosen sample once its
layer is computed (and its gradient once the backward pass reached it), a weight line's
colour (sign) and width (|value|) showing W - and, from the backward step of that
layer's matmul on, dW, the gradient the trace computed, travelling back along the line
from the unit it comes from (a QVariantAnimation, eased). While hidden (the window shows
the op graph) it only notes that something changed and catches up when next shown.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEasingCurve, QLineF, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from gradflow.core.neuron_net import (
    LAYER_GAP,
    RADIUS,
    NeuronNet,
    find_network,
    line_looks,
    refusal,
    unit_centres,
    weight_lines,
)
from gradflow.core.neuron_parts import Part, parts, unit_chains
from gradflow.core.playback import PlaybackState
from gradflow.ui.canvas.style import THEMES, Theme, font
from gradflow.ui.neuron_items import ActiveBand, Look, WeightLine, draw_loss_box
from gradflow.ui.neuron_texts import line_tip, step_text
from gradflow.ui.neuron_units import show_units
from gradflow.ui.workspace import Workspace

# W: blue for +, orange for - (as TensorFlow Playground); dW: the canvas's gradient red
# for +, teal for -, so a value and a gradient never look alike
COLOURS = {
    "W": (QColor(33, 102, 172), QColor(230, 120, 30)),
    "dW": (QColor(190, 30, 45), QColor(0, 140, 130)),
}
LOSS_GAP = 90.0  # from the output units to the loss box


class NeuronView(QGraphicsView):
    """Units as circles per layer, weights as lines; follows the workspace's playhead.
    `sample` is the batch row whose unit values are shown; `samples` how many there are."""

    samples_changed = Signal(int)  # the batch size of the network drawn (0: none drawn)
    step_described = Signal(str)  # a sentence on the active step, for the bar above

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("neuronView")
        self.workspace = workspace
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.net: NeuronNet | None = None
        self.parts: dict[str, Part] = {}
        self.chains: list[list[str]] = []  # per layer: the nodes computing its units
        self.titles: list[QGraphicsSimpleTextItem] = []
        self.units: list[list[QGraphicsEllipseItem]] = []
        # per unit: its value (inside) and its gradient (below, in the gradient's red)
        self.unit_texts: list[list[tuple[QGraphicsSimpleTextItem, QGraphicsSimpleTextItem]]] = []
        self.lines: list[WeightLine] = []
        self.legend = QGraphicsSimpleTextItem()
        self.band = ActiveBand(QColor())
        self.loss_text: QGraphicsSimpleTextItem | None = None
        self.loss_node = ""
        self.sample = 0
        self.samples = 0
        self.description = ""
        self.duration_ms = 450
        self._from: list[Look] = []
        self._to: list[Look] = []
        self._switched: list[bool] = []  # per line: what it shows changed (a sweep)
        self._extent = (0.0, 0.0, 0.0)  # top and bottom of the units, x of the loss box
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._on_anim_value_changed)
        # hidden (the op graph is what the window shows), it only notes what changed and
        # catches up when shown: editing or stepping costs it nothing meanwhile
        self.stale = "all"  # "" up to date, "state" the playhead moved, "all" rebuild
        workspace.document.graph_replaced.connect(self._on_network_changed)
        workspace.document.result_changed.connect(lambda _s: self._on_network_changed())
        workspace.state_changed.connect(self._on_workspace_state_changed)
        workspace.display_changed.connect(lambda _new, _old: self._on_network_changed())

    @property
    def animating(self) -> bool:
        """Whether lines are still easing to what the playhead shows."""
        return self._anim.state() == QVariantAnimation.State.Running

    @property
    def active_part(self) -> Part | None:
        """The part of the network the band marks (None: no active step in it)."""
        return self.band.part if self.band.isVisible() else None

    @property
    def theme(self) -> Theme:
        """The window's colours."""
        return THEMES[self.workspace.display.theme]

    def set_sample(self, sample: int) -> None:
        """Show the unit values and gradients of batch row `sample` (0-based)."""
        self.sample = max(0, min(int(sample), max(self.samples - 1, 0)))
        if self.net is not None:
            self._show_units(self.workspace.current_state())

    def _on_network_changed(self) -> None:
        if self.isVisible():
            self.rebuild()
        else:
            self.stale = "all"

    def _on_workspace_state_changed(self, state: PlaybackState | None) -> None:
        if self.isVisible():
            self.show_state(state)
        elif not self.stale:
            self.stale = "state"

    def showEvent(self, event: QShowEvent) -> None:  # Qt override: catch up
        super().showEvent(event)
        stale, self.stale = self.stale, ""
        if stale == "all":
            self.rebuild()
        elif stale == "state":
            self.show_state(self.workspace.current_state(), animate=False)

    def rebuild(self) -> None:
        """Draw the document's network afresh (or say why it cannot be drawn)."""
        self.stale = ""
        self._anim.stop()
        scene = self.scene()
        scene.clear()
        theme = self.theme
        self.setBackgroundBrush(QBrush(theme.background))
        self.units, self.unit_texts, self.lines, self.titles = [], [], [], []
        self.loss_text = None
        graph = self.workspace.document.graph
        why = refusal(graph)
        self.net = None if why is not None else find_network(graph)
        self.legend = self._text(why or "", 12)  # why it cannot draw, if it cannot
        self.band = ActiveBand(theme.active)
        scene.addItem(self.band)
        if self.net is None:
            self.parts, self.samples = {}, 0
            self.samples_changed.emit(0)
            self._fit()
            return
        self.parts = parts(graph, self.net)
        self.chains = unit_chains(graph, self.net, self.parts)
        self._count_samples()
        centres = unit_centres(self.net.sizes)
        for gap, i, j in weight_lines(self.net.sizes):
            a, b = centres[gap][i], centres[gap + 1][j]
            line = WeightLine(gap, i, j, QLineF(QPointF(*a), QPointF(*b)))
            scene.addItem(line)
            self.lines.append(line)
        top = min(y for layer in centres for _, y in layer) - RADIUS
        bottom = -top
        self._draw_units(centres, top)
        for k, w in enumerate(self.net.weights):
            label = self._text(graph.nodes[w].title, 12)
            label.setPos((k + 0.5) * LAYER_GAP - label.boundingRect().width() / 2, top - 44)
        loss_x = (len(self.net.sizes) - 1) * LAYER_GAP + RADIUS + LOSS_GAP
        if any(part.kind == "loss" for part in self.parts.values()):
            self.loss_node = graph.output_node()
            title = graph.nodes[self.loss_node].title
            self.loss_text = draw_loss_box(scene, self.theme, centres[-1], loss_x, title)
        self._extent = (top, bottom, loss_x)
        self.show_state(self.workspace.current_state(), animate=False)
        self._fit()

    def _text(self, text: str, size: float, italic: bool = False) -> QGraphicsSimpleTextItem:
        item = self.scene().addSimpleText(text, font(size, italic=italic))
        item.setBrush(QBrush(self.theme.node_text))
        item.setZValue(2)
        return item

    def _count_samples(self) -> None:
        assert self.net is not None
        values = self.workspace.document.result.values.get(self.net.units[0])
        rows = int(np.atleast_2d(values[0]).shape[0]) if values else 1
        if rows != self.samples:
            self.samples = rows
            self.sample = min(self.sample, rows - 1)
            self.samples_changed.emit(rows)

    def _draw_units(self, centres: list[list[tuple[float, float]]], top: float) -> None:
        assert self.net is not None
        graph, theme = self.workspace.document.graph, self.theme
        for k, layer in enumerate(centres):
            title = self._text(graph.nodes[self.net.units[k]].title, 12)
            title.setPos(layer[0][0], top - 58)
            self.titles.append(title)
            circles, texts = [], []
            for x, y in layer:
                circle = self.scene().addEllipse(
                    QRectF(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS),
                    QPen(theme.node_border, 1.4),
                    QBrush(theme.node_fill),
                )
                circle.setZValue(1)
                grad = self._text("", 12, italic=True)
                grad.setBrush(QBrush(theme.grad))
                circles.append(circle)
                texts.append((self._text("", 13), grad))
            self.units.append(circles)
            self.unit_texts.append(texts)

    def show_state(self, state: PlaybackState | None, animate: bool = True) -> None:
        """Show what the playhead has revealed: the active part, unit values and
        gradients, W or dW on the lines."""
        if self.net is None:
            return
        if self.animating:  # interrupted by the next step: the last move ends at once
            self._anim.stop()
            self._on_anim_value_changed(1.0)
        backward = state is not None and state.phase in ("backward", "end")
        graph = self.workspace.document.graph
        looks = line_looks(graph, self.net, state.edge_grads if backward and state else None)
        self._from = [(line.colour, line.width) for line in self.lines]
        self._to, self._switched = [], []
        for line, look in zip(self.lines, looks, strict=True):
            self._switched.append(line.shows != look.shows)
            line.shows, line.value = look.shows, look.value
            w = graph.nodes[self.net.weights[line.gap]].title
            line.setToolTip(line_tip(w, look.shows, line.i, line.j, line.gap, look.value))
            plus, minus = COLOURS[look.shows]
            self._to.append((plus if look.value >= 0 else minus, look.width))
        self._show_units(state)
        self._show_active(state)
        self._anim.stop()
        if animate and self.duration_ms > 0 and any(c.isValid() for c, _ in self._from):
            self._anim.setDuration(self.duration_ms)
            self._anim.start()
        else:
            self._on_anim_value_changed(1.0)

    def _show_active(self, state: PlaybackState | None) -> None:
        active = state.active if state is not None and state.phase != "end" else None
        part = self.parts.get(active.node) if active is not None else None
        top, bottom, loss_x = self._extent
        self.band.mark(part, top, bottom, loss_x)
        assert self.net is not None
        graph = self.workspace.document.graph
        self.description = step_text(graph, self.net, state, part)
        self.step_described.emit(self.description)

    def _show_units(self, state: PlaybackState | None) -> None:
        show_units(self, state)

    def _on_anim_value_changed(self, t: object) -> None:
        f = float(t)  # type: ignore[arg-type]  # the animation runs over floats
        for line, old, new, switched in zip(
            self.lines, self._from, self._to, self._switched, strict=True
        ):
            if switched:  # dW enters from the unit the gradient comes from
                line.sweep(old, new, f, backward=line.shows == "dW")
            else:
                line.ease(old, new, f)

    def _fit(self) -> None:
        rect = self.scene().itemsBoundingRect().adjusted(-30, -30, 30, 30)
        self.setSceneRect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
