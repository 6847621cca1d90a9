"""GraphDocument: every edit is one undo command; undo restores the exact file content."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gradflow.core.errors import GraphError
from gradflow.core.examples import load_example
from gradflow.core.fileformat import dumps
from gradflow.core.graph import Edge, Graph
from gradflow.ui.document import GraphDocument


def _add_mul(doc: GraphDocument) -> None:
    for nid, value in (("x", -2.0), ("y", 5.0), ("z", -4.0)):
        made = doc.add_node("input", pos=(0.0, 0.0), value=value)
        assert made == f"x{'xyz'.index(nid) + 1}"
    doc.add_node("add", pos=(150.0, 0.0))
    doc.add_node("mul", pos=(300.0, 0.0))
    doc.add_edge("x1", "add1")
    doc.add_edge("x2", "add1", 0, 1)
    doc.add_edge("add1", "mul1")
    doc.add_edge("x3", "mul1", 0, 1)


def test_live_result_follows_every_edit(qtbot):
    doc = GraphDocument()
    structural: list[bool] = []
    doc.result_changed.connect(structural.append)
    _add_mul(doc)
    assert float(doc.result.value("mul1")) == -12.0
    assert float(doc.result.grad("x1")) == -4.0
    assert float(doc.result.grad("x3")) == 3.0
    assert structural == [True] * 9
    doc.set_attr("x1", "value", 1.0)
    assert structural[-1] is False
    assert float(doc.result.value("mul1")) == -24.0
    assert doc.undo_stack.count() == 10


def test_incomplete_graph_reports_problems_without_raising(qtbot):
    doc = GraphDocument()
    doc.add_node("input", value=2.0)
    doc.add_node("mul")
    doc.add_edge("x1", "mul1")
    assert doc.result.problems["mul1"] == "input b is not connected"
    assert doc.result.notice is not None


def test_refused_edits_change_nothing(qtbot):
    doc = GraphDocument()
    _add_mul(doc)
    doc.remove_edge(Edge("x1", "add1"))
    before, count = dumps(doc.graph), doc.undo_stack.count()
    with pytest.raises(GraphError, match="cycle"):
        doc.add_edge("mul1", "add1", 0, 0)
    with pytest.raises(GraphError, match="already connected"):
        doc.add_edge("x3", "add1", 0, 1)
    with pytest.raises(GraphError, match="finite"):
        doc.set_attr("x1", "value", float("nan"))
    assert "cycle" in doc.refusal("mul1", "add1")
    assert doc.refusal("x1", "add1") is None
    assert dumps(doc.graph) == before
    assert doc.undo_stack.count() == count


def test_delete_then_undo_restores_order_and_wires(qtbot):
    doc = GraphDocument()
    _add_mul(doc)
    before = dumps(doc.graph)
    removed: list[str] = []
    doc.node_removed.connect(removed.append)
    doc.delete(["x2", "add1"])
    assert removed == ["x2", "add1"]
    assert "add1" not in doc.graph
    assert doc.graph.edges == (Edge("x3", "mul1", 0, 1),)
    doc.undo_stack.undo()
    assert dumps(doc.graph) == before  # same node and wire order, so the same trace
    assert float(doc.result.value("mul1")) == -12.0


def test_modified_follows_the_undo_stack(qtbot, tmp_path):
    doc = GraphDocument()
    changes: list[bool] = []
    doc.modified_changed.connect(changes.append)
    doc.add_node("input")
    assert doc.modified
    doc.mark_saved(str(tmp_path / "a.gflow"))
    assert not doc.modified
    doc.undo_stack.undo()
    assert doc.modified
    doc.undo_stack.redo()
    assert not doc.modified
    assert changes == [True, False, True, False]


def test_paste_renames_ids_and_offsets(qtbot):
    doc = GraphDocument()
    _add_mul(doc)
    part = Graph()
    part.add_node("input", "x1", pos=(10.0, 20.0), value=7.0)
    part.add_node("neg", "neg1", pos=(100.0, 20.0))
    part.connect("x1", "neg1")
    made = doc.paste(part, (40.0, 40.0))
    assert made == ["x4", "neg1"]
    assert doc.graph.node("x4").pos == (50.0, 60.0)
    assert float(doc.graph.node("x4").attrs["value"]) == 7.0
    assert Edge("x4", "neg1") in doc.graph.edges
    doc.undo_stack.undo()
    assert "x4" not in doc.graph
    assert "neg1" not in doc.graph


def test_move_and_auto_layout_are_single_commands(qtbot):
    doc = GraphDocument()
    _add_mul(doc)
    count = doc.undo_stack.count()
    doc.move_nodes({"x1": (5.0, 6.0), "x2": (7.0, 8.0)})
    doc.move_nodes({"x1": (5.0, 6.0)})  # not a move: no command
    doc.auto_layout()
    assert doc.undo_stack.count() == count + 2
    xs = [doc.graph.node(n).pos[0] for n in ("x1", "add1", "mul1")]
    assert xs == sorted(xs)
    assert len(set(xs)) == 3
    doc.undo_stack.undo()
    assert doc.graph.node("x1").pos == (5.0, 6.0)
    doc.undo_stack.undo()
    assert doc.graph.node("x1").pos == (0.0, 0.0)


def test_changing_copy_outputs_is_structural(qtbot):
    doc = GraphDocument()
    doc.add_node("copy")
    flags: list[bool] = []
    doc.result_changed.connect(flags.append)
    doc.set_attr("copy1", "outputs", 3)
    assert doc.graph.node("copy1").n_outputs == 3
    assert flags == [True]


# --- random edit sequences ----------------------------------------------------------------

OPS = ("input", "const", "add", "mul", "copy", "max", "sigmoid", "neg", "sum")
edit = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(OPS), st.integers(-300, 300)),
    st.tuples(st.just("connect"), st.integers(0, 30), st.integers(0, 30), st.integers(0, 2)),
    st.tuples(st.just("connect"), st.integers(0, 30), st.integers(0, 30), st.integers(0, 2)),
    st.tuples(st.just("disconnect"), st.integers(0, 30)),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("move"), st.integers(0, 30), st.integers(-300, 300)),
    st.tuples(st.just("value"), st.integers(0, 30), st.floats(-5, 5, allow_nan=False)),
    st.tuples(st.just("copy_outputs"), st.integers(0, 30), st.integers(1, 4)),
    st.tuples(st.just("paste"), st.integers(0, 30)),
    st.tuples(
        st.just("layout"),
    ),
)


def _apply(doc: GraphDocument, step: tuple) -> None:
    ids = list(doc.graph.nodes)
    edges = doc.graph.edges
    kind = step[0]
    if kind == "add":
        doc.add_node(step[1], pos=(float(step[2]), 0.0))
    elif kind == "layout":
        doc.auto_layout()
    elif kind == "disconnect" and edges:
        doc.remove_edge(edges[step[1] % len(edges)])
    elif not ids:
        return
    elif kind == "connect":
        takers = [n for n in ids if doc.graph.node(n).n_inputs] or ids
        src, dst = ids[step[1] % len(ids)], takers[step[2] % len(takers)]
        node = doc.graph.node(dst)
        doc.add_edge(src, dst, 0, step[3] % max(1, node.n_inputs))
    elif kind == "delete":
        doc.delete([ids[step[1] % len(ids)]])
    elif kind == "move":
        doc.move_nodes({ids[step[1] % len(ids)]: (float(step[2]), 1.0)})
    elif kind == "value":
        doc.set_attr(ids[step[1] % len(ids)], "value", step[2])
    elif kind == "copy_outputs":
        doc.set_attr(ids[step[1] % len(ids)], "outputs", step[2])
    elif kind == "rename":
        doc.set_label(ids[step[1] % len(ids)], step[2])
    elif kind == "output":
        doc.set_output(ids[step[1] % len(ids)])
    elif kind == "paste":
        nid = ids[step[1] % len(ids)]
        part = Graph()
        node = doc.graph.node(nid)
        part.add_node(node.op, nid, pos=node.pos, **node.attrs)
        doc.paste(part)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(edit, min_size=5, max_size=30))
def test_undo_all_restores_the_file_and_redo_all_the_final_one(qtbot, steps):
    doc = GraphDocument()
    doc.load_graph(load_example("gate-patterns"))  # fan-out, copy, max: orders matter
    original = dumps(doc.graph)
    for step in steps:
        # refused edits must leave no trace: the round trip below checks it
        with contextlib.suppress(GraphError):
            _apply(doc, step)
    final = dumps(doc.graph)
    final_values = {k: [np.asarray(v).tolist() for v in vs] for k, vs in doc.result.values.items()}
    n = doc.undo_stack.count()
    for _ in range(n):
        doc.undo_stack.undo()
    assert dumps(doc.graph) == original
    for _ in range(n):
        doc.undo_stack.redo()
    assert dumps(doc.graph) == final
    again = {k: [np.asarray(v).tolist() for v in vs] for k, vs in doc.result.values.items()}
    assert again == final_values


def test_readers_get_a_read_only_graph_and_edits_go_through_the_document(qtbot) -> None:
    doc = GraphDocument(load_example("add-mul"))
    graph = doc.graph
    assert graph.frozen
    for mutate in (
        lambda: graph.add_node("input"),
        lambda: graph.set_attr("x", "value", 7.0),
        lambda: graph.connect("f", "q"),
        lambda: graph.remove_node("x"),
        lambda: graph.set_pos("x", (0.0, 0.0)),
    ):
        with pytest.raises(GraphError, match="read-only"):
            mutate()
    assert float(doc.graph.node("x").attrs["value"]) == -2.0
    free = graph.copy()  # a copy is the reader's own
    free.set_attr("x", "value", 7.0)
    doc.add_node("neg")  # in place (no graph copied for an add); a reader's copy stays
    assert "neg1" in doc.graph
    assert "neg1" not in free
    doc.add_edge("x", "neg1")  # the other structural edits switch to a new graph
    assert doc.graph is not graph
    assert not any(e.dst == "neg1" for e in graph.edges)
    assert doc.graph.frozen
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert "neg1" not in doc.graph
    assert doc.graph.frozen
    assert not any(hasattr(doc, n) for n in ("apply_attr", "apply_positions", "restore_snapshot"))
    assert "connect" not in vars(GraphDocument)  # QObject.connect is not shadowed
    assert "disconnect" not in vars(GraphDocument)


def test_auto_layout_spaces_nodes_as_wide_as_the_canvas_draws_them(qtbot) -> None:
    from gradflow.core.geometry import NODE_WIDTH
    from gradflow.core.layout import estimated_size
    from gradflow.ui.canvas.node_item import NodeItem
    from gradflow.ui.canvas.style import LIGHT, Metrics

    graph = load_example("gate-patterns")
    for node in graph:
        item = NodeItem(node, LIGHT, Metrics())
        assert (item.rect().width(), item.rect().height()) == estimated_size(node)
    assert estimated_size(next(iter(graph)))[0] == NODE_WIDTH
