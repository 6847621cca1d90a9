"""Tests for incremental canvas updates: a step or an edit touches only the labels it changes."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.examples import load_example
from gradflow.core.graph import Edge
from gradflow.core.playback import state_at
from gradflow.ui.canvas.number_diff import changed_numbers, same_text


@pytest.fixture
def touched(monkeypatch):
    """The labels whose set_value is called, in order (the calls still happen)."""
    from gradflow.ui.canvas.label_item import LabelItem

    calls: list[LabelItem] = []
    original = LabelItem.set_value

    def spy(self, value):
        calls.append(self)
        original(self, value)

    monkeypatch.setattr(LabelItem, "set_value", spy)
    return calls


def _labels_of(scene) -> dict[object, str]:
    out = {}
    for e in scene.edges():
        item = scene.edge_item(e)
        out[item.value_label] = f"value {e.src}→{e.dst}"
        out[item.grad_label] = f"grad {e.src}→{e.dst}"
    for node in scene.node_items():
        out[node.value_label] = f"value {node.node_id}·out"
        out[node.grad_label] = f"grad {node.node_id}·out"
    return out


def test_a_step_touches_only_the_labels_it_reveals(window, touched) -> None:
    window.load_graph(load_example("gate-patterns"))
    scene, doc = window.scene, window.document
    trace, edges = doc.result.trace, doc.graph.edges
    names = _labels_of(scene)
    for k in range(1, len(trace) + 1):
        scene.show_state(state_at(trace, edges, k - 1))
        touched.clear()
        scene.show_state(state_at(trace, edges, k))
        step = trace.steps[k - 1]
        if hasattr(step, "downstream"):  # backward: the gradients sent down its inputs
            expected = {f"grad {e.src}→{e.dst}" for e, _g in step.downstream}
        else:  # forward: the value it sends along each output wire
            expected = {f"value {e.src}→{e.dst}" for e in doc.graph.out_edges(step.node)}
        sink_caption = not doc.graph.out_edges(step.node)
        got = {names[label] for label in touched}
        assert {n for n in got if "·out" not in n} == expected
        assert all(n.endswith(f"{step.node}·out") for n in got if "·out" in n)
        assert sink_caption or not any("·out" in n for n in got)


def test_showing_the_same_state_again_touches_nothing(window, touched) -> None:
    window.load_graph(load_example("add-mul"))
    window.workspace.refresh_state()
    touched.clear()
    window.workspace.refresh_state()  # a new PlaybackState with the same arrays
    assert touched == []


def test_an_edit_touches_only_numbers_whose_text_changes(window, touched) -> None:
    window.load_graph(load_example("add-mul"))  # f = (x + y) · z, x=-2 y=5 z=-4
    scene = window.scene
    before = {str(e): scene.edge_item(e).value_label.text() for e in scene.edges()}
    touched.clear()
    window.document.set_attr("z", "value", 3.0)
    names = _labels_of(scene)
    got = {names[label] for label in touched}
    # z's value and the product change; x, y, q (= 3) stay; gradients into x, y, z change
    assert "value z→f" in got
    assert "value x→q" not in got
    assert "value q→f" not in got
    assert scene.edge_item(Edge("z", "f", 0, 1)).value_label.text() == "3"
    after = {str(e): scene.edge_item(e).value_label.text() for e in scene.edges()}
    assert {k for k in after if after[k] != before[k]} == {str(Edge("z", "f", 0, 1))}


def test_hiding_values_hides_every_value_label_and_showing_brings_them_back(window) -> None:
    window.load_graph(load_example("add-mul"))
    scene = window.scene
    shown = {str(e): scene.edge_item(e).value_label.text() for e in scene.edges()}
    scene.set_display(False, True)
    assert all(scene.edge_item(e).value_label.text() == "" for e in scene.edges())
    assert scene.edge_item(Edge("q", "f")).grad_label.text() != ""
    scene.set_display(True, True)
    assert {str(e): scene.edge_item(e).value_label.text() for e in scene.edges()} == shown


def test_same_text_compares_what_a_label_writes() -> None:
    a = np.array(1.5)
    assert same_text(a, np.array(1.5))
    assert not same_text(a, np.array(2.5))
    assert not same_text(np.array(0.0), np.array(-0.0))  # written "0" and "-0"
    assert not same_text(a, np.array([1.5]))
    assert not same_text(np.array([1.0, 9.0, 3.0]), np.array([1.0, 7.0, 0.0]))  # the tile
    assert not same_text(np.array([1.0, 9.0, 3.0]), np.array([2.0, 9.0, 3.0]))
    assert not same_text(np.array([1.0, 2.0]), np.array([1.0, 3.0]))  # written in full


def test_changed_numbers_reports_new_changed_and_gone_keys() -> None:
    a, b, c = np.array(1.0), np.array(2.0), np.array(3.0)
    changes, shown = changed_numbers({}, {"a": a, "b": b})
    assert changes == [("a", a), ("b", b)]
    assert changed_numbers(shown, {"a": a, "b": b})[0] == []
    assert changed_numbers(shown, {"a": np.array(1.0), "b": b})[0] == []  # same text
    assert changed_numbers(shown, {"a": a, "b": b, "c": c})[0] == [("c", c)]  # a step on
    assert changed_numbers(shown, {"a": a})[0] == [("b", None)]  # a step back
    changes, shown = changed_numbers(shown, {"b": c})  # another order: looked up by key
    assert changes == [("b", c), ("a", None)]
    assert shown == {"b": c}
    changes, _ = changed_numbers({"x": a, "y": b}, {"y": b, "x": c})
    assert changes == [("x", c)]


def test_same_text_implies_the_same_label_text() -> None:
    # number_diff skips a label when same_text holds: that must mean number_text agrees
    from gradflow.ui.canvas.labels import number_text

    rng = np.random.default_rng(0)
    shapes = [(), (1,), (2,), (3,), (2, 2), (4, 3)]
    arrays = []
    for shape in shapes:
        for _ in range(6):
            a = rng.choice([0.0, -0.0, 1.5, 2.0, 1e-9, 123456.0], size=shape)
            arrays.append(np.asarray(a, dtype=float))
    for a in arrays:
        for b in arrays:
            if same_text(a, b):
                assert number_text(a) == number_text(b)


def test_a_tensor_output_caption_is_shown_and_follows_the_display(window) -> None:
    from gradflow.core.graph import Graph

    g = Graph()
    v = g.add_node("input", "v", value=np.array([1.0, 2.0, 3.0]))  # a sink: its stub shows it
    window.load_graph(g)
    label = window.scene.node_item(v).value_label
    assert label.text() == "3"  # the shape over its heat-map tile
    assert label.tile() is not None
    window.scene.set_display(False, True)
    assert label.text() == ""
    window.scene.set_display(True, True)
    assert label.text() == "3"


def _on_screen(qtbot, window):
    """The canvas as last painted (the offscreen backing store), after pending events."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    window.minimap.flush()  # its picture follows a graph change 120 ms later: not mid-test
    for _ in range(3):  # queued updates, then the zero timers they start (no sleeping)
        QApplication.processEvents()
    view = window.view.viewport()
    top_left = view.mapTo(window, view.rect().topLeft())
    image = QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage()
    return image.copy(top_left.x(), top_left.y(), view.width(), view.height())


