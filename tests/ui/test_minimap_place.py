"""The minimap never hides a node: with a node under its bottom-right corner it moves to a
free corner (and comes back when the corner is free again); with no corner free it
takes the one covering least, never the active node, and turns see-through."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, QRect
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication

from gradflow.core.examples import example_names, load_example
from gradflow.core.graph import Graph
from gradflow.ui.canvas.minimap import CORNERS, OPAQUE, SEE_THROUGH, choose_corner

ZOOM = 1.0
FAR = (4000.0, 0.0)  # a node far to the right: part of the graph is out of view


def _graph(positions: dict[str, tuple[float, float]]) -> Graph:
    graph = Graph()
    for node_id, pos in positions.items():
        graph.add_node("input", node_id, pos=pos, value=1.0)
    return graph


def _open(qtbot, window, graph: Graph) -> None:
    window.resize(1280, 800)
    window.camera.duration_ms = 0
    window.load_graph(graph)
    qtbot.waitUntil(lambda: window.view.viewport().width() > 500)
    qtbot.waitUntil(lambda: not window.minimap.world_rect().isEmpty())  # measured


def _on_screen(window, node_id: str) -> QRect:
    """The node's rectangle in viewport pixels."""
    item = window.scene.node_item(node_id)
    return window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()


def _put_under(window, node_id: str, corner: str) -> None:
    """Move the view (zoom ZOOM) so that the node's centre is where the minimap sits in
    `corner`."""
    view, minimap = window.view, window.minimap
    port = view.viewport().rect()
    spot = minimap.corner_rect(corner).center()
    centre = window.scene.node_item(node_id).sceneBoundingRect().center()
    offset = QPointF(spot - port.center()) / ZOOM
    view.look_at(centre - offset, ZOOM)


def _hidden_nodes(window) -> list[str]:
    """The nodes on screen that the shown minimap covers (some pixel of)."""
    minimap = window.minimap
    if not minimap.isVisible():
        return []
    at = minimap.geometry()
    return [
        node_id
        for node_id in window.document.graph.nodes
        if _on_screen(window, node_id).intersects(at)
    ]


def test_choose_corner_takes_home_then_the_current_then_the_first_free() -> None:
    free = dict.fromkeys(CORNERS, 0.0)
    assert choose_corner(free, "top-left") == ("bottom-right", False)
    home_busy = {**free, "bottom-right": 50.0}
    assert choose_corner(home_busy, "bottom-right") == ("top-right", False)
    assert choose_corner(home_busy, "top-left") == ("top-left", False)  # stays put
    full = {"bottom-right": 9.0, "top-right": 4.0, "bottom-left": float("inf"), "top-left": 4.0}
    assert choose_corner(full, "bottom-right") == ("top-right", True)  # least, in order


def test_corners_are_asked_only_until_a_free_one_is_found(qtbot, window) -> None:
    _open(qtbot, window, _graph({"a": (0.0, 0.0), "under": (600.0, 400.0), "far": FAR}))
    minimap = window.minimap
    asked: list[QRect] = []
    covered = minimap.covered

    def counting(rect: QRect) -> float:
        asked.append(rect)
        return covered(rect)

    minimap.covered = counting  # what each placement asks the scene
    _put_under(window, "a", "top-left")  # home (bottom-right) is free
    qtbot.waitUntil(minimap.isVisible)
    asked.clear()
    window.view.horizontalScrollBar().setValue(window.view.horizontalScrollBar().value() + 1)
    assert asked == [minimap.corner_rect("bottom-right")]  # home free: the others not asked
    assert minimap.corner == "bottom-right"
    _put_under(window, "under", "bottom-right")
    asked.clear()
    window.view.horizontalScrollBar().setValue(window.view.horizontalScrollBar().value() + 1)
    assert minimap.corner == "top-right"  # home, then the corner it is in: the first free
    assert asked == [minimap.corner_rect(c) for c in ("bottom-right", "top-right")]


def test_a_node_under_the_minimaps_corner_stays_visible(qtbot, window) -> None:
    _open(qtbot, window, _graph({"a": (0.0, 0.0), "under": (600.0, 400.0), "far": FAR}))
    minimap, viewport = window.minimap, window.view.viewport()
    _put_under(window, "under", "bottom-right")
    qtbot.waitUntil(minimap.isVisible)  # "far" is out of view
    home = minimap.corner_rect("bottom-right")
    assert home.intersects(_on_screen(window, "under"))  # the node sits where it was drawn
    assert minimap.corner == "top-right"  # the first free corner
    assert not minimap.crowded
    assert minimap.opacity() == OPAQUE
    assert minimap.geometry() == minimap.corner_rect("top-right")
    assert _hidden_nodes(window) == []
    node = _on_screen(window, "under")
    assert viewport.childAt(node.center()) is None  # what is under the pointer: the node
    assert viewport.rect().contains(node.center())
    _put_under(window, "under", "top-right")  # now the node is where the minimap went
    qtbot.waitUntil(lambda: minimap.corner == "bottom-right")  # home is free again
    assert _hidden_nodes(window) == []
    _put_under(window, "under", "bottom-left")  # home is free: it stays there
    assert minimap.corner == "bottom-right"
    assert _hidden_nodes(window) == []


