"""ui: the items of the neuron view - a weight line whose new look sweeps along it, the
band that marks the part of the network the player's active step is at, the loss box."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from gradflow.core.neuron_net import LAYER_GAP, RADIUS
from gradflow.core.neuron_parts import Part
from gradflow.ui.canvas.style import Theme, font

Look = tuple[QColor, float]  # a line's colour and width
LOSS_W, LOSS_H = 2 * LAYER_GAP / 3, 64.0  # the loss box


def mixed(a: QColor, b: QColor, f: float) -> QColor:
    """The colour a fraction `f` of the way from `a` to `b`."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * f),
        round(a.green() + (b.green() - a.green()) * f),
        round(a.blue() + (b.blue() - a.blue()) * f),
    )


def _pen(look: Look) -> QPen:
    pen = QPen(look[0], look[1])
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class WeightLine(QGraphicsLineItem):
    """The line of weight (gap, i, j): from unit i of layer `gap` (p1) to unit j of the
    next (p2). `shows` is "W" or "dW" and `value` the number its colour and width show.

    When what it shows switches, the new look travels along the line from the end it
    comes from: dW from unit j back towards unit i (the gradient flows backward), W from
    unit i on (stepping back). `front` is that travelling piece, hidden when at rest."""

    def __init__(self, gap: int, i: int, j: int, line: QLineF) -> None:
        super().__init__(line)
        self.gap, self.i, self.j = gap, i, j
        self.shows = "W"
        self.value = 0.0
        self.width = 0.0
        self.colour = QColor()
        self.front = QGraphicsLineItem(self)
        self.front.setVisible(False)
        self.setZValue(0)

    def set_look(self, colour: QColor, width: float) -> None:
        """Stroke the whole line with this colour and width (and hide the front)."""
        self.colour, self.width = colour, width
        self.setPen(_pen((colour, width)))
        self.front.setVisible(False)

    def sweep(self, old: Look, new: Look, f: float, backward: bool) -> None:
        """A fraction `f` of the way through the switch from `old` to `new`: the line in
        its old look, the new look covering the part `f` from where it enters."""
        if f >= 1.0 or not old[0].isValid():
            self.set_look(*new)
            return
        self.setPen(_pen(old))
        self.colour, self.width = old
        line = self.line()
        start, end = (line.p2(), line.p1()) if backward else (line.p1(), line.p2())
        self.front.setLine(QLineF(start, start + (end - start) * f))
        self.front.setPen(_pen(new))
        self.front.setVisible(f > 0.0)

    def ease(self, old: Look, new: Look, f: float) -> None:
        """A fraction `f` of the way from `old` to `new` in colour and width (the value
        changed but not what the line shows)."""
        if f >= 1.0 or not old[0].isValid():
            self.set_look(*new)
            return
        self.set_look(mixed(old[0], new[0], f), old[1] + (new[1] - old[1]) * f)


class ActiveBand(QGraphicsRectItem):
    """A soft band behind the part of the network the player's active step is at: a
    column of units, the lines of a gap, or the loss box. `part` is what it marks."""

    PAD = 14.0

    def __init__(self, colour: QColor) -> None:
        super().__init__()
        fill = QColor(colour)
        fill.setAlpha(60)
        self.setBrush(QBrush(fill))
        self.setPen(QPen(colour, 2.0))
        self.setZValue(-1)
        self.part: Part | None = None
        self.setVisible(False)

    def mark(self, part: Part | None, top: float, bottom: float, loss_x: float) -> None:
        """Cover `part` (None: hide) between `top` and `bottom`; the loss box is at loss_x."""
        self.part = part
        self.setVisible(part is not None)
        if part is None:
            return
        pad = self.PAD
        if part.kind == "units":
            centre = part.index * LAYER_GAP
            left, right = centre - RADIUS - pad, centre + RADIUS + pad
        elif part.kind == "weights":
            left = part.index * LAYER_GAP + RADIUS + 2
            right = (part.index + 1) * LAYER_GAP - RADIUS - 2
        else:
            left, right = loss_x - pad, loss_x + 2 * LAYER_GAP / 3 + pad
        self.setRect(QRectF(left, top - pad, right - left, bottom - top + 2 * pad))


def draw_loss_box(
    scene: QGraphicsScene,
    theme: Theme,
    outputs: list[tuple[float, float]],
    x: float,
    title: str,
) -> QGraphicsSimpleTextItem:
    """The loss box at `x`, right of the output units (a thin line from each into it),
    named `title`; returns the text item its value is written in."""
    for ux, uy in outputs:
        scene.addLine(QLineF(ux + RADIUS, uy, x, 0.0), QPen(theme.wire, 1.0)).setZValue(0)
    box = scene.addRect(
        QRectF(x, -LOSS_H / 2, LOSS_W, LOSS_H), QPen(theme.node_border, 1.4), theme.node_fill
    )
    box.setZValue(1)
    texts = []
    for text, y in ((title, -LOSS_H / 2 + 6), ("", 4.0)):
        item = scene.addSimpleText(text, font(12 if text else 13))
        item.setBrush(QBrush(theme.node_text))
        item.setPos(x + 10, y)
        item.setZValue(2)
        texts.append(item)
    return texts[1]
