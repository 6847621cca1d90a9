"""wire_refusal: the verdict of connecting on a copy of the graph, without the copy."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from test_random_graphs import _Builder

from gradflow.core import limits
from gradflow.core.errors import GraphError
from gradflow.core.graph import Edge, Graph
from gradflow.core.wire_check import wire_refusal


def _on_a_copy(g: Graph, src, dst, src_port, dst_port, without) -> str | None:
    """What the document used to do: try it on a copy."""
    trial = g.copy()
    try:
        if without is not None:
            trial.disconnect(without)
        trial.connect(src, dst, src_port, dst_port)
    except GraphError as err:
        return str(err)
    return None


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_ops=st.integers(1, 8), tries=st.integers(1, 12))
def test_the_verdict_is_the_one_a_copy_gives(seed, n_ops, tries):
    rng = np.random.default_rng(seed)
    builder = _Builder(rng)
    for _ in range(n_ops):
        builder.grow()
    g = builder.g
    edges = list(g.edges)
    for e in edges[: int(rng.integers(0, len(edges) + 1)) : 2]:  # free some ports
        g.disconnect(e)
    ids = list(g.nodes)
    before = (g.revision, g.edges, dict(g.shapes()))
    for _ in range(tries):
        src, dst = (ids[int(rng.integers(len(ids)))] for _ in range(2))
        # mostly ports that exist, sometimes one past the last
        src_port = int(rng.integers(0, len(g.shapes()[src]) + 1))
        dst_port = int(rng.integers(0, g.node(dst).n_inputs + 1))
        now = list(g.edges)
        without = now[int(rng.integers(len(now)))] if now and rng.random() < 0.4 else None
        if without is not None and rng.random() < 0.5:  # re-route onto its own port
            dst, dst_port = without.dst, without.dst_port
        expected = _on_a_copy(g, src, dst, src_port, dst_port, without)
        assert wire_refusal(g, src, dst, src_port, dst_port, without) == expected
    assert (g.revision, g.edges, dict(g.shapes())) == before  # nothing changed


def test_a_shape_change_downstream_is_judged_too():
    g = Graph()
    a = g.add_node("input", value=np.ones(3))
    b = g.add_node("input", value=np.ones(2))
    n = g.add_node("neg")
    s = g.add_node("add")
    g.connect(n, s)
    g.connect(a, s, 0, 1)
    said = wire_refusal(g, b, n)  # neg is fine with (2,); the add after it is not
    assert said is not None
    assert said == _on_a_copy(g, b, n, 0, 0, None)
    assert said.startswith("cannot connect")
    assert wire_refusal(g, a, n) is None


def test_the_element_limit_counts(monkeypatch):
    g = Graph()
    a = g.add_node("input", value=np.ones((1, 300)))
    b = g.add_node("input", value=np.ones((300, 1)))
    m = g.add_node("mul")
    g.connect(a, m)
    limits.set_max_elements(10_000)
    try:
        said = wire_refusal(g, b, m, 0, 1)
        assert said == _on_a_copy(g, b, m, 0, 1, None)
        assert said is not None
        assert "90,000" in said
    finally:
        limits.set_max_elements(limits.DEFAULT_MAX_ELEMENTS)


def test_rerouting_a_wire_frees_its_port():
    g = Graph()
    x, y = g.add_node("input", value=1.0), g.add_node("input", value=2.0)
    n = g.add_node("neg")
    e = g.connect(x, n)
    assert wire_refusal(g, y, n) is not None  # taken
    assert wire_refusal(g, y, n, without=e) is None
    assert wire_refusal(g, y, n, without=Edge(y, n)) == _on_a_copy(g, y, n, 0, 0, Edge(y, n))
