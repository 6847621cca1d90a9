"""View > Neuron View: the network graph as units and weight lines, for the trace the
player walks - circles per layer, one line per weight, widths monotone in |value|, dW
from the backward step of each layer's matmul; disabled (saying why) where it cannot draw."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gradflow.core.examples import load_example
from gradflow.core.formatting import format_number
from gradflow.core.neuron_net import MAX_UNITS, find_network, line_width, refusal
from gradflow.core.neuron_parts import parts
from gradflow.nn.mlp import MLP
from gradflow.ui.canvas.style import THEMES
from gradflow.ui.neuron_view import COLOURS


def _network(sizes=(2, 8, 3)):
    return MLP(list(sizes), seed=0).graph_for(np.array([[0.5, -0.2]]), np.array([1]))


def _shown(qtbot, window, graph):
    window.load_graph(graph)
    neuron = window.neuron
    neuron.view.duration_ms = 0  # the looks at once: what they end on is tested
    window.player.driver.animate = False  # steps at once
    assert neuron.toggle.isEnabled()
    neuron.toggle.trigger()
    assert neuron.showing
    assert window.centralWidget().currentWidget() is neuron.panel
    return neuron.view


def _step_to(window, predicate) -> int:
    controller = window.player.controller
    controller.to_start()
    trace = window.workspace.trace
    for k in range(1, controller.length + 1):
        controller.step_forward()
        if predicate(trace.steps[k - 1], k):
            return k
    raise AssertionError("no such step")


def test_circles_per_layer_and_one_line_per_weight(qtbot, window):
    view = _shown(qtbot, window, _network())
    assert [len(layer) for layer in view.units] == [2, 8, 3]
    assert len(view.lines) == 2 * 8 + 8 * 3
    pairs = {(line.gap, line.i, line.j) for line in view.lines}
    assert len(pairs) == len(view.lines)


def test_line_width_grows_with_the_weight_s_size(qtbot, window):
    graph = _network()
    view = _shown(qtbot, window, graph)
    window.player.controller.to_start()  # forward: every line shows W
    assert {line.shows for line in view.lines} == {"W"}
    w1 = graph.nodes["W1"].attrs["value"]
    for line in view.lines:
        w = graph.nodes[f"W{line.gap + 1}"].attrs["value"]
        assert line.value == pytest.approx(w[line.i, line.j])
    first = sorted((line for line in view.lines if line.gap == 0), key=lambda ln: abs(ln.value))
    widths = [line.pen().widthF() for line in first]
    assert widths == sorted(widths)
    assert widths[0] < widths[-1]
    assert len(first) == w1.size
    assert line_width(0.0, 1.0) < line_width(0.3, 1.0) < line_width(0.9, 1.0)


def test_a_backward_step_shows_the_dw_the_trace_computed(qtbot, window):
    graph = _network()
    view = _shown(qtbot, window, graph)
    net = find_network(window.document.graph)
    k = _step_to(window, lambda step, _k: step.node == "XW2" and _k > len(graph))
    state = window.workspace.current_state()
    assert state.phase == "backward"
    dw2 = state.edge_grads[net.weight_edges[1]]
    layer2 = [line for line in view.lines if line.gap == 1]
    assert {line.shows for line in layer2} == {"dW"}
    for line in layer2:
        assert line.value == dw2[line.i, line.j]
    layer1 = [line for line in view.lines if line.gap == 0]
    assert {line.shows for line in layer1} == {"W"}  # its matmul's step is still to come
    dw2_trace = window.workspace.trace.steps[k - 1]
    assert dw2_trace.node == "XW2"
    full = window.document.result.grads["W2"][0]
    np.testing.assert_allclose(dw2, full)  # the gradient the whole run gives W2
    window.player.controller.step_back()
    assert {line.shows for line in view.lines if line.gap == 1} == {"W"}


def test_switching_back_shows_the_op_graph(qtbot, window):
    _shown(qtbot, window, _network())
    window.neuron.toggle.trigger()
    assert not window.neuron.showing
    assert window.centralWidget().currentWidget() is window.view


def test_more_than_8_units_disables_the_toggle_saying_why(qtbot, window):
    window.load_graph(_network((2, 16, 3)))
    toggle = window.neuron.toggle
    assert not toggle.isEnabled()
    assert "16" in toggle.toolTip()
    assert str(MAX_UNITS) in toggle.toolTip()
    assert refusal(window.document.graph) == toggle.toolTip()


def test_a_graph_that_is_no_network_disables_the_toggle(qtbot, window):
    _shown(qtbot, window, _network())
    window.load_graph(load_example("add-mul"))
    assert not window.neuron.toggle.isEnabled()
    assert not window.neuron.showing  # back on the op graph
    assert "Open network as graph" in window.neuron.toggle.toolTip()


def _batch_network(samples=3):
    x = np.array([[0.5, -0.2], [0.1, 0.3], [-0.7, 0.9]])[:samples]
    return MLP([2, 8, 3], seed=0).graph_for(x, np.array([1, 2, 0])[:samples])


def _inside(band, point) -> bool:
    return band.sceneBoundingRect().contains(point)


def test_the_band_marks_the_part_the_canvas_s_active_node_belongs_to_at_every_step(qtbot, window):
    view = _shown(qtbot, window, _batch_network())
    where = parts(window.document.graph, find_network(window.document.graph))
    controller = window.player.controller
    controller.to_start()
    assert view.active_part is None
    seen = set()
    for _ in range(controller.length - 1):
        controller.step_forward()
        active = window.scene.active_node
        assert active is not None
        part = where[active]
        assert view.active_part == part
        seen.add(part.kind)
        if part.kind == "units":  # the whole column of circles is inside the band
            for circle in view.units[part.index]:
                assert _inside(view.band, circle.sceneBoundingRect().center())
            others = [c for k, col in enumerate(view.units) if k != part.index for c in col]
            assert not any(_inside(view.band, c.sceneBoundingRect().center()) for c in others)
        elif part.kind == "weights":  # the gap's lines cross the band, the others do not
            for line in view.lines:
                mid = line.mapToScene(line.line().center())
                assert _inside(view.band, mid) == (line.gap == part.index)
        node = window.document.graph.nodes[active].title
        assert node in view.description
        assert view.description == window.neuron.panel.step_label.text()
    assert seen == {"units", "weights", "loss"}
    controller.step_forward()  # the end: every number, no single step marked
    assert view.active_part is None


def test_choosing_sample_2_shows_that_sample_s_numbers_from_the_trace(qtbot, window):
    view = _shown(qtbot, window, _batch_network())
    panel = window.neuron.panel
    assert panel.sample_spin.isVisibleTo(panel)
    assert panel.sample_spin.maximum() == 3
    window.player.controller.to_end()
    state = window.workspace.current_state()
    h1, dh1 = state.node_values["h1"][0], state.node_grads["h1"][0]
    first = [text.text() for text, _ in view.unit_texts[1]]
    assert first == [format_number(v) for v in h1[0]]
    panel.sample_spin.setValue(2)
    assert view.sample == 1
    for k, nid in enumerate(("X", "h1", "scores")):
        values = state.node_values[nid][0]
        assert [text.text() for text, _ in view.unit_texts[k]] == [
            format_number(v) for v in values[1]
        ]
    # at the end the last gradient to reach layer 1 is dL/dz1, and its title says so
    dz1 = state.node_grads["z1"][0]
    assert [grad.text() for _, grad in view.unit_texts[1]] == [format_number(v) for v in dz1[1]]
    assert "dL/dz1" in view.titles[1].text()
    assert not np.array_equal(dz1[1], dh1[1])  # relu zeroes some: z1's gradient is meant
    assert "2 of 3" in panel.sample_label.text()
    assert first != [text.text() for text, _ in view.unit_texts[1]]


def test_one_sample_hides_the_selector_and_says_so(qtbot, window):
    _shown(qtbot, window, _batch_network(1))
    panel = window.neuron.panel
    assert not panel.sample_spin.isVisibleTo(panel)
    assert "one sample" in panel.sample_label.text()


def test_a_layer_shows_z_then_its_activation_as_the_forward_pass_reaches_them(qtbot, window):
    view = _shown(qtbot, window, _batch_network())
    state_of = window.workspace.current_state
    _step_to(window, lambda step, _k: step.node == "z1")
    z1 = state_of().node_values["z1"][0]
    assert [t.text() for t, _ in view.unit_texts[1]] == [format_number(v) for v in z1[0]]
    assert "z1" in view.titles[1].text()
    window.player.controller.step_forward()  # h1 = relu(z1)
    h1 = state_of().node_values["h1"][0]
    assert [t.text() for t, _ in view.unit_texts[1]] == [format_number(v) for v in h1[0]]
    assert "h1" in view.titles[1].text()


def test_dw_travels_back_along_each_line_from_the_unit_it_comes_from(qtbot, window):
    graph = _network()
    view = _shown(qtbot, window, graph)
    view.duration_ms = 300
    _step_to(window, lambda step, _k: step.node == "XW2" and _k > len(graph))
    assert view.animating
    view._anim.stop()
    view._on_anim_value_changed(0.5)  # half way through the sweep
    for line in view.lines:
        if line.gap == 1:  # switching to dW: the new look covers the half next to unit j
            front = line.front.line()
            assert line.front.isVisible()
            assert front.p1() == line.line().p2()
            assert front.length() == pytest.approx(line.line().length() / 2)
            assert line.front.pen().color() in COLOURS["dW"]
            assert line.pen().color() in COLOURS["W"]
        else:
            assert not line.front.isVisible()
    view._on_anim_value_changed(1.0)
    assert not any(line.front.isVisible() for line in view.lines)
    assert {line.pen().color().name() for line in view.lines if line.gap == 1} <= {
        c.name() for c in COLOURS["dW"]
    }
    view.duration_ms = 300
    window.player.controller.step_back()  # W comes back from unit i's end
    view._anim.stop()
    view._on_anim_value_changed(0.5)
    for line in (ln for ln in view.lines if ln.gap == 1):
        assert line.front.line().p1() == line.line().p1()


def test_the_dark_theme_redraws_the_view_in_its_colours(qtbot, window):
    view = _shown(qtbot, window, _batch_network())
    window.workspace.set_display(theme="dark")
    assert view.backgroundBrush().color() == THEMES["dark"].background
    circle = view.units[1][0]
    assert circle.pen().color() == THEMES["dark"].node_border
    text, grad = view.unit_texts[1][0]
    assert text.brush().color() == THEMES["dark"].node_text
    assert grad.brush().color() == THEMES["dark"].grad
    window.workspace.set_display(theme="light")
    assert view.backgroundBrush().color() == THEMES["light"].background


def test_arrow_keys_in_the_neuron_view_walk_the_player(qtbot, window):
    view = _shown(qtbot, window, _batch_network())
    window.player.controller.to_start()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    for k in range(1, 4):
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Right)
        assert window.workspace.current_state().step == k
    assert (
        view.active_part
        == parts(window.document.graph, find_network(window.document.graph))[
            window.scene.active_node
        ]
    )
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Left)
    assert window.workspace.current_state().step == 2


def test_hovering_a_line_or_a_unit_tells_its_exact_number(qtbot, window):
    graph = _batch_network()
    view = _shown(qtbot, window, graph)
    window.player.controller.to_start()
    w2 = window.document.graph.nodes["W2"].attrs["value"]
    line = next(ln for ln in view.lines if (ln.gap, ln.i, ln.j) == (1, 3, 2))
    assert line.toolTip().startswith(f"W2[4, 3] = {format_number(w2[3, 2], 6)}: ")
    assert "unit 4 of layer 1 to unit 3 of layer 2" in line.toolTip()
    assert view.units[1][3].toolTip() == ""  # nothing computed yet
    window.player.controller.to_end()
    dw2 = window.workspace.current_state().edge_grads[
        find_network(window.document.graph).weight_edges[1]
    ]
    assert line.toolTip().startswith(f"dW2[4, 3] = {format_number(dw2[3, 2], 6)}: ")
    view.set_sample(2)
    state = window.workspace.current_state()
    h1, dz1 = state.node_values["h1"][0][2, 3], state.node_grads["z1"][0][2, 3]
    assert view.units[1][3].toolTip().splitlines() == [
        f"value of h1 = relu: {format_number(h1, 6)}",
        f"gradient at z1: {format_number(dz1, 6)}",
    ]


def test_a_hidden_neuron_view_waits_until_shown_and_then_shows_the_present(qtbot, window):
    """While the window shows the op graph, edits and steps cost the neuron view nothing
    (it was rebuilt on every result change); shown again, it draws what is current."""
    graph = _network()
    window.load_graph(graph)
    view = window.neuron.view
    view.duration_ms = 0
    window.player.driver.animate = False
    assert not view.isVisible()
    assert view.net is None  # never drawn while hidden
    assert view.lines == []
    assert view.stale == "all"
    view = _shown(qtbot, window, graph)
    assert view.stale == ""
    assert len(view.lines) == 2 * 8 + 8 * 3
    window.neuron.toggle.trigger()  # back to the op graph
    assert not view.isVisible()
    lines = list(view.lines)
    controller = window.player.controller
    controller.to_start()
    _step_to(window, lambda step, _k: step.node == "XW2" and _k > len(graph))
    assert view.stale == "state"
    assert {line.shows for line in view.lines} == {"dW"}  # still the end it was hidden at
    window.neuron.toggle.trigger()
    assert view.stale == ""
    assert {line.shows for line in view.lines if line.gap == 1} == {"dW"}  # the present
    assert {line.shows for line in view.lines if line.gap == 0} == {"W"}
    assert view.active_part == parts(window.document.graph, view.net)["XW2"]
    window.neuron.toggle.trigger()
    w2 = window.document.graph.nodes["W2"].attrs["value"].copy()
    w2[0, 0] = 5.0
    window.document.set_attr("W2", "value", w2)  # an edit while hidden
    assert view.lines == lines  # not rebuilt yet
    assert view.stale == "all"
    window.neuron.toggle.trigger()
    assert view.lines != lines  # rebuilt, from the edited graph
    controller.to_start()
    first = next(line for line in view.lines if (line.gap, line.i, line.j) == (1, 0, 0))
    assert first.value == 5.0
