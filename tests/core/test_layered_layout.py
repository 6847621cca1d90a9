"""The layered auto-layout and the wire routes: no wire under a node, few crossings."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from core_support import random_scalar_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core.examples import example_names, load_example
from gradflow.core.graph import Graph
from gradflow.core.layering import crossings, layered
from gradflow.core.layout import auto_layout
from gradflow.core.wire_curve import curve_meets, segment_meets, wire_curve
from gradflow.core.wire_route import node_boxes, route_wires, wire_ends


def laid_out(graph: Graph) -> Graph:
    for nid, pos in auto_layout(graph).items():
        graph.set_pos(nid, pos)
    return graph


def wires_under_nodes(graph: Graph) -> list[tuple[str, str]]:
    """(wire, node) for every wire whose drawn curve passes through another node."""
    boxes = node_boxes(graph)
    routes = route_wires(graph, boxes)
    found = []
    for edge in graph.edges:
        start, end = wire_ends(graph, edge, boxes)
        curve = wire_curve(start, routes.get(edge, ()), end)
        for nid, box in boxes.items():
            if nid not in (edge.src, edge.dst) and curve_meets(curve, box):
                found.append((str(edge), nid))
    return found


def network_graph(sizes: tuple[int, ...] = (2, 8, 3)) -> Graph:
    from gradflow.nn.mlp import MLP

    mlp = MLP(list(sizes), seed=0)
    x = np.zeros((1, sizes[0]))
    return mlp.graph_for(x, np.zeros(1, dtype=int))


def test_segment_test_sees_crossings_and_ignores_touching():
    box = (0.0, 0.0, 10.0, 10.0)
    assert segment_meets((-5, 5), (15, 5), box)
    assert segment_meets((5, 5), (5, 6), box)  # wholly inside
    assert not segment_meets((-5, 0), (15, 0), box)  # along an edge
    assert not segment_meets((-5, -1), (15, -1), box)
    assert not segment_meets((10, 5), (20, 5), box)  # leaves from the right side


@pytest.mark.parametrize("name", example_names())
def test_examples_after_auto_layout_have_no_wire_under_a_node(name):
    assert wires_under_nodes(laid_out(load_example(name))) == []


@pytest.mark.parametrize("name", example_names())
def test_examples_as_opened_have_no_wire_under_a_node(name):
    assert wires_under_nodes(load_example(name)) == []


def test_network_graph_after_auto_layout_has_no_wire_under_a_node():
    assert wires_under_nodes(laid_out(network_graph())) == []


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 24))
def test_random_graphs_after_auto_layout_have_no_wire_under_a_node(seed, n_ops):
    graph = laid_out(random_scalar_graph(np.random.default_rng(seed), n_ops))
    assert wires_under_nodes(graph) == []


def test_a_long_wire_is_routed_through_the_gap_its_dummy_keeps():
    g = Graph()
    g.add_node("input", "a", value=1.0)
    prev = "a"
    for k in range(3):
        g.add_node("neg", f"n{k}")
        g.connect(prev, f"n{k}")
        prev = f"n{k}"
    g.add_node("add", "s")
    g.connect(prev, "s")
    g.connect("a", "s", 0, 1)  # a -> s spans four columns, past n1 and n2
    g.add_node("input", "b", value=2.0)  # b's wire passes n0's column
    g.add_node("mul", "m")
    g.connect("b", "m")
    g.connect("n0", "m", 0, 1)
    laid_out(g)
    assert len(layered(g).chains) >= 1
    assert wires_under_nodes(g) == []


def test_a_back_wire_goes_round_the_nodes_between():
    g = Graph()
    g.add_node("input", "a", value=1.0)
    g.add_node("neg", "m")
    g.add_node("neg", "b")
    g.connect("a", "b")
    g.set_pos("a", (400.0, 0.0))  # the source right of its target: a back wire
    g.set_pos("m", (200.0, 0.0))  # and a node in the way
    g.set_pos("b", (0.0, 0.0))
    routes = route_wires(g)
    route = routes[g.edges[0]]
    assert len(route) == 4  # out, round, across, in
    assert route[0][0] > 400 + 48
    assert route[-1][0] < 0 - 48
    assert wires_under_nodes(g) == []


def test_layout_is_deterministic_and_keeps_columns_apart():
    g = random_scalar_graph(np.random.default_rng(7), 20)
    assert auto_layout(g) == auto_layout(g.copy())
    xs = sorted({x for x, _ in auto_layout(g).values()})
    assert all(b - a >= 96 + 110 - 1e-9 for a, b in itertools.pairwise(xs))


def test_sweeps_undo_a_crossing_the_insertion_order_makes():
    g = Graph()
    for nid in ("a", "b"):
        g.add_node("input", nid, value=1.0)
    g.add_node("neg", "na")
    g.add_node("neg", "nb")
    g.connect("b", "nb")  # inserted so that a plain stacking would cross
    g.connect("a", "na")
    g.add_node("add", "s")
    g.connect("na", "s", 0, 0)
    g.connect("nb", "s", 0, 1)
    lay = layered(g)
    below: dict[str, list[tuple[str, float, float]]] = {}
    for a, _, b, _ in lay.hops:
        below.setdefault(b, []).append((a, 0.0, 0.0))
    layer_no = {nid: i for i, layer in enumerate(lay.layers) for nid in layer}
    assert crossings(lay.layers, below, layer_no) == 0
    pos = auto_layout(g)
    assert pos["na"][1] < pos["nb"][1]  # na feeds the upper port


def test_a_hand_placed_column_routes_every_back_wire_round_its_neighbours():
    g = Graph()
    g.add_node("input", "x0", value=1.0, pos=(0.0, 0.0))
    for i in range(1, 30):  # top to bottom: every wire goes into a node level with its source
        g.add_node("neg", f"x{i}", pos=(0.0, 120.0 * i))
        g.connect(f"x{i - 1}", f"x{i}")
    assert len(route_wires(g)) == 29
    assert wires_under_nodes(g) == []
