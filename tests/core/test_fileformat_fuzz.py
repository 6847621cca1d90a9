"""Fuzzing the loader: whatever the bytes, the answer is a graph or a GraphFileError."""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gradflow.core.errors import GraphFileError
from gradflow.core.examples import example_names, load_example
from gradflow.core.fileformat import dumps, loads

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXAMPLE_DOCS = [json.loads(dumps(load_example(n))) for n in example_names()]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "x", "q", "input", "add", "mull", "copy", "gradflow", "f"]),
    st.text(max_size=8),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "op",
                    "value",
                    "from",
                    "to",
                    "to_port",
                    "from_port",
                    "nodes",
                    "edges",
                    "format",
                    "version",
                    "pos",
                    "label",
                    "outputs",
                    "c",
                    "trainable",
                    "output",
                ]
            )
            | st.text(max_size=5),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


def _load_or_refuse(data: str | bytes) -> None:
    try:
        graph = loads(data)
    except GraphFileError as err:
        message = str(err)
    else:
        assert dumps(loads(dumps(graph))) == dumps(graph)  # loads, saves and reloads alike
        return
    assert message  # a message a user can read, never empty


def _paths(doc, prefix=()):
    """Every (path) to a value inside the document, the root included."""
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, (*prefix, i))


@st.composite
def mutated_documents(draw):
    """A bundled example with one to three parts replaced, deleted or duplicated."""
    doc = copy.deepcopy(draw(st.sampled_from(EXAMPLE_DOCS)))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        path = draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "duplicate", "swap_type"]))
        last = path[-1]
        if action == "replace":
            parent[last] = draw(json_values)
        elif action == "delete":
            del parent[last]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        else:
            value = parent[last]
            parent[last] = [value] if not isinstance(value, list) else {"v": value}
    return doc


@FUZZ
@given(doc=mutated_documents())
def test_mutated_examples_load_or_are_refused(doc):
    _load_or_refuse(json.dumps(doc))


@FUZZ
@given(doc=json_values)
def test_arbitrary_json_loads_or_is_refused(doc):
    _load_or_refuse(json.dumps(doc))


@FUZZ
@given(
    doc=st.fixed_dictionaries(
        {"format": st.just("gradflow"), "version": st.just(1)},
        optional={
            "nodes": json_values,
            "edges": json_values,
            "output": json_values,
            "title": json_values,
        },
    )
)
def test_documents_with_the_right_envelope_load_or_are_refused(doc):
    _load_or_refuse(json.dumps(doc))


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=200) | st.text(max_size=200))
def test_random_bytes_and_text_are_refused_cleanly(data):
    _load_or_refuse(data)


@settings(max_examples=60, deadline=None)
@given(depth=st.integers(50, 200_000), opener=st.sampled_from(["[", '{"a":']))
def test_deep_nesting_is_refused(depth, opener):
    text = opener * depth
    _load_or_refuse(text)
    wrapped = '{"format": "gradflow", "version": 1, "nodes": [{"id": "x", "op": "input", '
    _load_or_refuse(wrapped + '"value": ' + "[" * depth + "1" + "]" * depth + "}]}")


@settings(max_examples=100, deadline=None)
@given(
    doc=st.sampled_from(EXAMPLE_DOCS),
    token=st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "-1e999", "1" * 5000]),
)
def test_non_finite_and_huge_numbers_are_refused(doc, token):
    text = dumps(loads(json.dumps(doc)))
    first_number = text.index('"value": ') + len('"value": ')
    end = first_number
    while text[end] not in ",}":
        end += 1
    bad = text[:first_number] + token + text[end:]
    try:
        loads(bad)
    except GraphFileError:
        return
    raise AssertionError(f"{token} was accepted")
