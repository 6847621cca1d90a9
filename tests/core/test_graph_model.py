"""The graph model: a refused mutation (a cycle, a taken port, a bad shape or value, an
unknown op or node) leaves the graph exactly as it was; the output is the named node,
else the only sink."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.core.errors import GraphError
from gradflow.core.fileformat import dumps
from gradflow.core.graph import Graph
from gradflow.core.ops import get_op

# --- failed mutations change nothing -------------------------------------------------------


def _chain() -> Graph:
    g = Graph()
    g.add_node("input", "a", value=[1.0, 2.0])
    g.add_node("neg", "b")
    g.add_node("add", "c")
    g.connect("a", "b")
    g.connect("b", "c")
    return g


def _add_vector(g: Graph, n: int) -> None:
    g.add_node("input", "m", value=[1.0] * n)


# name -> (a valid change made first, the mutation that must be refused)
MUTATIONS = {
    "cycle": (None, lambda g: g.connect("c", "b")),
    "self loop": (None, lambda g: g.connect("b", "b")),
    "port taken": (None, lambda g: g.connect("a", "c", 0, 0)),
    "no such input port": (None, lambda g: g.connect("a", "c", 0, 2)),
    "no such output port": (None, lambda g: g.connect("a", "c", 1, 1)),
    "unknown op": (None, lambda g: g.add_node("mull")),
    "duplicate id": (None, lambda g: g.add_node("neg", "b")),
    "shape mismatch": (lambda g: _add_vector(g, 3), lambda g: g.connect("m", "c", 0, 1)),
    "value breaks a shape": (
        lambda g: (_add_vector(g, 2), g.connect("m", "c", 0, 1)),
        lambda g: g.set_attr("a", "value", [1.0, 2.0, 3.0]),
    ),
    "bad attribute": (None, lambda g: g.set_attr("b", "c", 1.0)),
    "nan value": (None, lambda g: g.set_attr("a", "value", [np.nan, 1.0])),
    "too many copy outputs": (
        lambda g: g.add_node("copy", "k"),
        lambda g: g.set_attr("k", "outputs", 99),
    ),
    "no such node": (None, lambda g: g.remove_node("zz")),
    "no such output": (None, lambda g: g.set_output("zz")),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_a_failed_mutation_leaves_the_graph_unchanged(mutation):
    setup, mutate = MUTATIONS[mutation]
    g = _chain()
    if setup is not None:
        setup(g)
    before, revision, shapes = dumps(g), g.revision, dict(g.shapes())
    with pytest.raises(GraphError):
        mutate(g)
    assert dumps(g) == before
    assert g.revision == revision
    assert dict(g.shapes()) == shapes


def test_an_unknown_op_suggests_the_closest_registered_one():
    # get_op is the one place the message is made: the GUI, CLI and file loader all show it
    with pytest.raises(GraphError) as info:
        get_op("mull")
    assert str(info.value) == 'unknown op "mull" (did you mean "mul"?)'
    with pytest.raises(GraphError) as info:
        _chain().add_node("tanhh")
    assert str(info.value) == 'unknown op "tanhh" (did you mean "tanh"?)'
    for far in ("zzz", None, 3):
        with pytest.raises(GraphError) as info:
            get_op(far)
        assert str(info.value) == f'unknown op "{far}"'


def test_output_is_the_named_node_else_the_only_sink():
    g = _chain()
    assert g.output_node() == "c"
    g.add_node("input", "d", value=1.0)
    with pytest.raises(GraphError, match="2 ends"):
        g.output_node()
    g.set_output("b")
    assert g.output_node() == "b"
    assert run(g, partial=True).output == "b"
    g.remove_node("b")  # removing the named output falls back to the sinks
    assert g.output is None
    with pytest.raises(GraphError, match="3 ends"):
        g.output_node()
    partial = run(g, partial=True)  # a partial run takes the last-added end it can compute
    assert partial.output == "d"
    assert partial.notice is None
    assert "choose the output" in partial.output_note
    with pytest.raises(GraphError, match="empty"):
        Graph().output_node()
