"""Select All on a big (lazy) canvas, then drag or export: every selected node takes part.

A 3,000-node chain with the real thresholds, so only the nodes near the view have
items (issue 11 item 7): a drag must move the far nodes too, as one undoable move, and
exporting the selection must not make an item per selected node.
"""

from __future__ import annotations

import numpy as np
import pytest
from canvas_support import drag
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QImage

from gradflow.core.graph import Graph
from gradflow.ui.canvas import scene_items
from gradflow.ui.export import export_png, export_svg

N = 3000


def _chain(n: int = N) -> Graph:
    g = Graph()
    g.add_node("input", "x0", value=0.5, pos=(0.0, 0.0))
    for i in range(1, n):
        g.add_node("neg", f"x{i}", pos=(200.0 * i, 40.0 * (i % 3)))
        g.connect(f"x{i - 1}", f"x{i}")
    return g


@pytest.fixture
def big(window, qtbot):
    """The window showing the chain at 100 % near x20, every node selected."""
    window.load_graph(_chain())
    scene = window.scene
    assert scene.live.lazy
    assert N > scene_items.LAZY_NODES
    x20 = QPointF(*scene.live.grid.position("x20"))

    def near_x20() -> bool:  # looked at again: show() queues a fit of the whole graph
        window.view.look_at(x20, 1.0)
        return "x20" in scene.live.nodes

    qtbot.waitUntil(near_x20)
    window.menu_actions["select_all"].trigger()
    assert len(window.workspace.selection) == N
    return window


def test_dragging_after_select_all_moves_every_node_and_one_undo_puts_them_back(big, qtbot):
    doc, scene = big.document, big.scene
    assert len(scene.live.nodes) < N // 2  # most nodes have no item
    before = {n.id: n.pos for n in doc.graph}
    commands = doc.undo_stack.count()
    item = scene.live.nodes["x20"]
    start = big.view.mapFromScene(item.sceneBoundingRect().center())
    drag(qtbot, big, start, start + QPoint(60, 40))
    dx = doc.graph.node("x20").pos[0] - before["x20"][0]
    dy = doc.graph.node("x20").pos[1] - before["x20"][1]
    assert abs(dx - 60) < 2
    assert abs(dy - 40) < 2
    for nid, (x, y) in before.items():
        assert doc.graph.node(nid).pos == (x + dx, y + dy), nid
    assert doc.undo_stack.count() == commands + 1  # one move for all of them
    assert scene.live.grid.position("x2999") == (x + dx, y + dy)  # the far ones are filed anew
    doc.undo_stack.undo()
    assert {n.id: n.pos for n in doc.graph} == before
    assert item.pos().x() == before["x20"][0]
    assert item.pos().y() == before["x20"][1]


@pytest.mark.parametrize("export", [export_png, export_svg])
def test_exporting_the_selection_makes_no_items_and_writes_the_picture(big, tmp_path, export):
    scene = big.scene
    items, made = len(scene.items()), scene.live.made
    path = tmp_path / f"selection.{export.__name__[-3:]}"
    export(scene, path, selection_only=True)
    assert len(scene.items()) == items
    assert scene.live.made == made
    assert path.stat().st_size > 1000
    if export is export_png:
        image = QImage(str(path))
        assert not image.isNull()
        assert max(image.width(), image.height()) <= 4096  # capped, like `gradflow render`
        # the chain runs left to right over the whole picture: drawn near both ends
        image = image.convertToFormat(QImage.Format.Format_ARGB32)
        w, h = image.width(), image.height()
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())
        pixels = rows[:, : 4 * w].reshape(h, w, 4)
        drawn = np.flatnonzero((pixels != pixels[0, 0]).any(axis=(0, 2)))
        assert drawn.size
        assert drawn[0] < w * 0.1
        assert drawn[-1] > w * 0.9
    assert len(big.workspace.selection) == N  # the selection is kept


def test_exporting_a_few_far_nodes_draws_those_only(big, tmp_path):
    scene = big.scene
    far = [f"x{i}" for i in range(1000, 1005)]
    assert not any(n in scene.live.nodes for n in far)  # held by id, no items
    scene.select_nodes(far)
    export_png(scene, tmp_path / "far.png", selection_only=True)
    image = QImage(str(tmp_path / "far.png"))
    # five nodes 200 units apart, at twice the scene's scale: not the 600,000-unit canvas
    assert 4 * 200 * 2 < image.width() < 6 * 200 * 2 + 400
    assert big.workspace.selection == tuple(far)
