"""Tests for core/chain.py: upstream x local = downstream on every edge, contributions, totals."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gradflow.core.chain import MATMUL_LEFT, MATMUL_RIGHT, apply_rule, chain_at, chains
from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.core.numerics import reduce_to_shape
from gradflow.core.report import node_grad, trace_json

LECTURE = ("sigmoid-neuron", "gate-patterns", "vector-l2", "tiny-mlp")


def _expected_downstream(link) -> np.ndarray:
    """The lecture's rule written out again here, independent of chain.apply_rule."""
    up = np.asarray(link.upstream)
    if link.rule == MATMUL_LEFT:  # dA = G Bᵀ (for vectors: the outer product dq xᵀ)
        b = np.asarray(link.factor)
        return np.outer(up, b) if b.ndim == 1 else up @ b.T
    if link.rule == MATMUL_RIGHT:  # dB = Aᵀ G
        a = np.asarray(link.factor)
        return np.outer(a, up) if a.ndim == 1 else a.T @ up
    return reduce_to_shape(up * link.local, np.shape(link.downstream))


@pytest.mark.parametrize("name", LECTURE)
def test_every_link_is_upstream_times_local(name: str) -> None:
    g = load_example(name)
    trace = run(g).trace
    links = [link for c in chains(trace, g) for link in c.links]
    assert links
    for link in links:
        want = _expected_downstream(link)
        np.testing.assert_allclose(link.downstream, want, rtol=0, atol=1e-12)
        np.testing.assert_allclose(apply_rule(link), want, rtol=0, atol=1e-12)
        if link.jacobian is not None:  # downstream = Jᵀ · upstream, J from the op's backward
            jt_up = link.jacobian.T @ np.ravel(link.upstream)
            np.testing.assert_allclose(jt_up.reshape(np.shape(want)), want, atol=1e-12)


@pytest.mark.parametrize("name", LECTURE)
def test_n_consumers_give_n_contributions_and_one_total(name: str) -> None:
    g = load_example(name)
    result = run(g)
    steps = chains(result.trace, g)
    consumers: dict[str, int] = {}
    for c in steps:
        for link in c.links:
            consumers[link.to] = consumers.get(link.to, 0) + 1
    for node, n in consumers.items():
        got = [link.contribution for c in steps for link in c.links if link.to == node]
        totals = [c.total for c in steps if c.total is not None and c.total.node == node]
        if n == 1:
            assert got == [None]
            assert totals == []
            continue
        assert sorted(got) == [(k, n) for k in range(1, n + 1)]
        assert len(totals) == 1
        np.testing.assert_allclose(totals[0].sum, node_grad(result, node), atol=1e-12)
        assert [t.step for t in totals[0].terms] == sorted(t.step for t in totals[0].terms)
        finishing = [link for c in steps for link in c.links if link.to == node and link.completes]
        assert [f.contribution for f in finishing] == [(n, n)]


def test_tiny_mlp_x2_is_two_contributions_summed_in_arrival_order() -> None:
    g = load_example("tiny-mlp")
    trace = run(g).trace
    x2 = next(c for c in chains(trace, g) if c.node == "x2")
    assert x2.leaf == "data"
    assert [t.source for t in x2.total.terms] == ["m22", "m12"]  # m22 steps back first
    assert [round(float(t.grad), 4) for t in x2.total.terms] == [0, -0.2448]
    assert float(x2.total.sum) == pytest.approx(-0.2448)


def test_gate_patterns_copy_total_and_seed() -> None:
    g = load_example("gate-patterns")
    trace = run(g).trace
    steps = chains(trace, g)
    assert steps[0].seed
    assert steps[0].node == "f"
    assert not any(c.seed for c in steps[1:])
    copy = next(c for c in steps if c.node == "c")
    assert copy.gate == "adds"
    assert [(t.source, float(t.grad)) for t in copy.total.terms] == [("s", -12.0), ("p", -20.0)]
    assert [float(x.downstream) for x in copy.links] == [-32.0]


def test_vector_l2_outer_product_and_jacobian() -> None:
    g = load_example("vector-l2")
    trace = run(g).trace
    mm = next(c for c in chains(trace, g) if c.node == "q")
    d_w, d_x = mm.links
    assert d_w.rule == MATMUL_LEFT
    assert d_w.to == "W"
    np.testing.assert_allclose(d_w.downstream, np.outer([0.44, 0.52], [0.2, 0.4]), atol=1e-12)
    assert d_w.jacobian.shape == (2, 4)  # 2 outputs q1, q2 by 4 entries of W, row-major
    np.testing.assert_allclose(d_w.jacobian, [[0.2, 0.4, 0, 0], [0, 0, 0.2, 0.4]])
    np.testing.assert_allclose(d_x.jacobian, [[0.1, 0.5], [-0.3, 0.8]])  # d q / d x = W


def test_max_tie_is_a_kink_and_relu_at_zero_too() -> None:
    g = load_example("gate-patterns")
    g.set_attr("w", "value", 2.0)  # max(z=2, w=2): a tie
    trace = run(g).trace
    mx = next(c for c in chains(trace, g) if c.op == "max")
    assert mx.kink == "tie"
    assert [float(x.downstream) for x in mx.links] == [-12.0, 0.0]  # the first input gets it
    plain = load_example("gate-patterns")
    trace = run(plain).trace
    assert next(c for c in chains(trace, plain) if c.op == "max").kink == ""


def test_forward_steps_have_no_chain() -> None:
    g = load_example("add-mul")
    assert chain_at(run(g).trace, g, 0) is None


def test_trace_json_carries_the_chain() -> None:
    g = load_example("tiny-mlp")
    data = json.loads(json.dumps(trace_json(run(g), g)))
    by_node = {s["node"]: s for s in data["steps"] if s["phase"] == "backward"}
    m12 = by_node["m12"]
    assert m12["pattern"] == "mul swaps"
    assert [(e["to"], e["contribution"]) for e in m12["chain"]] == [("w12", None), ("x2", [2, 2])]
    assert m12["chain"][1]["upstream"] == pytest.approx(0.816)
    assert m12["chain"][1]["local"] == pytest.approx(-0.3)
    assert m12["chain"][1]["downstream"] == pytest.approx(-0.2448)
    total = by_node["x2"]["total"]
    assert total["node"] == "x2"
    assert [t["from"] for t in total["terms"]] == ["m22", "m12"]
    assert total["sum"] == pytest.approx(-0.2448)
    assert by_node["x2"]["leaf"] == "data"
    assert by_node["w12"]["leaf"] == "trainable"
