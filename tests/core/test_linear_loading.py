"""Loading is linear: a chain loads with O(n) shape derivations in either edge order, and
a bad batch of edges is reported at the edge `connect` would refuse, nothing half-wired."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core.errors import GraphError, GraphFileError
from gradflow.core.fileformat import loads
from gradflow.core.graph import Edge, Graph
from gradflow.core.wiring import WiringError, connect_many


def chain_doc(n: int, backwards: bool) -> str:
    nodes = [{"id": "x0", "op": "input", "value": 1.0}]
    nodes += [{"id": f"x{i}", "op": "neg"} for i in range(1, n)]
    edges = [{"from": f"x{i - 1}", "to": f"x{i}"} for i in range(1, n)]
    if backwards:
        edges.reverse()  # what saving a graph wired output-first produces
    return json.dumps({"format": "gradflow", "version": 1, "nodes": nodes, "edges": edges})


@pytest.mark.parametrize("backwards", [False, True])
def test_a_chain_derives_each_shape_a_bounded_number_of_times(backwards):
    n = 3000
    graph = loads(chain_doc(n, backwards))
    assert len(graph.edges) == n - 1
    assert graph.shapes()[f"x{n - 1}"] == ((),)
    assert graph.shape_derivations <= 3 * n  # one-by-one connects took ~n²/2 backwards


def test_both_orders_load_the_same_graph():
    forward, backward = loads(chain_doc(50, False)), loads(chain_doc(50, True))
    assert set(forward.edges) == set(backward.edges)
    assert forward.topo_order() == backward.topo_order()


def _chain(n: int) -> Graph:
    g = Graph()
    g.add_node("input", "x0", value=1.0)
    for i in range(1, n):
        g.add_node("neg", f"x{i}")
    return g


@settings(max_examples=30, deadline=None)
@given(n=st.integers(3, 12), data=st.data())
def test_connect_many_reports_the_edge_connect_would_refuse(n, data):
    """The same first refusal, message and untouched graph as wiring one by one."""
    pairs = data.draw(
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), min_size=1, max_size=20)
    )
    edges = [Edge(f"x{a}", f"x{b}") for a, b in pairs]
    one_by_one, expected = _chain(n), None
    for i, e in enumerate(edges):
        try:
            one_by_one.connect(e.src, e.dst)
        except Exception as err:
            expected = (i, str(err))
            break
    batch = _chain(n)
    before = batch.revision
    if expected is None:
        connect_many(batch, edges)
        assert batch.edges == one_by_one.edges
        assert dict(batch.shapes()) == dict(one_by_one.shapes())
        return
    with pytest.raises(WiringError) as info:
        connect_many(batch, edges)
    assert (info.value.index, str(info.value)) == expected
    assert batch.edges == ()
    assert batch.revision == before
    assert dict(batch.shapes()) == dict(_chain(n).shapes())


def test_a_cycle_late_in_a_backward_file_is_located():
    doc = json.loads(chain_doc(400, True))
    doc["edges"].append({"from": "x399", "to": "x5", "to_port": 0})
    with pytest.raises(GraphFileError, match=r"edges\[399\]: input x of x5 is already connected"):
        loads(json.dumps(doc))
    doc["nodes"].append({"id": "m", "op": "add"})
    doc["edges"][-1] = {"from": "x399", "to": "m"}
    doc["edges"].append({"from": "m", "to": "m", "to_port": 1})
    with pytest.raises(GraphFileError, match=r"edges\[400\]: connecting m → m would make a cycle"):
        loads(json.dumps(doc))


def test_connect_many_respects_a_frozen_graph():
    g = _chain(3).freeze()
    with pytest.raises(GraphError, match="read-only"):
        connect_many(g, [Edge("x0", "x1")])
    assert g.edges == ()