def test_a_moved_node_sends_the_minimap_away(qtbot, window) -> None:
    _open(qtbot, window, _graph({"a": (0.0, 0.0), "b": (200.0, 0.0), "far": FAR}))
    minimap, view = window.minimap, window.view
    view.look_at(window.scene.node_item("a").sceneBoundingRect().center(), ZOOM)
    qtbot.waitUntil(minimap.isVisible)
    assert minimap.corner == "bottom-right"
    spot = view.mapToScene(minimap.corner_rect("bottom-right").center())
    window.document.move_nodes({"b": (spot.x(), spot.y())})  # dragged under the minimap
    qtbot.waitUntil(lambda: minimap.corner != "bottom-right")
    assert _hidden_nodes(window) == []


def test_with_no_corner_free_it_tries_a_smaller_size_first(qtbot, window) -> None:
    corners = {c: f"n_{c}" for c in CORNERS}
    anchors = {"far1": (-3000.0, -2000.0), "far2": (3000.0, 2000.0)}  # the overview's extent
    _open(qtbot, window, _graph({**{n: (0.0, 0.0) for n in corners.values()}, **anchors}))
    minimap, view = window.minimap, window.view
    view.look_at(QPointF(0.0, 0.0), ZOOM)
    qtbot.waitUntil(minimap.isVisible)
    full = minimap.full_size
    for _ in range(3):  # each node's centre onto the inner corner of a full-size one
        moves = {}
        for corner, node_id in corners.items():
            rect = minimap.corner_rect(corner, full)
            inner = QPointF(
                rect.left() if corner.endswith("right") else rect.right(),
                rect.top() if corner.startswith("bottom") else rect.bottom(),
            )
            item = window.scene.node_item(node_id)
            delta = view.mapToScene(inner.toPoint()) - item.sceneBoundingRect().center()
            pos = window.document.graph.nodes[node_id].pos
            moves[node_id] = (pos[0] + delta.x(), pos[1] + delta.y())
        window.document.move_nodes(moves)  # (the scene's rect, and so the view, may shift)
        view.look_at(QPointF(0.0, 0.0), ZOOM)
        minimap.flush()
    qtbot.waitUntil(lambda: minimap.size() != full)
    assert minimap.full_size == full  # the graph's extent is the anchors'
    assert all(minimap.covered(minimap.corner_rect(c, full)) > 0 for c in CORNERS)
    assert minimap.size().width() < full.width()
    assert not minimap.crowded  # the smaller one fits a corner: drawn as usual
    assert minimap.opacity() == OPAQUE
    assert minimap.corner == "bottom-right"
    assert _hidden_nodes(window) == []


@pytest.mark.parametrize("corner", CORNERS)
def test_a_full_view_gets_a_see_through_minimap_off_the_active_node(qtbot, window, corner) -> None:
    grid = {f"n{i}_{j}": (i * 160.0, j * 110.0) for i in range(14) for j in range(10)}
    _open(qtbot, window, _graph({**grid, "far": (6000.0, 0.0)}))
    minimap = window.minimap
    window.view.look_at(QPointF(900.0, 500.0), ZOOM)  # nodes in every corner
    qtbot.waitUntil(minimap.isVisible)
    covered = [minimap.covered(minimap.corner_rect(c)) for c in CORNERS]
    assert all(0 < c < float("inf") for c in covered)  # no corner free
    assert minimap.crowded
    assert minimap.opacity() == SEE_THROUGH  # what it covers shows through
    spot = window.view.mapToScene(minimap.corner_rect(corner).center())
    active = min(  # the node nearest where the minimap would sit in `corner`
        grid,
        key=lambda n: (QPointF(*grid[n]) - spot + QPointF(40, 20)).manhattanLength(),
    )
    window.scene.set_active_node(active)
    qtbot.waitUntil(lambda: not minimap.geometry().intersects(_on_screen(window, active)))
    assert minimap.covered(minimap.geometry()) < float("inf")
    QApplication.sendEvent(
        minimap,
        QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(minimap.mapToGlobal(QPointF(5, 5)))),
    )
    assert minimap.opacity() == OPAQUE  # the mouse on it: drawn to be used
    QApplication.sendEvent(minimap, QEvent(QEvent.Type.Leave))
    assert minimap.opacity() == SEE_THROUGH


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
@pytest.mark.parametrize("name", example_names())
def test_at_every_step_of_every_example_the_minimap_hides_no_node_or_number(
    qtbot, window, name, size
) -> None:
    """(Found at 1024 x 700: a node 1 px under the minimap, a number under it.)"""
    from gradflow.ui.canvas.label_item import LabelItem

    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    _open(qtbot, window, load_example(name))
    window.resize(*size)
    window.player.driver.animate = False
    minimap, view, scene = window.minimap, window.view, window.scene
    controller = window.player.controller
    shown = 0
    for k in range(controller.length + 1):
        controller.seek(k)
        if not minimap.isVisible():
            continue
        shown += 1
        at = minimap.geometry()
        if minimap.crowded:  # no corner free even for the smaller one: see-through,
            assert minimap.opacity() == SEE_THROUGH  # and never over the active node
            active = scene.active_node
            assert active is None or not _on_screen(window, active).intersects(at), k
            continue
        for node_id in window.document.graph.nodes:
            assert not _on_screen(window, node_id).intersects(at), (k, node_id)
        for item in scene.items(view.mapToScene(at).boundingRect()):
            if isinstance(item, LabelItem) and item.isVisible() and item.text():
                number = view.mapFromScene(item.text_rect()).boundingRect()
                assert not number.intersects(at), (k, item.text())
    assert shown > 0  # the camera's zoom leaves part of each graph out of view
