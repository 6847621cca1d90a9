"""Hostile graph files: every class of bad input ends in one located GraphFileError line.

The generator writes documents as text, so it can hold what `json.dumps` would never
write: integer literals of hundreds of digits, duplicate keys, raw control characters
and lone surrogates in ids and labels, and shapes that explode when broadcast.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gradflow.core import limits
from gradflow.core.errors import GraphFileError
from gradflow.core.examples import load_example, resolve
from gradflow.core.fileformat import dumps, load, loads

HOSTILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _doc(nodes: list[str], edges: list[str] = (), head: str = "") -> str:
    return (
        '{"format": "gradflow", "version": 1, '
        + head
        + '"nodes": ['
        + ", ".join(nodes)
        + '], "edges": ['
        + ", ".join(edges)
        + "]}"
    )


huge_ints = st.integers(310, 4000).map(lambda n: "1" + "0" * n) | st.integers(310, 4000).map(
    lambda n: "-9" + "9" * n
)
unsafe_chars = st.sampled_from(
    [
        "\\u001b]0;TITLE\\u0007\\u001b[2J",
        "\\u0000",
        "\\u007f",
        "\\u009b",
        "\\ud800",
        "\\udfff",
        "\\n",
    ]
)


@st.composite
def hostile_documents(draw) -> tuple[str, str]:
    """(document text, what the error message must name)."""
    kind = draw(
        st.sampled_from(
            ["int value", "int c", "int pos", "id chars", "label chars", "duplicate", "broadcast"]
        )
    )
    x = '{"id": "x", "op": "input", "value": 2}'
    if kind == "int value":
        big = draw(huge_ints)
        return _doc([f'{{"id": "x", "op": "input", "value": [1, {big}]}}']), "nodes[0].value[1]"
    if kind == "int c":
        big = draw(huge_ints)
        node = f'{{"id": "a", "op": draw_op, "c": {big}}}'.replace(
            "draw_op", json.dumps(draw(st.sampled_from(["add_const", "mul_const"])))
        )
        return _doc([x, node], ['{"from": "x", "to": "a"}']), "nodes[1].c"
    if kind == "int pos":
        big = draw(huge_ints)
        return _doc([f'{{"id": "x", "op": "input", "pos": [0, {big}]}}']), "nodes[0].pos"
    if kind in ("id chars", "label chars"):
        bad = draw(st.text("ab", max_size=3)) + draw(unsafe_chars) + draw(st.text("ab", max_size=3))
        if kind == "id chars":
            return _doc([f'{{"id": "{bad}", "op": "input"}}']), "nodes[0].id"
        return _doc([f'{{"id": "x", "op": "input", "label": "{bad}"}}']), "nodes[0].label"
    if kind == "duplicate":
        where = draw(st.sampled_from(["top", "node", "edge"]))
        if where == "top":
            return _doc([x], head='"version": 2, '), 'key "version" appears twice'
        if where == "node":
            return _doc(['{"id": "x", "op": "input", "value": 1, "value": 2}']), "nodes[0]"
        return (
            _doc([x, '{"id": "n", "op": "neg"}'], ['{"from": "x", "to": "n", "from": "x"}']),
            "edges[0]",
        )
    n = draw(st.integers(3163, 30000))  # n * n > 10^7: the sum would be too big
    col, row = json.dumps([[1.0]] * n), json.dumps([[1.0] * n])
    nodes = [
        f'{{"id": "a", "op": "input", "value": {col}}}',
        f'{{"id": "b", "op": "input", "value": {row}}}',
        f'{{"id": "s", "op": {json.dumps(draw(st.sampled_from(["add", "mul", "max"])))}}}',
    ]
    edges = ['{"from": "a", "to": "s"}', '{"from": "b", "to": "s", "to_port": 1}']
    return _doc(nodes, edges), f"s would hold {n}×{n}"


@HOSTILE
@given(case=hostile_documents())
def test_every_hostile_document_is_one_located_error(case):
    text, where = case
    with pytest.raises(GraphFileError) as info:
        loads(text)
    message = str(info.value)
    assert where in message
    assert "\n" not in message
    assert message.isprintable(), message  # no raw control character or surrogate


def test_a_duplicate_version_is_refused_not_last_wins():
    with pytest.raises(GraphFileError, match='the key "version" appears twice'):
        loads('{"format": "gradflow", "version": 2, "version": 1, "nodes": []}')


def test_the_element_limit_can_be_raised_and_lowered(monkeypatch):
    text = dumps(load_example("vector-l2"))
    monkeypatch.setattr(limits, "_max_elements", 3)
    with pytest.raises(GraphFileError, match=r"W would hold 2×2 = 4 numbers, over the limit of 3"):
        loads(text)
    monkeypatch.setattr(limits, "_max_elements", 4)
    assert len(loads(text)) == len(load_example("vector-l2"))


@settings(max_examples=20, deadline=None)
@given(label=st.sampled_from([2.9999, 3.0, -1.0, 0.5, 7.0]))
def test_softmax_labels_must_be_whole_classes_in_range(label):
    doc = _doc(
        [
            '{"id": "s", "op": "input", "value": [[1, 2, 3]]}',
            f'{{"id": "y", "op": "const", "value": [{label}]}}',
            '{"id": "l", "op": "softmax_ce"}',
        ],
        ['{"from": "s", "to": "l"}', '{"from": "y", "to": "l", "to_port": 1}'],
    )
    with pytest.raises(GraphFileError, match=r"edges\[1\]: .*softmax_ce labels must be"):
        loads(doc)


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_special_paths_are_refused_with_what_they_are(tmp_path, kind):
    if kind == "directory":
        path, reason = tmp_path / "folder.gflow", "is a directory"
        path.mkdir()
    elif kind == "fifo":
        path, reason = tmp_path / "pipe.gflow", "named pipe"
        os.mkfifo(path)  # reading it would block forever
    else:
        path, reason = "/dev/zero", "is a device"  # reading it would never end
    for loader in (load, resolve):
        with pytest.raises(GraphFileError, match=reason):
            loader(path)
