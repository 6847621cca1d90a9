"""Auto-layout (core, pure) and the GUI entry point `gradflow.app.launch`."""

from __future__ import annotations

import contextlib
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gradflow import app
from gradflow.core.errors import GraphError
from gradflow.core.examples import example_names, load_example
from gradflow.core.graph import Graph
from gradflow.core.layout import auto_layout, depths, estimated_size


def _boxes(graph: Graph, pos: dict) -> dict[str, tuple[float, float, float, float]]:
    out = {}
    for nid, (x, y) in pos.items():
        w, h = estimated_size(graph.nodes[nid])
        out[nid] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return out


def _check(graph: Graph) -> None:
    pos = auto_layout(graph)
    assert sorted(pos) == sorted(graph.nodes)
    for e in graph.edges:
        assert pos[e.src][0] < pos[e.dst][0]  # left to right
    boxes = _boxes(graph, pos)
    for a, b in itertools.combinations(boxes.values(), 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


@pytest.mark.parametrize("name", example_names())
def test_examples_lay_out_left_to_right_without_overlaps(name):
    _check(load_example(name))


def test_depth_is_the_longest_path_from_a_source():
    g = Graph()
    for nid in ("a", "b"):
        g.add_node("input", nid)
    g.add_node("neg", "n")
    g.add_node("add", "s")
    g.connect("a", "n")
    g.connect("n", "s")
    g.connect("b", "s", 0, 1)
    assert depths(g) == {"a": 0, "b": 0, "n": 1, "s": 2}
    pos = auto_layout(g)
    assert pos["b"][0] == pos["n"][0]  # a source stands next to its first consumer
    assert pos["n"][1] < pos["b"][1]  # n feeds s's upper port: no crossing
    assert auto_layout(g) == pos  # deterministic


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=40))
def test_random_graphs_never_overlap(pairs):
    g = Graph()
    for i in range(8):
        g.add_node("input" if i < 3 else "add", f"n{i}")
    for a, b in pairs:
        src, dst = f"n{a % 8}", f"n{b % 8}"
        free = [p for p, e in enumerate(g.in_edges(dst)) if e is None]
        if free and g.nodes[dst].op == "add":
            with contextlib.suppress(GraphError):  # cycles are simply skipped
                g.connect(src, dst, 0, free[0])
    _check(g)


def test_launch_with_a_bad_target_prints_one_line_and_returns_2(capsys):
    assert app.launch("no-such-example") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith('gradflow: error: no file or example named "no-such-example"')


def test_launch_opens_the_sigmoid_neuron_by_default(qtbot, capsys):
    from gradflow.ui.main_window import MainWindow

    opened: list[MainWindow] = []

    def close_it() -> None:
        opened.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        QApplication.instance().quit()

    QTimer.singleShot(0, close_it)
    assert app.launch(None) == 0
    assert len(opened) == 1
    window = opened[0]
    assert window.document.graph.title == "A 2-D sigmoid neuron"
    assert window.objectName() == "mainWindow"
    assert window.view.objectName() == "canvas"
    window.close()
    window.deleteLater()
    assert capsys.readouterr().err == ""
