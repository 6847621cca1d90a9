"""Gradient check: agreement, a planted wrong gradient found, and the graph left alone."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from gradflow.core import ops
from gradflow.core.examples import load_example
from gradflow.core.fileformat import dumps
from gradflow.core.gradcheck import gradcheck
from gradflow.core.graph import Graph


def test_reports_worst_entry_per_trainable_input():
    g = load_example("vector-l2")
    before = dumps(g)
    check = gradcheck(g)
    assert [c.node for c in check.nodes] == ["W", "x"]
    assert check.ok
    assert check.worst.error < 1e-8
    w = next(c for c in check.nodes if c.node == "W")
    assert len(w.index) == 2
    assert w.analytic == pytest.approx(w.numeric)
    assert dumps(g) == before  # nudges go through feeds, never into the graph


def test_frozen_inputs_consts_and_unused_inputs_are_skipped():
    g = load_example("tiny-mlp")
    names = [c.node for c in gradcheck(g).nodes]
    assert "x1" not in names
    assert "x2" not in names
    assert "t" not in names
    assert names[0] == "w11"
    g.add_node("input", "lonely", value=1.0)
    g.set_output("loss")
    assert "lonely" not in [c.node for c in gradcheck(g).nodes]


def test_a_wrong_local_gradient_is_caught(monkeypatch):
    wrong = dataclasses.replace(ops.REGISTRY["tanh"], local=lambda i, o, a: (1 - o[0],))
    monkeypatch.setitem(ops.REGISTRY, "tanh", wrong)  # type: ignore[arg-type]
    g = Graph()
    g.add_node("input", "x", value=[0.5, -1.0])
    g.add_node("tanh", "t")
    g.connect("x", "t")
    check = gradcheck(g)
    assert not check.ok
    assert check.worst.node == "x"
    assert check.worst.error > 1e-2


def test_tolerance_and_floor_decide_ok():
    g = load_example("sigmoid-neuron")
    strict = gradcheck(g, tolerance=0.0)
    assert not strict.ok or all(c.error == 0.0 for c in strict.nodes)
    assert gradcheck(g, tolerance=1e-6).ok


def test_gradients_near_zero_use_the_absolute_floor():
    g = load_example("vanishing-sigmoid")
    check = gradcheck(g)
    (x,) = check.nodes
    assert abs(x.analytic) < 1e-3
    assert x.ok
    assert x.error == pytest.approx(abs(x.analytic - x.numeric) / max(abs(x.analytic), 1e-3))
    assert np.isfinite(x.numeric)


def test_a_max_tie_is_reported_as_a_kink_not_a_mismatch():
    from gradflow.core.examples import load_example
    from gradflow.core.report import check_table

    g = load_example("gate-patterns")
    g.set_attr("w", "value", 2.0)  # max(z, w) with z = w = 2
    check = gradcheck(g)
    by_node = {c.node: c for c in check.nodes}
    assert not by_node["z"].ok  # the central difference straddles the two slopes
    assert "first input" in by_node["z"].kink
    assert by_node["x"].kink == ""  # x does not feed the max
    # the losing input: its analytic zero beside a numeric slope of -6 is the tie too,
    # not an entry too close to the float limit to check
    w = by_node["w"]
    assert (w.analytic, w.informative, w.ok) == (0.0, True, False)
    assert w.numeric == pytest.approx(-6.0)
    assert "z and w tie" in w.kink
    assert check.uninformative == ()
    assert check.ok  # a kink is not an error of gradflow's
    text = "\n".join(check_table(check))
    assert "MISMATCH" not in text
    assert "z: not differentiable at this point (m: z and w tie: max is not differentiable" in text


def test_relu_at_zero_is_reported_as_a_kink():
    from gradflow.core.examples import load_example

    g = load_example("tiny-mlp")
    g.set_attr("b2", "value", 1.6)  # a2 = -1.6 + 1.6 = 0: ReLU h2 at its kink
    check = gradcheck(g)
    kinked = [c.node for c in check.nodes if c.kink]
    assert kinked == ["w21", "w22", "b2"]
    assert all("ReLU is not differentiable there" in c.kink for c in check.nodes if c.kink)
    assert check.ok