def test_partial_repaints_match_a_full_repaint(qtbot, window) -> None:
    from gradflow.core.graph import Graph

    window.load_graph(Graph())  # the empty canvas shows its hint across the view
    window.view.viewport().repaint()
    empty = _on_screen(qtbot, window)
    window.document.add_node("input", pos=(0.0, 0.0))  # hint gone, though far from the node
    incremental = _on_screen(qtbot, window)
    window.view.viewport().repaint()
    assert incremental == _on_screen(qtbot, window)
    assert incremental != empty
    window.load_graph(load_example("add-mul"))
    window.view.viewport().repaint()
    _on_screen(qtbot, window)
    window.document.set_attr("z", "value", 7.0)  # numbers change on some wires only
    incremental = _on_screen(qtbot, window)
    window.view.viewport().repaint()
    assert incremental == _on_screen(qtbot, window)


def test_player_steps_repainted_in_part_match_a_full_repaint(qtbot, window) -> None:
    window.load_graph(load_example("gate-patterns"))
    dock = window.player
    dock.driver.animate = False  # numbers and the lit node change at once
    window.camera.duration_ms = 0  # and the camera jumps: the view holds still between grabs
    dock.controller.seek(0)
    window.view.viewport().repaint()
    _on_screen(qtbot, window)
    for _ in range(6):
        dock.controller.step_forward()
        incremental = _on_screen(qtbot, window)
        window.view.viewport().repaint()
        assert incremental == _on_screen(qtbot, window)
    dock.controller.seek(2)  # stepping back hides numbers again
    incremental = _on_screen(qtbot, window)
    window.view.viewport().repaint()
    assert incremental == _on_screen(qtbot, window)
    dock.driver.animate = True  # pulses travel, then the numbers appear where they land
    for _ in range(4):
        dock.controller.step_forward()
        _on_screen(qtbot, window)
        dock.driver.animator.finish()
        incremental = _on_screen(qtbot, window)
        window.view.viewport().repaint()
        assert incremental == _on_screen(qtbot, window)


