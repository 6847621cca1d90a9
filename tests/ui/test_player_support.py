"""Test support shared by the player tests (no tests here): a window with the player."""

from __future__ import annotations

from gradflow.core.examples import load_example
from gradflow.ui.player import PlayerDock


def make_player(make_window, example: str = "add-mul"):
    """(window, dock) on `example`: a window from the shared `make_window` fixture
    (tests/ui/conftest.py: private settings, no blocking dialog), not shown."""
    window = make_window(show=False)
    window.load_graph(load_example(example))
    dock: PlayerDock = window.player
    return window, dock


def wire_texts(window) -> dict[str, tuple[str, str]]:
    """Every wire's (value, gradient) text as the canvas shows it, keyed 'src→dst:port'."""
    out = {}
    for e in window.document.graph.edges:
        item = window.scene.edge_item(e)
        out[f"{e.src}→{e.dst}:{e.dst_port}"] = (item.value_label.text(), item.grad_label.text())
    for node in window.document.graph:
        item = window.scene.node_item(node.id)
        out[f"{node.id}·out"] = (item.value_label.text(), item.grad_label.text())
    return out
