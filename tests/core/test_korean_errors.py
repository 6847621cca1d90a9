"""Errors a student meets while building a graph or loading a file read Korean under ko."""

from __future__ import annotations

import re

import pytest

from gradflow.core.errors import GraphError, GraphFileError
from gradflow.core.fileformat import loads
from gradflow.core.graph import Graph

HANGUL = re.compile("[\uac00-\ud7a3]")


def _chain() -> Graph:
    g = Graph()
    g.add_node("input", "x", value=1.0)
    g.add_node("add", "a")
    g.add_node("neg", "b")
    g.connect("x", "a", 0, 0)
    g.connect("a", "b")
    return g


def test_a_refused_wire_says_why_in_korean(korean):
    g = _chain()
    with pytest.raises(GraphError) as cycle:
        g.connect("b", "a", 0, 1)
    assert str(cycle.value) == "b → a을(를) 연결하면 cycle이 생깁니다"
    with pytest.raises(GraphError, match=r"^b의 input x은\(는\) 이미 연결되어 있습니다$"):
        g.connect("x", "b")
    with pytest.raises(GraphError, match=r'^"nope"라는 node가 없습니다$'):
        g.node("nope")
    assert len(g.edges) == 2  # nothing changed


def test_a_shape_mismatch_says_why_in_korean(korean):
    g = Graph()
    g.add_node("input", "A", value=[[1.0, 2.0], [3.0, 4.0]])
    g.add_node("input", "v", value=[1.0, 2.0, 3.0])
    g.add_node("matmul", "m")
    g.connect("A", "m", 0, 0)
    with pytest.raises(GraphError) as refused:
        g.connect("v", "m", 0, 1)
    said = str(refused.value)
    assert said.startswith("A → m을(를) 연결할 수 없습니다: ") or said.startswith(
        "v → m을(를) 연결할 수 없습니다: "
    )
    assert "matmul shape (2, 2)와(과) (3,)이(가) 맞지 않습니다: 2 ≠ 3" in said


def test_a_broken_file_says_why_in_korean(korean):
    with pytest.raises(GraphFileError) as bad:
        loads('{"format": "gradflow", "version": 1, "nodes": [}')
    assert str(bad.value).startswith("올바른 JSON이 아닙니다: ")
    assert "(1행, " in str(bad.value)
    with pytest.raises(GraphFileError, match=r"^Infinity은\(는\) 쓸 수 없습니다"):
        loads('{"format": "gradflow", "version": 1, "nodes": [], "x": Infinity}')


def test_the_same_errors_stay_english_in_english():
    g = _chain()
    with pytest.raises(GraphError, match=r"^connecting b → a would make a cycle$"):
        g.connect("b", "a", 0, 1)
