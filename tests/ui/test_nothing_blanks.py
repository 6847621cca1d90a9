"""Nothing blanks: opening, adding, deleting and unwired parts keep every computable number."""

from __future__ import annotations

from test_player_support import wire_texts

from gradflow.core.examples import example_names, load_example


def _blank_wires(window) -> list[str]:
    """Wires whose value or gradient the canvas does not show (a constant has no gradient)."""
    graph, texts = window.document.graph, wire_texts(window)
    blank = []
    for e in graph.edges:
        key = f"{e.src}→{e.dst}:{e.dst_port}"
        value, grad = texts[key]
        if not value or (not grad and graph.node(e.src).op != "const"):
            blank.append(key)
    return blank


def test_opening_after_stepping_shows_the_whole_run_with_the_playhead_at_the_end(qtbot, add_mul):
    player = add_mul.player
    player.controller.seek(3)
    assert add_mul.workspace.playhead == 3
    for name in example_names():
        add_mul.load_graph(load_example(name))
        assert add_mul.workspace.playhead is None
        assert player.controller.index == player.controller.length > 0
        assert _blank_wires(add_mul) == [], name


def test_an_unwired_node_keeps_the_gradients_of_the_connected_part(qtbot, add_mul):
    doc = add_mul.document
    doc.set_output(None)
    add_mul.player.controller.seek(4)
    doc.add_node("add", pos=(400.0, 400.0))  # dropped, not wired: a second end
    assert add_mul.workspace.playhead is None
    assert _blank_wires(add_mul) == []
    assert wire_texts(add_mul)["x→q:0"] == ("-2", "-4")
    assert add_mul.scene.node_item("add1").problem == "input a is not connected"
    assert add_mul.notice.text().startswith("ⓘ 2 ends and no output node named: using f")


def test_deleting_a_node_keeps_what_can_still_be_computed(qtbot, window):
    window.load_graph(load_example("gate-patterns"))
    before = wire_texts(window)
    graph = window.document.graph
    sink = graph.output_node()
    window.player.controller.seek(2)
    window.document.delete([sink])
    assert window.workspace.playhead is None
    after = wire_texts(window)
    kept = [e for e in window.document.graph.edges]
    assert kept
    for e in kept:  # every remaining wire still shows a value; the new output's branch its grads
        key = f"{e.src}→{e.dst}:{e.dst_port}"
        assert after[key][0] == before[key][0]
    assert any(g for v, g in after.values())
