"""The inspector writes the selected node's formula in terms of the inputs."""

from __future__ import annotations

from gradflow.core.expression import build


def test_the_inspector_shows_what_the_selected_node_computes(qtbot, window):
    window.load_graph(build("x = -2; y = 5; z = -4; f = (x + y) * z"))
    window.scene.select_nodes(["f"])
    assert window.inspector.computes.text() == "f = (x + y) * z"
    window.scene.select_nodes(["add1"])
    assert window.inspector.computes.text() == "add1 = x + y"
    window.scene.select_nodes(["x"])
    assert window.inspector.computes.text() == "x = -2"
