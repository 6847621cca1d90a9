"""The .gflow format: exact round trips, located errors, nothing half-loaded, atomic saves."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from gradflow.core import fileformat
from gradflow.core.errors import GraphFileError
from gradflow.core.examples import example_names, load_example
from gradflow.core.fileformat import dumps, load, loads, save
from gradflow.core.graph import Edge, Graph


def _rich_graph() -> Graph:
    g = Graph()
    g.title, g.description = "Ünïcode title", "a description\\nwith a newline"
    g.add_node("input", "x", value=0.1, label="x₀", pos=(-10.5, 20.0))
    g.add_node("input", "W", value=[[1 / 3, -2e-300], [1e300, 7.0]], trainable=False)
    g.add_node("const", "t", value=[0.0, 1.0])
    g.add_node("copy", "c", outputs=3)
    g.add_node("mul_const", "k", c=np.pi)
    g.add_node("matmul", "mm", label="")
    g.connect("x", "c")
    g.connect("c", "k", 2, 0)
    g.connect("W", "mm")
    g.connect("t", "mm", 0, 1)
    g.set_output("mm")
    return g


def _same_graph(a: Graph, b: Graph) -> None:
    assert list(a.nodes) == list(b.nodes)
    for na, nb in zip(a, b, strict=True):
        assert (na.op, na.label, na.pos) == (nb.op, nb.label, nb.pos)
        assert list(na.attrs) == list(nb.attrs)
        for key, value in na.attrs.items():
            if isinstance(value, np.ndarray):
                assert nb.attrs[key].dtype == np.float64
                np.testing.assert_array_equal(nb.attrs[key], value)
            else:
                assert nb.attrs[key] == value
    assert a.edges == b.edges
    assert (a.output, a.title, a.description) == (b.output, b.title, b.description)


def test_save_then_load_is_the_same_graph(tmp_path):
    g = _rich_graph()
    path = tmp_path / "rich.gflow"
    save(g, path)
    back = load(path)
    _same_graph(g, back)
    assert back.node("W").attrs["value"][0, 0] == 1 / 3  # floats survive to the last bit
    assert dumps(back) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", example_names())
def test_examples_round_trip_through_text(name):
    g = load_example(name)
    _same_graph(g, loads(dumps(g)))
    assert dumps(loads(dumps(g))) == dumps(g)


def test_float32_values_are_saved_exactly_and_load_as_float64():
    g = Graph()
    g.add_node("input", "x", value=np.array([0.1, 3.3], dtype=np.float32))
    back = loads(dumps(g)).node("x").attrs["value"]
    assert back.dtype == np.float64
    np.testing.assert_array_equal(back, np.array([0.1, 3.3], dtype=np.float32))


def test_view_fields_and_ports_are_optional():
    text = json.dumps(
        {
            "format": "gradflow",
            "version": 1,
            "nodes": [{"id": "a", "op": "input", "value": 2}, {"id": "b", "op": "square"}],
            "edges": [{"from": "a", "to": "b"}],
        }
    )
    g = loads(text.encode())
    assert g.node("a").pos is None
    assert g.node("a").label is None
    assert g.edges == (Edge("a", "b"),)
    assert g.output is None
    assert g.title is None


def _doc(**changes):
    doc = {
        "format": "gradflow",
        "version": 1,
        "output": "f",
        "nodes": [
            {"id": "x", "op": "input", "value": 1.0},
            {"id": "y", "op": "input", "value": 2.0},
            {"id": "f", "op": "mul"},
        ],
        "edges": [{"from": "x", "to": "f"}, {"from": "y", "to": "f", "to_port": 1}],
    }
    doc.update(changes)
    return doc


def _nodes(*extra):
    return _doc()["nodes"] + list(extra)


BAD = {
    "not an object": ([1, 2], "must be a JSON object"),
    "wrong format": (_doc(format="other"), 'format: expected "gradflow"'),
    "future version": (_doc(version=2), "version: unsupported version 2"),
    "version as text": (_doc(version="1"), "version: unsupported"),
    "unknown top key": (_doc(extra=1), 'unknown key "extra"'),
    "nodes not a list": (_doc(nodes={}), "nodes: must be a list"),
    "title not text": (_doc(title=3), "title: must be a string"),
    "unknown op": (
        _doc(nodes=_nodes({"id": "q", "op": "mull"})),
        'nodes[3].op: unknown op "mull" (did you mean "mul"?)',
    ),
    "missing id": (_doc(nodes=_nodes({"op": "add"})), "nodes[3].id: a node needs"),
    "duplicate id": (_doc(nodes=_nodes({"id": "x", "op": "add"})), 'nodes[3].id: duplicate id "x"'),
    "attr of another op": (
        _doc(nodes=_nodes({"id": "q", "op": "add", "c": 1})),
        'nodes[3]: unknown key "c"',
    ),
    "value as text": (
        _doc(nodes=_nodes({"id": "q", "op": "input", "value": "1.5"})),
        "nodes[3].value: must be a number",
    ),
    "boolean value": (
        _doc(nodes=_nodes({"id": "q", "op": "input", "value": [1, True]})),
        "nodes[3].value[1]: must be a number",
    ),
    "3-d value": (
        _doc(nodes=_nodes({"id": "q", "op": "input", "value": [[[1]]]})),
        "more than 2 dimensions",
    ),
    "ragged value": (
        _doc(nodes=_nodes({"id": "q", "op": "input", "value": [[1], [1, 2]]})),
        "nodes[3].value: value must be a number or a rectangular list",
    ),
    "empty value": (_doc(nodes=_nodes({"id": "q", "op": "input", "value": []})), "empty"),
    "trainable as number": (
        _doc(nodes=_nodes({"id": "q", "op": "input", "trainable": 1})),
        "nodes[3].trainable: trainable must be true or false",
    ),
    "copy outputs 0": (
        _doc(nodes=_nodes({"id": "q", "op": "copy", "outputs": 0})),
        "nodes[3].outputs: copy outputs must be between",
    ),
    "bad pos": (_doc(nodes=_nodes({"id": "q", "op": "add", "pos": [1]})), "nodes[3].pos"),
    "label not text": (
        _doc(nodes=_nodes({"id": "q", "op": "add", "label": 5})),
        "nodes[3].label: must be a string",
    ),
    "dangling edge": (_doc(edges=[{"from": "x", "to": "qq"}]), 'edges[0].to: no node "qq"'),
    "edge port as text": (
        _doc(edges=[{"from": "x", "to": "f", "to_port": "1"}]),
        "edges[0].to_port: must be a whole number",
    ),
    "input port out of range": (
        _doc(edges=[{"from": "x", "to": "f", "to_port": 2}]),
        'edges[0].to_port: node "f" (mul) has input ports 0..1, not 2',
    ),
    "output port out of range": (
        _doc(edges=[{"from": "x", "to": "f", "from_port": 1}]),
        "edges[0].from_port",
    ),
    "port fed twice": (
        _doc(edges=[{"from": "x", "to": "f"}, {"from": "y", "to": "f"}]),
        "edges[1]: input a of f is already connected",
    ),
    "cycle": (
        _doc(
            nodes=_nodes({"id": "n", "op": "neg"}, {"id": "m", "op": "neg"}),
            edges=[{"from": "n", "to": "m"}, {"from": "m", "to": "n"}],
        ),
        "edges[1]: connecting m → n would make a cycle",
    ),
    "shape mismatch": (
        _doc(
            nodes=[
                {"id": "x", "op": "input", "value": [1, 2]},
                {"id": "y", "op": "input", "value": [1, 2, 3]},
                {"id": "f", "op": "mul"},
            ]
        ),
        "edges[1]: cannot connect y → f",
    ),
    "unknown output": (_doc(output="zz"), 'output: no node "zz"'),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_document_names_the_first_problem_and_where(case):
    doc, message = BAD[case]
    with pytest.raises(GraphFileError) as info:
        loads(json.dumps(doc))
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("op", "message"),
    [
        ("mull", 'nodes[3].op: unknown op "mull" (did you mean "mul"?)'),
        ("sigmod", 'nodes[3].op: unknown op "sigmod" (did you mean "sigmoid"?)'),
        ("Input", 'nodes[3].op: unknown op "Input" (did you mean "input"?)'),
        ("zzz", 'nodes[3].op: unknown op "zzz"'),  # nothing close: no suggestion
    ],
)
def test_an_unknown_op_suggests_the_closest_only_when_one_is_close(op, message):
    with pytest.raises(GraphFileError) as info:
        loads(json.dumps(_doc(nodes=_nodes({"id": "q", "op": op}))))
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe{}", "not UTF-8"),
        (b"{", "not valid JSON"),
        (b"", "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (
            '{"format": "gradflow", "version": 1, "nodes": [{"id": "x", "op": "input",'
            ' "value": 1e400}]}',
            "1e400 is too large",
        ),
        (
            '{"format": "gradflow", "version": 1, "nodes": [{"id": "x", "op": "input",'
            ' "value": NaN}]}',
            "NaN is not allowed",
        ),
        (
            '{"format": "gradflow", "version": 1, "nodes": [{"id": "x", "op": "input",'
            ' "value": -Infinity}]}',
            "-Infinity is not allowed",
        ),
        ('{"version": ' + "9" * 5000 + "}", "too many digits"),
        (12, "expected text or bytes"),
    ],
)
def test_bytes_that_are_not_a_graph_are_refused_with_a_reason(data, message):
    with pytest.raises(GraphFileError, match=message):
        loads(data)


def test_size_limit(tmp_path, monkeypatch):
    path = tmp_path / "big.gflow"
    path.write_text(dumps(load_example("tiny-mlp")), encoding="utf-8")
    monkeypatch.setattr(fileformat, "MAX_BYTES", 100)
    with pytest.raises(GraphFileError, match="over the 100 bytes limit"):
        load(path)
    with pytest.raises(GraphFileError, match="limit"):
        loads(path.read_bytes())


def test_load_errors_name_the_file(tmp_path):
    path = tmp_path / "broken.gflow"
    path.write_text(json.dumps(_doc(output="zz")), encoding="utf-8")
    with pytest.raises(GraphFileError, match=r'^broken\.gflow: output: no node "zz"$'):
        load(path)
    with pytest.raises(GraphFileError, match="cannot read"):
        load(tmp_path / "missing.gflow")
    with pytest.raises(GraphFileError, match="cannot read"):
        load(tmp_path)  # a folder


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "g.gflow"
    save(load_example("add-mul"), path)
    save(load_example("vector-l2"), path)
    assert os.listdir(tmp_path) == ["g.gflow"]
    assert load(path).node("W").attrs["value"].shape == (2, 2)


def test_a_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "g.gflow"
    save(load_example("add-mul"), path)
    original = path.read_bytes()
    bad = load_example("add-mul")
    bad.node("x").label = "\ud800"  # set_label refuses it; save must cope all the same
    with pytest.raises(GraphFileError, match="cannot save"):
        save(bad, path)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileformat.os, "replace", broken_replace)
    with pytest.raises(GraphFileError, match="No space left"):
        save(load_example("tiny-mlp"), path)
    assert path.read_bytes() == original
    assert os.listdir(tmp_path) == ["g.gflow"]


def test_save_into_a_missing_folder_is_a_file_error(tmp_path):
    with pytest.raises(GraphFileError, match="cannot save"):
        save(load_example("add-mul"), tmp_path / "nope" / "g.gflow")
