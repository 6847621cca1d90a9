"""ui: the neuron view's units at a playback state - each circle's value (inside, for the
chosen sample) and gradient (beside it, in red), its colour once computed, its tooltip
with the exact numbers, and each layer's title naming the nodes shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

from gradflow.core.formatting import format_number
from gradflow.core.neuron_net import RADIUS
from gradflow.core.neuron_parts import layer_shows
from gradflow.core.playback import PlaybackState
from gradflow.ui.neuron_items import mixed
from gradflow.ui.neuron_texts import unit_tip

if TYPE_CHECKING:
    from gradflow.ui.neuron_view import NeuronView


def unit_number(array: np.ndarray, j: int, sample: int) -> float:
    """Unit j of row `sample` (the last row if the batch is smaller)."""
    rows = np.atleast_2d(array)
    return float(rows[min(sample, rows.shape[0] - 1), j])


def show_units(view: NeuronView, state: PlaybackState | None) -> None:
    """Each layer's circles: the values of the last node of its chain the forward pass
    has reached (z1, then h1 = relu(z1)) and the gradient of the last one the backward
    pass has reached (dL/dh1, then dL/dz1); the title names both."""
    net = view.net
    assert net is not None
    theme, graph, sample = view.theme, view.workspace.document.graph, view.sample
    computed = mixed(theme.node_fill, QColor(70, 140, 220), 0.22)
    values_of = state.node_values if state is not None else {}
    grads_of = state.node_grads if state is not None else {}
    for k, chain in enumerate(view.chains):
        v_node, g_node = layer_shows(chain, values_of, grads_of, net.sizes[k])
        values = values_of[v_node][0] if v_node is not None else None
        grads = grads_of[g_node][0] if g_node is not None else None
        for j, (circle, (text, grad)) in enumerate(
            zip(view.units[k], view.unit_texts[k], strict=True)
        ):
            value = None if values is None else unit_number(values, j, sample)
            gradient = None if grads is None else unit_number(grads, j, sample)
            text.setText("" if value is None else format_number(value))
            grad.setText("" if gradient is None else format_number(gradient))
            centre = circle.rect().center()
            box = text.boundingRect()
            text.setPos(centre.x() - box.width() / 2, centre.y() - box.height() / 2)
            grad.setPos(centre.x() + RADIUS * 0.6, centre.y() + RADIUS * 0.55)
            circle.setBrush(QBrush(computed if values is not None else theme.node_fill))
            circle.setToolTip(
                unit_tip(
                    None if v_node is None else graph.nodes[v_node].title,
                    value,
                    None if g_node is None else graph.nodes[g_node].title,
                    gradient,
                )
            )
        name = graph.nodes[v_node or net.units[k]].title
        heading = QCoreApplication.translate("NeuronView", "layer {k}: {node}").format(
            k=k, node=name
        )
        if g_node is not None and g_node != v_node:
            heading += "\n" + QCoreApplication.translate("NeuronView", "red: dL/d{node}").format(
                node=graph.nodes[g_node].title
            )
        title = view.titles[k]
        title.setText(heading)
        x = view.units[k][0].rect().center().x()
        title.setX(x - title.boundingRect().width() / 2)
    if view.loss_text is not None:
        loss = values_of.get(view.loss_node)
        number = "" if loss is None else format_number(float(np.ravel(loss[0])[0]))
        view.loss_text.setText(number)
