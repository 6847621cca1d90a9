"""ui: the neuron view's sentences - where the player's active step is in the network,
which sample the unit numbers are of, and the tooltips with each line's and unit's
exact numbers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gradflow.core.formatting import format_number
from gradflow.core.graph import Graph
from gradflow.core.neuron_net import NeuronNet
from gradflow.core.neuron_parts import Part
from gradflow.core.playback import PlaybackState


def step_text(graph: Graph, net: NeuronNet, state: PlaybackState | None, part: Part | None) -> str:
    """One sentence on the active step: its number, its pass, its node and the part of
    the network it is at (the band marks the same part)."""
    if state is None:
        return ""
    if state.phase == "start":
        return QCoreApplication.translate(
            "NeuronView", "Step 0: press → to walk the network forward, then backward."
        )
    if state.phase == "end" or state.active is None:
        return QCoreApplication.translate(
            "NeuronView", "The whole run: every unit's value and gradient, dW on every line."
        )
    node = graph.nodes[state.active.node].title
    forward = state.phase == "forward"
    fields = {"step": state.step, "total": state.total, "node": node}
    if part is None:
        text = (
            QCoreApplication.translate("NeuronView", "Step {step} of {total}, forward: {node}")
            if forward
            else QCoreApplication.translate(
                "NeuronView", "Step {step} of {total}, backward: {node}"
            )
        )
    elif part.kind == "units":
        fields["layer"] = part.index
        text = (
            QCoreApplication.translate(
                "NeuronView", "Step {step} of {total}, forward: {node}, at layer {layer}'s units"
            )
            if forward
            else QCoreApplication.translate(
                "NeuronView",
                "Step {step} of {total}, backward: {node}, at layer {layer}'s units "
                "(their gradients in red)",
            )
        )
    elif part.kind == "weights":
        fields["w"] = graph.nodes[net.weights[part.index]].title
        text = (
            QCoreApplication.translate(
                "NeuronView", "Step {step} of {total}, forward: {node}, at the lines of {w}"
            )
            if forward
            else QCoreApplication.translate(
                "NeuronView",
                "Step {step} of {total}, backward: {node}, at the lines of {w}: "
                "they show d{w}, the gradient",
            )
        )
    else:
        text = (
            QCoreApplication.translate(
                "NeuronView", "Step {step} of {total}, forward: {node}, at the loss"
            )
            if forward
            else QCoreApplication.translate(
                "NeuronView",
                "Step {step} of {total}, backward: {node}, at the loss, where the gradient starts",
            )
        )
    return text.format(**fields)


def sample_text(sample: int, samples: int) -> str:
    """Which sample's numbers the units show, and what is over the whole batch."""
    if samples <= 1:
        return QCoreApplication.translate(
            "NeuronView",
            "The units show the batch's one sample; W, dW and the loss are the batch's.",
        )
    return QCoreApplication.translate(
        "NeuronView",
        "The units show sample {k} of {n}; W, dW and the loss are over all {n} samples.",
    ).format(k=sample + 1, n=samples)


def line_tip(w: str, shows: str, i: int, j: int, gap: int, value: float) -> str:
    """A weight line's tooltip: its exact number and what it is (indices from 1)."""
    fields = {"w": w, "i": i + 1, "j": j + 1, "k": gap, "next": gap + 1}
    fields["value"] = format_number(value, 6)
    if shows == "dW":
        text = QCoreApplication.translate(
            "NeuronView",
            "d{w}[{i}, {j}] = {value}: the gradient of the weight from unit {i} of layer {k} "
            "to unit {j} of layer {next}, over the whole batch",
        )
    else:
        text = QCoreApplication.translate(
            "NeuronView",
            "{w}[{i}, {j}] = {value}: the weight from unit {i} of layer {k} to unit {j} "
            "of layer {next}",
        )
    return text.format(**fields)


def unit_tip(
    node: str | None, value: float | None, grad_node: str | None, grad: float | None
) -> str:
    """A unit's tooltip: its exact value and gradient, each with the node it is of."""
    lines = []
    if node is not None and value is not None:
        lines.append(
            QCoreApplication.translate("NeuronView", "value of {node}: {value}").format(
                node=node, value=format_number(value, 6)
            )
        )
    if grad_node is not None and grad is not None:
        lines.append(
            QCoreApplication.translate("NeuronView", "gradient at {node}: {value}").format(
                node=grad_node, value=format_number(grad, 6)
            )
        )
    return "\n".join(lines)
