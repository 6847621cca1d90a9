"""Which end a partial run seeds when the graph names no output (nothing blanks)."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.core.errors import GraphError
from gradflow.core.examples import load_example
from gradflow.core.graph import Graph
from gradflow.core.outputs import choose_output, complete_nodes


def _add_mul_without_output() -> Graph:
    g = load_example("add-mul")
    g.set_output(None)
    return g


@pytest.mark.parametrize("fast", [True, False])
def test_an_unwired_gate_keeps_every_gradient_of_the_connected_part(fast):
    g = _add_mul_without_output()
    g.add_node("add")  # dropped on the canvas, not wired yet: a second end
    r = run(g, partial=True, fast=fast)
    assert r.output == "f"
    assert r.notice is None
    assert float(r.grad("x")) == -4.0
    assert float(r.grad("z")) == 3.0
    assert "add1" in r.problems  # the unwired gate wears its badge
    assert r.output_note.startswith("2 ends and no output node named: using f")


def test_the_last_added_computable_gate_wins_over_a_lone_input():
    g = _add_mul_without_output()
    g.add_node("neg", "n")
    g.connect("q", "n")  # a complete gate added after f
    g.add_node("input", "lone", value=1.0)  # a later leaf is not preferred to a gate
    r = run(g, partial=True)
    assert r.output == "n"
    assert float(r.grad("x")) == -1.0  # d(-q)/dx
    assert "using n," in r.output_note


def test_only_incomplete_ends_still_pick_one_and_say_it_cannot_be_computed():
    g = Graph()
    g.add_node("add", "a")
    g.add_node("mul", "m")
    assert choose_output(g).node == "m"
    r = run(g, partial=True)
    assert r.output == "m"
    assert "cannot be computed" in r.notice


def test_named_output_and_single_sink_need_no_note():
    g = load_example("add-mul")
    assert choose_output(g).note is None
    g.set_output(None)
    assert choose_output(g).node == "f"
    assert choose_output(g).note is None
    with pytest.raises(GraphError, match="empty"):
        choose_output(Graph())


def test_strict_runs_still_refuse_several_ends():
    g = _add_mul_without_output()
    g.add_node("input", value=2.0)
    with pytest.raises(GraphError, match="2 ends"):
        run(g)


def test_complete_nodes_follows_missing_inputs_downstream():
    g = _add_mul_without_output()
    g.add_node("add", "a")
    g.connect("f", "a")  # a's second input is free: a and nothing before it is incomplete
    done = complete_nodes(g)
    assert done["a"] is False
    assert all(done[n] for n in ("x", "y", "z", "q", "f"))
    np.testing.assert_allclose(run(g, partial=True).value("f"), -12.0)