def _wide_graph():
    """A chain of 40 adds, each also fed by its own input: far wider than the view at
    100 % zoom; x, at the left end, changes every value along it."""
    from gradflow.core.graph import Graph

    g = Graph()
    prev = g.add_node("input", "x", value=0.5)
    g.set_pos(prev, (0.0, 0.0))
    for i in range(1, 41):
        leaf = g.add_node("input", f"c{i}", value=float(i))
        nid = g.add_node("add")
        g.connect(prev, nid)
        g.connect(leaf, nid, 0, 1)
        g.set_pos(leaf, (i * 260.0 - 130.0, 140.0))
        g.set_pos(nid, (i * 260.0, 0.0))
        prev = nid
    g.set_output(prev)
    return g


def _redrawn_from_scratch(qtbot, window):
    """The canvas painted with the background and the wires drawn afresh (not blitted)."""
    window.view.resetCachedContent()
    window.scene.wires._picture = None  # what invalidate() must do whenever a wire changes
    window.view.viewport().repaint()
    return _on_screen(qtbot, window)


def test_numbers_out_of_view_are_right_when_scrolled_into_view(qtbot, window) -> None:
    window.load_graph(_wide_graph())
    view, scene = window.view, window.scene
    view.reset_zoom()
    view.centerOn(scene.node_item("x").scenePos())
    _on_screen(qtbot, window)
    edges = scene.edges()
    chain = [e for e in edges if not e.src.startswith("c")]  # x's value runs along these
    far = max(chain, key=lambda e: scene.edge_item(e).label_anchor().x())
    far_box = view.mapFromScene(scene.edge_item(far).value_label.sceneBoundingRect())
    assert not view.viewport().rect().intersects(far_box.boundingRect())  # out of view
    before = scene.edge_item(far).value_label.text()
    window.document.set_attr("x", "value", 2.0)  # every number on the chain changes
    incremental = _on_screen(qtbot, window)
    assert incremental == _redrawn_from_scratch(qtbot, window)
    label = scene.edge_item(far).value_label
    assert label.text() != before  # asked for, an unseen number is up to date
    state = window.workspace.current_state()
    from gradflow.ui.canvas.labels import number_text

    for e in edges:  # every label says what the state says, in view or not
        assert scene.edge_item(e).value_label.text() == number_text(state.edge_values[e])
        assert scene.edge_item(e).grad_label.text() == number_text(state.edge_grads[e])
    window.document.set_attr("x", "value", -3.0)
    _on_screen(qtbot, window)
    for step in range(1, 6):  # scroll the far end into view, half a screenful at a time
        view.horizontalScrollBar().setValue(
            view.horizontalScrollBar().value() + view.viewport().width() // 2
        )
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + (-1) ** step * 37)
        incremental = _on_screen(qtbot, window)
        assert incremental == _redrawn_from_scratch(qtbot, window), f"scroll {step}"


def test_cached_wires_and_background_follow_every_change(qtbot, window) -> None:
    from gradflow.ui.canvas.style import DARK

    window.load_graph(load_example("add-mul"))
    view, scene = window.view, window.scene
    _on_screen(qtbot, window)
    window.document.move_nodes({"z": (80.0, 260.0)})  # its wire is re-routed
    assert _on_screen(qtbot, window) == _redrawn_from_scratch(qtbot, window)
    scene.set_grid_visible(False)
    assert _on_screen(qtbot, window) == _redrawn_from_scratch(qtbot, window)
    scene.set_grid_visible(True)
    scene.set_theme(DARK)
    assert _on_screen(qtbot, window) == _redrawn_from_scratch(qtbot, window)
    for factor in (0.3, 0.5, 4.0):  # the grid hides when zoomed far out
        view.zoom_by(factor)
        assert _on_screen(qtbot, window) == _redrawn_from_scratch(qtbot, window)
