"""Every op's gradient against central differences; the documented edge cases of the ops."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.core.gradcheck import gradcheck
from gradflow.core.graph import Graph
from gradflow.core.ops import REGISTRY

A = [[0.3, -1.2, 0.7], [1.5, 0.4, -0.9]]
B = [[0.5, -0.8, 1.1], [-0.6, 0.2, 0.9]]
# (op, attrs, input values, scores/labels that must be consts)
CASES = [
    ("add", {}, [A, [1.0, 2.0, -0.5]]),  # broadcasting: the vector's gradient sums rows
    ("mul", {}, [A, B]),
    ("max", {}, [A, B]),
    ("neg", {}, [A]),
    ("exp", {}, [A]),
    ("reciprocal", {}, [[[0.5, -1.5], [2.0, 0.8]]]),
    ("add_const", {"c": 2.5}, [A]),
    ("mul_const", {"c": -1.5}, [A]),
    ("square", {}, [A]),
    ("sigmoid", {}, [A]),
    ("tanh", {}, [A]),
    ("relu", {}, [A]),
    ("matmul", {}, [A, [[0.2, 1.0], [-0.5, 0.3], [0.8, -1.1]]]),
    ("matmul", {}, [A, [0.4, -0.2, 0.9]]),
    ("sum", {}, [A]),
    ("mse", {}, [A, B]),
    ("softmax_ce", {}, [A]),
    ("copy", {"outputs": 3}, [A]),
    ("sub", {}, [A, [1.0, 2.0, -0.5]]),
    ("div", {}, [A, [[0.5, -1.5, 2.0], [0.8, 1.2, -0.7]]]),
    ("pow", {"c": 3.0}, [A]),
    ("log", {}, [[[0.5, 1.5], [2.0, 0.8]]]),
    ("abs", {}, [A]),
    ("linear", {}, [A]),
]


def _one_op_graph(op: str, attrs: dict, values: list) -> Graph:
    g = Graph()
    for i, v in enumerate(values):
        g.add_node("input", f"in{i}", value=v)
        g.connect(f"in{i}", g.add_node(op, "op", **attrs) if i == 0 else "op", 0, i)
    if op == "softmax_ce":
        g.add_node("const", "labels", value=[2.0, 0.0])
        g.connect("labels", "op", 0, 1)
    if op == "copy":  # use every output with a different weight so each port matters
        g.add_node("mul", "m")
        g.connect("op", "m", 0, 0)
        g.connect("op", "m", 2, 1)
        g.add_node("add", "f")
        g.connect("m", "f")
        g.connect("op", "f", 1, 1)
    return g


@pytest.mark.parametrize(("op", "attrs", "values"), CASES, ids=[c[0] for c in CASES])
def test_gradient_of_each_op_matches_finite_differences(op, attrs, values):
    result = gradcheck(_one_op_graph(op, attrs, values))
    assert len(result.nodes) == len(values)
    assert result.ok, result.worst


@pytest.mark.parametrize("op", [c[0] for c in CASES if c[0] not in ("matmul", "softmax_ce")])
def test_scalar_version_of_each_op_matches_finite_differences(op):
    attrs = next(c[1] for c in CASES if c[0] == op)
    values = [0.7, -0.4] if op in ("add", "mul", "max", "mse", "sub", "div") else [0.7]
    assert gradcheck(_one_op_graph(op, attrs, values)).ok


def test_every_registered_op_is_covered():
    assert {c[0] for c in CASES} | {"input", "const"} == set(REGISTRY)


@pytest.mark.parametrize("fast", [True, False])
def test_max_ties_send_the_gradient_to_the_first_input(fast):
    g = _one_op_graph("max", {}, [2.0, 2.0])
    result = run(g, fast=fast)
    assert float(result.grad("in0")) == 1.0
    assert float(result.grad("in1")) == 0.0


@pytest.mark.parametrize("x", [-1000.0, 1000.0])
@pytest.mark.parametrize("fast", [True, False])
def test_sigmoid_and_exp_stay_finite_or_honest_at_1000(x, fast):
    # pytest turns any numpy overflow warning into an error
    sig = run(_one_op_graph("sigmoid", {}, [x]), fast=fast)
    assert float(sig.value("op")) == (1.0 if x > 0 else 0.0)
    assert float(sig.grad("in0")) == 0.0
    exp = run(_one_op_graph("exp", {}, [x]), fast=fast)
    assert float(exp.value("op")) == (np.inf if x > 0 else 0.0)


@pytest.mark.parametrize("value", [1000.0, [1000.0, 1.0]])
@pytest.mark.parametrize("fast", [True, False])
def test_opposite_infinite_gradients_meeting_give_nan_without_a_warning(value, fast):
    # f = e² − e² with e = exp(1000): the two branches send +inf and −inf back to e
    g = Graph()
    g.add_node("input", "x", value=value)
    for nid, op in (("e", "exp"), ("s1", "square"), ("s2", "square"), ("a", "add"), ("f", "sum")):
        g.add_node(op, nid)
    g.add_node("mul_const", "m", c=-1.0)
    for src, dst, port in (
        ("x", "e", 0),
        ("e", "s1", 0),
        ("e", "s2", 0),
        ("s2", "m", 0),
        ("s1", "a", 0),
        ("m", "a", 1),
        ("a", "f", 0),
    ):
        g.connect(src, dst, 0, port)
    result = run(g, fast=fast)
    assert np.isnan(np.ravel(result.grad("e"))[0])


def test_softmax_ce_is_stable_for_huge_scores():
    g = _one_op_graph("softmax_ce", {}, [[[1000.0, -1000.0, 0.0], [-1000.0, 0.0, 1000.0]]])
    result = run(g)
    # labels 2 and 0: log-probabilities -1000 and -2000, so the mean loss is 1500
    assert float(result.value("op")) == 1500.0
    np.testing.assert_allclose(result.grad("in0"), [[0.5, 0.0, -0.5], [-0.5, 0.0, 0.5]])


def test_add_mul_numbers_are_exact():
    g = Graph()
    for name, v in (("x", -2.0), ("y", 5.0), ("z", -4.0)):
        g.add_node("input", name, value=v)
    g.add_node("add", "q")
    g.add_node("mul", "f")
    g.connect("x", "q")
    g.connect("y", "q", 0, 1)
    g.connect("q", "f")
    g.connect("z", "f", 0, 1)
    r = run(g)
    assert [float(r.value(n)) for n in ("q", "f")] == [3.0, -12.0]
    assert [float(r.grad(n)) for n in ("x", "y", "z", "q")] == [-4.0, -4.0, 3.0, -4.0]


ELEMENTWISE = [c for c in CASES if c[0] not in ("matmul", "sum", "softmax_ce", "copy", "mse")]


@pytest.mark.parametrize(("op", "attrs", "values"), ELEMENTWISE, ids=[c[0] for c in ELEMENTWISE])
@pytest.mark.parametrize("fast", [True, False])
def test_local_gradient_in_the_trace_matches_finite_differences(op, attrs, values, fast):
    """The `local` a backward step shows is d out / d input, entry by entry."""
    if fast:  # scalar inputs run on the fast path
        values = [float(np.ravel(v)[1]) for v in values]
    g = _one_op_graph(op, attrs, values)
    step = next(s for s in run(g, fast=fast).trace.backward if s.node == "op")
    spec = REGISTRY[op]
    h = 1e-6
    for port, value in enumerate(values):
        x = np.asarray(value, dtype=np.float64)
        ins = [
            np.broadcast_to(np.asarray(v, dtype=np.float64), np.shape(values[0])) for v in values
        ]
        if np.shape(value) != np.shape(values[0]):
            continue  # a broadcast input: its local is per output entry, checked by gradcheck
        plus, minus = list(ins), list(ins)
        plus[port], minus[port] = x + h, x - h
        numeric = (spec.forward(tuple(plus), attrs)[0] - spec.forward(tuple(minus), attrs)[0]) / (
            2 * h
        )
        np.testing.assert_allclose(step.local[port], numeric, rtol=1e-6, atol=1e-8)
