"""One number rule: canvas, caption, inspector and CLI agree; View ▸ Precision; short names."""

from __future__ import annotations

import numpy as np

from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.core.formatting import format_number
from gradflow.core.graph import Edge
from gradflow.core.ops import REGISTRY
from gradflow.core.report import trace_lines


def _vector_l2(window):
    window.load_graph(load_example("vector-l2"))
    return window


def test_default_precision_prints_the_lectures_figures():
    assert [format_number(x) for x in (-0.11155, 0.63621, 0.048412)] == [
        "-0.112",
        "0.636",
        "0.0484",
    ]
    assert format_number(-0.0) == "0"
    assert format_number(-1e-300 * 1e-300) == "0"  # underflows to -0.0
    assert format_number(999.6) == "1000"  # whole numbers written out, not 1e3


def test_canvas_caption_inspector_and_cli_write_the_same_number(qtbot, window):
    window.load_graph(load_example("sigmoid-neuron"))
    graph = window.document.graph
    edge = next(e for e in graph.edges if e.dst == "f")  # 1 + e^−z → f carries 1.37
    label = window.scene.edge_item(edge).value_label.text()
    assert label == "1.37"
    trace = run(graph).trace
    k = next(s.index for s in trace.forward if s.node == "f") + 1
    window.player.controller.seek(k)
    assert "1/1.37 = 0.731" in window.player.caption.text()
    window.workspace.set_selection(["f"])
    assert "0.731" in window.inspector.step.text()
    assert any("1/1.37 = 0.731" in line for line in trace_lines(run(graph), graph))


def test_view_precision_changes_every_number_and_is_remembered(qtbot, window, make_window):
    window.load_graph(load_example("sigmoid-neuron"))
    edge = next(e for e in window.document.graph.edges if e.dst == "f")
    label = window.scene.edge_item(edge).value_label
    window.player.controller.seek(13)
    window.precision.actions[5].trigger()
    assert label.text() == "1.3679"
    assert "0.73106" in window.player.caption.text()
    window.precision.actions[2].trigger()
    assert label.text() == "1.4"
    assert window.precision.actions[2].isChecked()
    assert window.workspace.display.precision == 2
    again = make_window(show=False)
    assert again.precision.digits == 2  # QSettings
    assert again.workspace.display.precision == 2
    assert again.precision.actions[2].isChecked()


def test_leaf_cards_follow_the_precision(qtbot, window):
    doc = window.document
    nid = doc.add_node("input", pos=(0.0, 0.0), value=0.636213)
    card = window.scene.node_item(nid)
    assert card.texts() == ("x1", "= 0.636")  # "input = 0.636" would not fit
    window.precision.set_digits(6)
    assert card.texts() == ("x1", "= 0.636213")
    doc.set_attr(nid, "value", 2.0)
    assert card.texts() == ("x1", "input = 2")


def test_no_fresh_node_shows_an_ellipsis(qtbot, window):
    doc = window.document
    for op in REGISTRY:
        nid = doc.add_node(op, pos=(0.0, 0.0))
        symbol, title = window.scene.node_item(nid).texts()
        assert "…" not in symbol + title, (op, symbol, title)
    assert "x1" in doc.graph
    assert "c1" in doc.graph


def test_tensor_previews_use_the_same_digits(qtbot, window):
    _vector_l2(window)
    out = window.document.graph.in_edges("f")[0]
    assert window.scene.edge_item(out).value_label.text() == "[0.0484, 0.0676]"
    assert isinstance(out, Edge)
    assert np.isclose(run(window.document.graph).value("f"), 0.116)


def test_tensors_on_wires_are_heat_map_tiles_with_exact_numbers_on_hover(qtbot, window):
    _vector_l2(window)
    graph = window.document.graph
    w_wire = graph.in_edges("q")[0]  # W (2x2) into the matmul
    item = window.scene.edge_item(w_wire)
    value, grad = item.value_label, item.grad_label
    assert value.text() == "2×2"  # the shape label
    assert grad.text() == "2×2"
    assert value.tile().shape == (2, 2)
    assert "0.1" in value.toolTip()
    assert "0.088" in grad.toolTip()  # the exact gradient on hover
    from gradflow.ui.canvas.tensor_tile import cell_colour

    base = window.scene.theme.label_bg
    assert cell_colour(1.0, 1.0, "value", base) != cell_colour(1.0, 1.0, "grad", base)
    assert cell_colour(0.0, 1.0, "grad", base).rgb() == base.rgb()  # centred on 0
    out = graph.in_edges("f")[0]  # a 2-vector stays numbers
    assert window.scene.edge_item(out).value_label.tile() is None
