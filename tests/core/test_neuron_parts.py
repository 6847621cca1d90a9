"""core/neuron_net: which part of the neuron view each node of a network graph is (so the
player's active node can be marked there) and each layer's chain of unit nodes."""

from __future__ import annotations

import numpy as np

from gradflow.core.neuron_net import find_network
from gradflow.core.neuron_parts import Part, parts, unit_chains
from gradflow.nn.mlp import MLP


def _graph(sizes):
    x = np.array([[0.5, -0.2], [0.1, 0.3]])
    return MLP(list(sizes), seed=0).graph_for(x, np.array([1, 2]))


def test_every_node_of_a_2_8_8_3_network_has_its_part():
    graph = _graph((2, 8, 8, 3))
    net = find_network(graph)
    where = parts(graph, net)
    assert set(where) == set(graph.nodes)
    assert where["X"] == Part("units", 0)
    assert where["W1"] == where["XW1"] == Part("weights", 0)
    assert where["b1"] == where["z1"] == where["h1"] == Part("units", 1)
    assert where["W2"] == where["XW2"] == Part("weights", 1)
    assert where["z2"] == where["h2"] == Part("units", 2)
    assert where["W3"] == where["XW3"] == Part("weights", 2)
    assert where["b3"] == where["scores"] == Part("units", 3)
    assert where["loss"] == where["y"] == Part("loss", 0)


def test_a_layer_s_chain_is_its_nodes_in_forward_order_ending_with_its_units():
    graph = _graph((2, 8, 8, 3))
    net = find_network(graph)
    chains = unit_chains(graph, net, parts(graph, net))
    assert chains == [["X"], ["z1", "h1"], ["z2", "h2"], ["scores"]]
    assert [chain[-1] for chain in chains] == list(net.units)


def test_a_network_without_hidden_layers():
    graph = _graph((2, 3))
    net = find_network(graph)
    where = parts(graph, net)
    assert where["XW1"] == Part("weights", 0)
    assert where["scores"] == Part("units", 1)
    assert where["loss"] == Part("loss", 0)
