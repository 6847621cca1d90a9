"""Numerics say what happened: overflow is a note, not a warning; finite differences at
the float limit are 'not informative', not a false MISMATCH."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
from core_support import random_scalar_graph
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gradflow import cli
from gradflow.core import report
from gradflow.core.engine import run
from gradflow.core.fileformat import save
from gradflow.core.gradcheck import gradcheck
from gradflow.core.graph import Graph


def _product(x: float, y: float) -> Graph:
    g = Graph()
    g.add_node("input", "x", value=x)
    g.add_node("input", "y", value=y)
    g.add_node("mul", "m")
    g.connect("x", "m")
    g.connect("y", "m", dst_port=1)
    return g


def test_check_near_the_float_limit_is_not_informative_instead_of_mismatch():
    check = gradcheck(_product(1e300, 1e10))  # warnings are errors in this suite
    assert check.ok
    assert [c.informative for c in check.nodes] == [False, False]
    lines = report.check_table(check)
    assert lines[1].endswith("not informative")
    assert lines[-1].startswith("2 inputs not checked: at these magnitudes")
    assert json.loads(json.dumps(report.check_json(check)))["nodes"][0]["error"] is None


def test_check_at_ordinary_magnitudes_is_unchanged():
    check = gradcheck(_product(3.0, -2.0))
    assert all(c.informative and c.ok for c in check.nodes)
    assert (
        report.check_table(check)[-1] == "all 2 inputs match finite differences (tolerance 1e-06)"
    )


def test_a_wrong_gradient_at_large_but_meaningful_magnitude_is_still_caught(monkeypatch):
    from gradflow.core import ops

    wrong = dataclasses.replace(ops.REGISTRY["square"], local=lambda i, o, a: (3 * i[0],))
    monkeypatch.setitem(ops.REGISTRY, "square", wrong)
    g = Graph()
    g.add_node("input", "x", value=[1e3, -2e3])
    g.add_node("square", "s")
    g.connect("x", "s")
    check = gradcheck(g)
    assert not check.ok
    assert check.nodes[0].informative


def test_check_takes_a_subset_and_reports_progress():
    seen: list[tuple[int, int]] = []
    check = gradcheck(_product(3.0, -2.0), nodes=["y"], progress=lambda d, t: seen.append((d, t)))
    assert [c.node for c in check.nodes] == ["y"]
    assert seen == [(1, 1)]


def test_run_notes_overflow_on_stderr_and_nothing_else(tmp_path, capsys):
    g = Graph()
    g.add_node("input", "x", value=1000.0)
    g.add_node("exp", "e")
    g.connect("x", "e")
    path = tmp_path / "exp.gflow"
    save(g, path)
    assert cli.main(["run", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "inf" in out
    assert err.splitlines() == ["note: x has gradient inf", "note: e has value inf"]
    assert report.non_finite_notes(g, run(g)) == err.splitlines()


def test_check_nodes_option_names_unknown_ids(tmp_path, capsys):
    path = tmp_path / "p.gflow"
    save(_product(3.0, -2.0), path)
    assert cli.main(["check", str(path), "--nodes", "y"]) == 0
    assert cli.main(["check", str(path), "--nodes", "m"]) == 2
    assert capsys.readouterr().err.endswith("m is not an input: only inputs are checked\n")


def _notes_per_node(graph: Graph, result) -> set[str]:
    return {n for n in graph.nodes if report.non_finite_note(result, n) is not None}


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_ops=st.integers(1, 25), all_grads=st.booleans())
@example(seed=242226, n_ops=9, all_grads=False)  # a copy's two finite ports overflow summed
def test_the_one_pass_overflow_check_names_exactly_the_nodes_the_notes_name(seed, n_ops, all_grads):
    graph = random_scalar_graph(np.random.default_rng(seed), n_ops, special=True)
    result = run(graph, all_grads=all_grads)
    suspects = report.non_finite_suspects(result)
    assert suspects is not None  # a run on floats: the quick check applies
    assert suspects == _notes_per_node(graph, result)
    assert report.non_finite_suspects(run(graph, fast=False)) is None  # arrays: per node


def test_a_gradient_that_overflows_only_in_its_sum_is_found():
    g = Graph()  # f = a·big + a·big: each wire sends back 1e308, a's sum is inf
    g.add_node("input", "a", value=1.0)
    g.add_node("const", "big", value=1e308)
    for m in ("m1", "m2"):
        g.add_node("mul", m)
        g.connect("a", m)
        g.connect("big", m, dst_port=1)
    g.add_node("add", "f")
    g.connect("m1", "f")
    g.connect("m2", "f", dst_port=1)
    result = run(g)
    assert all(np.isfinite(grad) for grad in result.edge_grads.values())  # each one finite
    assert report.non_finite_suspects(result) == {"f", "a"} == _notes_per_node(g, result)
    assert report.non_finite_note(result, "a") == "gradient inf"
