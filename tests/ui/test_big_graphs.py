"""Big graphs in the window: items are made only for the region in view (issue 11 item 7).

The thresholds are lowered so a few hundred nodes behave like 100,000: what is checked
is how many items exist (a count, never a time) and that what is drawn is right.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt

from gradflow.core.fileformat import dumps
from gradflow.core.graph import Edge, Graph
from gradflow.ui.canvas import scene_items
from gradflow.ui.canvas.labels import number_text
from gradflow.ui.clipboard import clipboard_fragment

N = 400


@pytest.fixture
def small_thresholds(monkeypatch):
    """Lazy past 50 nodes, at most 40 nodes with items per region."""
    monkeypatch.setattr(scene_items, "LAZY_NODES", 50)
    monkeypatch.setattr(scene_items, "MAX_LIVE", 40)


def _chain(n: int = N) -> Graph:
    """x0 -> neg -> neg -> ..., laid out left to right, 200 units apart."""
    g = Graph()
    g.add_node("input", "x0", value=1.5, pos=(0.0, 0.0))
    for i in range(1, n):
        g.add_node("neg", f"x{i}", pos=(200.0 * i, 0.0))
        g.connect(f"x{i - 1}", f"x{i}")
    return g


def _region_of(window) -> QRectF:
    view = window.view
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return seen.adjusted(-seen.width(), -seen.height(), seen.width(), seen.height())


def test_fit_on_a_big_graph_makes_no_items_and_draws_the_overview(
    window, qtbot, small_thresholds
) -> None:
    window.load_graph(_chain())
    scene = window.scene
    qtbot.waitUntil(lambda: not window.view._region_timer.isActive())
    assert scene.live.lazy
    assert scene.live.crowded
    assert scene.node_items() == []
    assert scene.edges() == []
    assert scene.overview_item.scene() is scene
    # the whole chain is framed: Fit works from the positions
    rect = scene.items_rect()
    assert rect.left() < 0 < 200 * (N - 1) < rect.right()


def test_zooming_in_makes_the_items_of_the_visible_part_only(
    window, qtbot, small_thresholds
) -> None:
    window.load_graph(_chain())
    scene, doc = window.scene, window.document
    window.view.look_at(scene.node_item("x200").pos(), 1.0)
    qtbot.waitUntil(lambda: len(scene.node_items()) > 5)
    region = _region_of(window)
    live = {item.node_id for item in scene.node_items()}
    assert len(live) <= scene_items.MAX_LIVE + 1
    inside = {f"x{i}" for i in range(N) if region.left() <= 200 * i <= region.right()}
    assert inside <= live  # every node of the region, and only a few others
    assert len(live - inside) <= 1  # x200, asked for before the view moved
    assert not scene.live.crowded
    # the wires between them carry the numbers of the state, like a small graph's
    state = window.workspace.current_state()
    for edge in scene.edges():
        assert edge.src in live
        assert edge.dst in live
        label = scene.edge_item(edge).value_label
        assert label.text()
        assert label.text() == number_text(state.edge_values[edge])
    assert Edge("x199", "x200") in scene.edges()
    assert float(doc.result.values["x200"][0]) == pytest.approx(1.5)  # 200 negations


def test_scrolling_far_away_keeps_the_number_of_items_bounded(
    window, qtbot, small_thresholds
) -> None:
    window.load_graph(_chain())
    scene = window.scene
    for i in range(20, N, 25):
        window.view.look_at(QPointF(*scene.live.grid.position(f"x{i}")), 1.0)
        qtbot.waitUntil(lambda i=i: f"x{i}" in scene.live.nodes)
        assert len(scene.node_items()) <= 2 * scene_items.MAX_LIVE + 1
    assert scene.live.made < 3 * N  # never anything like an item per node and wire


def test_a_far_node_gets_its_item_when_asked_and_edits_follow(
    window, qtbot, small_thresholds
) -> None:
    window.load_graph(_chain())
    scene, doc = window.scene, window.document
    far = scene.node_item("x390")  # no view looks there: made on demand
    assert far.node_id == "x390"
    assert far.pos().x() == pytest.approx(200 * 390)
    before = len(scene.node_items())
    new = doc.add_node("add", pos=(300.0, 400.0))
    assert new in scene.live.nodes
    assert len(scene.node_items()) == before + 1
    assert scene.node_item(new).problem is not None  # unwired: its badge says so
    doc.undo_stack.undo()
    assert new not in scene.live.nodes
    assert new not in doc.graph


def test_a_small_graph_still_gets_every_item(window, small_thresholds) -> None:
    window.load_graph(_chain(30))
    assert not window.scene.live.lazy
    assert len(window.scene.node_items()) == 30
    assert len(window.scene.edges()) == 29


def test_adding_an_unwired_node_copies_and_reruns_nothing(window, monkeypatch) -> None:
    """The add, its undo and its redo keep one graph and derive the run (counted)."""
    from gradflow.core import engine
    from gradflow.ui import document as document_module

    window.load_graph(_chain(300))
    doc = window.document
    graph = doc.graph
    copies, runs = [], []
    real_copy, real_run = Graph.copy, engine.run
    monkeypatch.setattr(Graph, "copy", lambda g: copies.append(g) or real_copy(g))
    monkeypatch.setattr(document_module, "run", lambda *a, **k: runs.append(a) or real_run(*a, **k))
    nid = doc.add_node("mul", pos=(100.0, 300.0))
    assert doc.graph is graph
    assert nid in graph
    assert doc.result.problems[nid] == "input a is not connected"
    doc.undo_stack.undo()
    assert nid not in doc.graph
    doc.undo_stack.redo()
    assert list(doc.graph.nodes)[-1] == nid  # back where it was: the order fixes the trace
    assert copies == []
    assert runs == []
    fresh = real_run(doc.graph, record=True, partial=True)
    assert dict(fresh.problems) == dict(doc.result.problems)
    assert fresh.output_note == doc.result.output_note
    assert len(fresh.trace) == len(doc.result.trace)
    # a wire is a real change: the graph is run again
    doc.add_edge("x299", nid)
    assert len(runs) == 1


def _look_at(window, qtbot, node_id: str) -> None:
    """Scroll the view to `node_id` and wait for its item."""
    scene = window.scene
    window.view.look_at(QPointF(*scene.live.grid.position(node_id)), 1.0)
    qtbot.waitUntil(lambda: node_id in scene.live.nodes)


def test_select_all_on_a_big_graph_selects_every_node_without_an_item_each(
    window, qtbot, small_thresholds
) -> None:
    window.load_graph(_chain())
    scene, doc = window.scene, window.document
    _look_at(window, qtbot, "x20")
    items = len(scene.node_items())
    window.menu_actions["select_all"].trigger()
    every = tuple(f"x{i}" for i in range(N))
    assert window.workspace.selection == every
    assert scene.selected_node_ids() == list(every)
    assert set(scene.selected_edges()) == set(doc.graph.edges)
    assert len(scene.node_items()) == items  # held by id: no item was made for the rest
    assert all(item.isSelected() for item in scene.node_items())
    window.menu_actions["copy"].trigger()
    copied = clipboard_fragment()
    assert copied is not None
    assert list(copied.nodes) == list(every)
    assert len(copied.edges) == N - 1


def test_select_all_then_delete_removes_every_node_and_undo_restores_them(
    window, qtbot, small_thresholds
) -> None:
    window.load_graph(_chain())
    doc = window.document
    _look_at(window, qtbot, "x20")
    before, commands = dumps(doc.graph), doc.undo_stack.count()
    window.menu_actions["select_all"].trigger()
    window.menu_actions["delete"].trigger()
    assert len(doc.graph.nodes) == 0
    assert doc.graph.edges == ()
    assert window.workspace.selection == ()
    assert doc.undo_stack.count() == commands + 1  # one command for all of them
    window.menu_actions["undo"].trigger()
    assert dumps(doc.graph) == before


def test_an_item_scrolled_into_view_after_select_all_shows_as_selected(
    window, qtbot, small_thresholds
) -> None:
    window.load_graph(_chain())
    scene = window.scene
    _look_at(window, qtbot, "x20")
    window.menu_actions["select_all"].trigger()
    for i in range(60, 301, 40):  # far enough that the first items are forgotten on the way
        _look_at(window, qtbot, f"x{i}")
    assert "x300" in scene.live.nodes
    assert scene.live.nodes["x300"].isSelected()
    assert scene.edge_item(Edge("x299", "x300")).isSelected()
    assert "x20" not in scene.live.nodes  # forgotten while selected: still selected by id
    assert len(scene.node_items()) <= 2 * scene_items.MAX_LIVE + 1
    assert window.workspace.selection == tuple(f"x{i}" for i in range(N))


def test_a_click_after_select_all_on_a_big_graph_selects_that_node_only(
    window, qtbot, small_thresholds
) -> None:
    window.load_graph(_chain())
    scene = window.scene
    _look_at(window, qtbot, "x20")
    window.menu_actions["select_all"].trigger()
    item = scene.live.nodes["x20"]
    centre = window.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.workspace.selection == ("x20",)
    assert scene.selected_edges() == []
    # and a click on empty canvas selects nothing, far nodes included
    window.menu_actions["select_all"].trigger()
    empty = window.view.mapFromScene(item.sceneBoundingRect().center() + QPointF(0, 300))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    assert window.workspace.selection == ()
    window.menu_actions["delete"].trigger()
    assert len(window.document.graph.nodes) == N
