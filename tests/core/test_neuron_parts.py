"""core/neuron_net: which part of the neuron view each node of a network graph is (so the
player's active node can be marked there) and each layer's chain of unit nodes."""

from __future__ import annotations

import numpy as np

from gradflow.core.neuron_net import find_network, line_looks, line_width
from gradflow.core.neuron_parts import Part, layer_shows, parts, unit_chains
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


def test_a_layer_shows_the_last_node_reached_each_way():
    graph = _graph((2, 8, 3))
    net = find_network(graph)
    chain = unit_chains(graph, net, parts(graph, net))[1]  # z1, h1
    row = (np.zeros((2, 8)),)
    assert layer_shows(chain, {}, {}, 8) == (None, None)
    assert layer_shows(chain, {"z1": row}, {}, 8) == ("z1", None)
    both = {"z1": row, "h1": row}
    assert layer_shows(chain, both, {"h1": row}, 8) == ("h1", "h1")
    assert layer_shows(chain, both, both, 8) == ("h1", "z1")
    assert layer_shows(chain, {"z1": (np.zeros((2, 5)),)}, {}, 8) == (None, None)


def test_line_looks_show_w_until_the_gradient_of_their_gap_is_revealed():
    graph = _graph((2, 8, 3))
    net = find_network(graph)
    w1, w2 = (graph.nodes[w].attrs["value"] for w in net.weights)
    looks = line_looks(graph, net, None)
    assert [look.shows for look in looks] == ["W"] * (16 + 24)
    assert [look.value for look in looks[:16]] == [w1[i, j] for i in range(2) for j in range(8)]
    dw2 = np.arange(24.0).reshape(8, 3) - 12
    looks = line_looks(graph, net, {net.weight_edges[1]: dw2})
    assert {look.shows for look in looks[:16]} == {"W"}
    assert [look.value for look in looks[16:]] == list(dw2.ravel())
    widest = max(looks[16:], key=lambda look: abs(look.value))
    assert widest.value == -12
    assert widest.width == line_width(-12, 12)
    assert looks[16 + 12].width == line_width(0.0, 12)  # dW2[4, 0] = 0: the thinnest
    assert np.max(np.abs(w2)) > 0
