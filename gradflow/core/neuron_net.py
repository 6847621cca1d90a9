"""core: the neuron view of a network graph - its layers of units, the weights between
them, and where each unit and weight line is drawn.

As the lecture's MLP figure (and TensorFlow Playground) draws a network: one circle per
unit, one line per weight. Found in any graph whose matrix products (registry gate
"matrix") chain `units · W` with a 2-D leaf W (the graph "Open network as graph" makes):
the units of layer 0 are the first product's left input, those after the last product
the node adding a bias (a 1-D leaf) to it, if there is one. W is stored
inputs x units (d x c), so the line from unit i to unit j of the next layer carries
W[i, j] - the lecture's W[j, i]. Pure numbers; the ui draws what this says.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from gradflow.core.graph import Edge, Graph
from gradflow.core.i18n import _

MAX_UNITS = 8  # per layer: more circles than this are no longer a picture one reads
LAYER_GAP = 240.0  # between the columns of units
UNIT_GAP = 64.0  # between the units of a column
RADIUS = 27.0
THIN, THICK = 0.75, 8.0  # line widths for 0 and for the largest |value| of a layer

Point = tuple[float, float]


@dataclass(frozen=True)
class NeuronNet:
    """A network graph read as layers of units: `sizes` per layer, the node whose output
    rows are each layer's unit values, each gap's W node and the edge carrying W into its
    matmul (whose gradient, revealed by the matmul's backward step, is dW)."""

    sizes: tuple[int, ...]
    units: tuple[str, ...]
    weights: tuple[str, ...]
    weight_edges: tuple[Edge, ...]


def find_network(graph: Graph) -> NeuronNet | None:
    """The network in `graph`, or None if it is not a chain of `units · W` layers.

    Cached per structure revision (a new value of the same shape keeps the answer): the
    window asks after every edit, and a 100,000-node graph takes a walk to answer.
    """
    cached = getattr(graph, "_gradflow_neuron_net", None)
    if cached is not None and cached[0] == graph.structure_revision:
        net: NeuronNet | None = cached[1]
        return net
    net = _find_network(graph)
    graph._gradflow_neuron_net = (graph.structure_revision, net)  # type: ignore[attr-defined]
    return net


def _find_network(graph: Graph) -> NeuronNet | None:
    if not any(n.spec.gate == "matrix" for n in graph):  # no layer: no topological sort
        return None
    sizes: list[int] = []
    units: list[str] = []
    weights: list[str] = []
    edges: list[Edge] = []
    last = None
    for nid in graph.topo_order():
        if graph.nodes[nid].spec.gate != "matrix":  # a matrix product (registry data)
            continue
        x_edge, w_edge = graph.in_edges(nid)
        if x_edge is None or w_edge is None:
            return None
        w = graph.nodes[w_edge.src]
        value = w.attrs.get("value") if w.spec.is_leaf else None
        if value is None or np.ndim(value) != 2:
            return None
        d, c = np.shape(value)
        if sizes and sizes[-1] != d:
            return None
        if not sizes:
            sizes.append(d)
        sizes.append(c)
        units.append(x_edge.src)
        weights.append(w_edge.src)
        edges.append(w_edge)
        last = nid
    if last is None:
        return None
    units.append(_bias_added(graph, last) or last)
    return NeuronNet(tuple(sizes), tuple(units), tuple(weights), tuple(edges))


def _bias_added(graph: Graph, nid: str) -> str | None:
    """The node adding a 1-D leaf (a bias) to `nid`'s output, if that is its one use."""
    after = graph.out_edges(nid)
    if len(after) != 1:
        return None
    inputs = graph.in_edges(after[0].dst)
    others = [e.src for e in inputs if e is not None and e.src != nid]
    leaf = graph.nodes[others[0]] if len(others) == 1 and len(inputs) == 2 else None
    if leaf is None or not leaf.spec.is_leaf or np.ndim(leaf.attrs.get("value", 0.0)) != 1:
        return None
    return after[0].dst


def refusal(graph: Graph) -> str | None:
    """Why the neuron view cannot draw `graph` (None: it can)."""
    net = find_network(graph)
    if net is None:
        return _(
            "The neuron view draws a network graph: open one with Open network as graph "
            "in the training dock."
        )
    widest = max(net.sizes)
    if widest > MAX_UNITS:
        return _(
            "A layer of this network has {units} units; the neuron view draws at most "
            "{most} units per layer."
        ).format(units=widest, most=MAX_UNITS)
    return None


def unit_centres(sizes: tuple[int, ...]) -> list[list[Point]]:
    """Each unit's centre, layer by layer, left to right, each column centred on y = 0."""
    return [
        [(k * LAYER_GAP, (j - (n - 1) / 2) * UNIT_GAP) for j in range(n)]
        for k, n in enumerate(sizes)
    ]


def weight_lines(sizes: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """(gap, i, j) for every weight: from unit i of layer `gap` to unit j of the next."""
    return [
        (k, i, j)
        for k, (d, c) in enumerate(itertools.pairwise(sizes))
        for i in range(d)
        for j in range(c)
    ]


def line_width(value: float, largest: float) -> float:
    """A weight line's width: THIN at 0 growing with |value| to THICK at `largest`."""
    if largest <= 0 or not np.isfinite(value):
        return THIN
    return THIN + (THICK - THIN) * min(1.0, abs(float(value)) / largest)


@dataclass(frozen=True)
class LineLook:
    """What a weight line shows at a playhead: "W" or "dW", that number and the width
    for it (line_width against the largest |number| its gap shows)."""

    shows: str
    value: float
    width: float


def line_looks(
    graph: Graph, net: NeuronNet, edge_grads: Mapping[Edge, np.ndarray] | None
) -> list[LineLook]:
    """Each weight line's look, in `weight_lines` order: dW where the trace has revealed
    the gradient of its gap's W (`edge_grads`, None before the backward pass), else W."""
    shown: list[tuple[str, np.ndarray]] = []
    for gap, w_node in enumerate(net.weights):
        grad = edge_grads.get(net.weight_edges[gap]) if edge_grads is not None else None
        if grad is not None:
            shown.append(("dW", np.asarray(grad)))
        else:
            shown.append(("W", np.asarray(graph.nodes[w_node].attrs["value"])))
    largest = [float(np.max(np.abs(array), initial=0.0)) for _, array in shown]
    looks = []
    for gap, i, j in weight_lines(net.sizes):
        shows, array = shown[gap]
        value = float(array[i, j])
        looks.append(LineLook(shows, value, line_width(value, largest[gap])))
    return looks
