"""Automatic node ids: the lowest free number per op, also after removals and copies."""

from __future__ import annotations

from gradflow.core.graph import Graph


def test_new_ids_count_up_per_op():
    g = Graph()
    assert [g.add_node("add") for _ in range(3)] == ["add1", "add2", "add3"]
    assert g.add_node("mul") == "mul1"
    g.add_node("add", "add5")
    assert [g.add_node("add") for _ in range(2)] == ["add4", "add6"]


def test_a_removed_id_is_reused_first():
    g = Graph()
    for _ in range(5):
        g.add_node("neg")
    g.remove_node("neg2")
    assert g.new_id("neg") == "neg2"
    assert g.add_node("neg") == "neg2"
    assert g.add_node("neg") == "neg6"
    copied = g.copy()
    copied.remove_node("neg1")
    assert copied.add_node("neg") == "neg1"
    assert g.new_id("neg") == "neg7"


def test_leaves_get_the_lectures_short_names():
    g = Graph()
    assert [g.add_node("input") for _ in range(2)] == ["x1", "x2"]
    assert g.add_node("const") == "c1"
    assert g.add_node("softmax_ce") == "softmax_ce1"
