"""View > Neuron View: the network graph as units and weight lines, for the trace the
player walks - circles per layer, one line per weight, widths monotone in |value|, dW
from the backward step of each layer's matmul; disabled (saying why) where it cannot draw."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.examples import load_example
from gradflow.core.neuron_net import MAX_UNITS, find_network, line_width, refusal
from gradflow.nn.mlp import MLP


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
