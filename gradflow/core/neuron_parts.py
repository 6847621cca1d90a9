"""core: which part of the neuron view each node of a network graph is - a layer's units,
a gap's weight lines or the loss - so the player's active node can be marked there, and
each layer's chain of nodes computing its units (z1, then h1 = relu(z1)). Pure data; the
ui draws what this says."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from gradflow.core.graph import Graph
from gradflow.core.neuron_net import NeuronNet


@dataclass(frozen=True)
class Part:
    """Where a graph node shows in the neuron view: `kind` "units" (the units of layer
    `index`), "weights" (the lines of gap `index`, from layer index to index + 1) or
    "loss" (what comes after the last layer's units; index 0)."""

    kind: str
    index: int


def parts(graph: Graph, net: NeuronNet) -> dict[str, Part]:
    """Each node's part of the neuron view, so the player's active node can be marked.

    A gap's W and its matrix product are that gap's lines; a node computed from layer
    k's product (the bias add, the activation) belongs to layer k + 1's units; whatever
    is computed from the last layer's units is the loss part; a leaf (a bias, the labels)
    goes with the node it feeds. A node that reaches none of these has no part.
    """
    where: dict[str, Part] = {}
    depth: dict[str, int] = {}  # how many of the network's products lie upstream
    for k, (w, edge) in enumerate(zip(net.weights, net.weight_edges, strict=True)):
        where[w] = where[edge.dst] = Part("weights", k)
        depth[w] = depth[edge.dst] = k + 1
    for k, unit in enumerate(net.units):
        where.setdefault(unit, Part("units", k))
        depth.setdefault(unit, k)
    order = graph.topo_order()
    after_last: set[str] = set()
    for nid in order:
        if nid in where:
            continue
        sources = [e.src for e in graph.in_edges(nid) if e is not None]
        if any(s == net.units[-1] or s in after_last for s in sources):
            after_last.add(nid)
            where[nid] = Part("loss", 0)
            continue
        known = [depth[s] for s in sources if s in depth]
        if known:
            depth[nid] = max(known)
            where[nid] = Part("units", depth[nid])
    for nid in reversed(order):  # leaves and other unplaced nodes: with what they feed
        if nid not in where:
            fed = [e.dst for e in graph.out_edges(nid) if e.dst in where]
            if fed:
                where[nid] = where[fed[0]]
    return where


def unit_chains(graph: Graph, net: NeuronNet, where: dict[str, Part]) -> list[list[str]]:
    """Per layer, the computed nodes whose outputs are that layer's units, in the order
    the forward pass computes them (layer 1: z1 = XW1 + b1, then h1 = relu(z1)); the
    network's unit node is last. Layer 0 is its unit node alone."""
    chains: list[list[str]] = [[unit] for unit in net.units]
    for nid in graph.topo_order():
        part = where.get(nid)
        if part is None or part.kind != "units" or part.index == 0 or nid in net.units:
            continue
        if not graph.nodes[nid].spec.is_leaf:
            chains[part.index].insert(-1, nid)
    return chains


def layer_shows(
    chain: list[str],
    values: Mapping[str, tuple[np.ndarray, ...]],
    grads: Mapping[str, tuple[np.ndarray, ...]],
    size: int,
) -> tuple[str | None, str | None]:
    """Whose values and whose gradients a layer's circles show: the last node of its
    chain the forward pass has reached, and the last one the backward pass has (the
    backward pass walks the chain the other way). A node whose first output is not a
    row, or batch of rows, of `size` units is skipped; None where none is revealed."""

    def fits(outputs: tuple[np.ndarray, ...] | None) -> bool:
        return outputs is not None and np.atleast_2d(outputs[0]).shape[-1] == size

    shown = [n for n in chain if fits(values.get(n))]
    graded = [n for n in chain if fits(grads.get(n))]
    return (shown[-1] if shown else None), (graded[0] if graded else None)
