"""The step camera: every step's numbers in view and readable at 1280x800, eased moves,
stepping back restores the view, manual pan/zoom pauses following until the next key."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt

from gradflow.core.examples import example_names, load_example
from gradflow.nn.mlp import MLP
from gradflow.ui.canvas.camera import readable_zoom
from gradflow.ui.canvas.style import READABLE_PT


def _network_graph():
    return MLP([2, 8, 3], seed=0).graph_for(np.array([[0.5, -0.2]]), np.array([1]))


GRAPHS = {name: (lambda n=name: load_example(n)) for name in example_names()}
GRAPHS["network-2-8-3"] = _network_graph


def _ready(qtbot, window, graph):
    window.resize(1280, 800)
    window.load_graph(graph)
    window.player.driver.animate = False  # steps at once: the camera is what is tested
    window.camera.duration_ms = 0
    qtbot.waitUntil(lambda: window.view.viewport().width() > 500)
    return window


def _view_state(window) -> tuple[float, int, int]:
    view = window.view
    return view.zoom(), view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def _unreadable(window, k: int) -> list[str]:
    """The shown numbers of step k's node and wires that are outside the view or too small."""
    trace = window.workspace.trace
    node = trace.steps[k - 1].node
    view, zoom = window.view, window.view.zoom()
    port = QRectF(view.viewport().rect())
    bad = []
    for label in window.scene.step_labels(node):
        if not label.text():
            continue
        if not label.isVisible():
            bad.append(f"{label.text()} hidden")
            continue
        box = view.mapFromScene(label.text_rect()).boundingRect()
        if not port.contains(QRectF(box)):
            bad.append(f"{label.text()} outside {box}")
        if label.screen_pt(zoom) < READABLE_PT - 1e-6:
            bad.append(f"{label.text()} {label.screen_pt(zoom):.1f} pt")
    return bad


@pytest.mark.parametrize("name", list(GRAPHS))
def test_every_step_shows_its_numbers_readably(qtbot, window, name):
    _ready(qtbot, window, GRAPHS[name]())
    controller = window.player.controller
    controller.to_start()
    seen = {}
    for k in range(1, controller.length + 1):
        controller.step_forward()
        assert window.workspace.explained_step == k
        assert _unreadable(window, k) == [], (name, k)
        seen[k] = _view_state(window)
    for k in range(controller.length - 1, 0, -1):  # stepping back shows the same view
        controller.step_back()
        assert _view_state(window) == seen[k], (name, k)


def test_a_step_already_in_view_does_not_move_the_view(qtbot, window):
    _ready(qtbot, window, load_example("add-mul"))
    window.view.look_at(window.scene.items_rect().center(), 1.0)  # all of it, readable
    before = _view_state(window)
    controller = window.player.controller
    controller.to_start()
    for _ in range(4):
        controller.step_forward()
        assert _view_state(window) == before


def test_moves_are_eased_and_the_next_key_interrupts_them(qtbot, window):
    _ready(qtbot, window, load_example("vanishing-sigmoid"))
    camera = window.camera
    camera.duration_ms = 300
    window.view.look_at(window.scene.items_rect().center(), 0.2)  # far out: must move
    zooms: list[float] = []
    camera.animation.valueChanged.connect(lambda _t: zooms.append(window.view.zoom()))
    controller = window.player.controller
    controller.to_start()
    controller.step_forward()
    assert camera.moving
    assert window.view.zoom() < 0.25  # not a jump
    qtbot.waitUntil(lambda: len(zooms) >= 2, timeout=5000)
    controller.step_forward()  # the next key: the first move ends at once, the next begins
    assert window.view.zoom() >= readable_zoom(window.scene) - 1e-9
    qtbot.waitUntil(lambda: not camera.moving, timeout=5000)
    final = window.view.zoom()
    assert len({round(z, 4) for z in zooms if 0.2 < z < final}) >= 1  # eased in between
    assert _unreadable(window, 2) == []


def test_manual_pan_or_zoom_pauses_following_until_the_next_step(qtbot, window):
    _ready(qtbot, window, load_example("tiny-mlp"))
    camera, controller, view = window.camera, window.player.controller, window.view
    controller.to_start()
    controller.step_forward()
    assert camera.following
    view.zoom_out()  # a manual zoom
    assert camera.paused
    parked = _view_state(window)
    window.document.set_attr("x1", "value", 0.25)  # an edit keeps the step: no move
    assert _view_state(window) == parked
    before = _view_state(window)
    view.horizontalScrollBar().sliderMoved.emit(0)  # dragging a scroll bar is manual too
    assert camera.paused
    controller.step_forward()  # the next key resumes following
    assert not camera.paused
    assert _unreadable(window, 2) == []
    assert _view_state(window) != before


def test_follow_step_is_a_remembered_display_option(qtbot, window, make_window):
    _ready(qtbot, window, load_example("tiny-mlp"))
    action = window.menu_actions["follow_step"]
    assert action.isChecked()  # on by default
    action.trigger()
    assert not window.workspace.display.follow_step
    window.view.look_at(window.scene.items_rect().center(), 0.2)
    window.player.controller.to_start()
    window.player.controller.step_forward()
    assert window.view.zoom() == pytest.approx(0.2)  # not following
    again = make_window(show=False)
    assert not again.workspace.display.follow_step


def test_fit_keeps_the_active_steps_numbers_readable(qtbot, window):
    _ready(qtbot, window, load_example("tiny-mlp"))
    controller = window.player.controller
    controller.to_start()
    for _ in range(30):
        controller.step_forward()
    window.view.zoom_by(0.01)  # zoomed as far out as the view goes
    k = controller.index
    node = window.workspace.trace.steps[k - 1].node
    shown = [lab for lab in window.scene.step_labels(node) if lab.text()]
    assert shown
    for label in shown:
        assert label.isVisible()
        assert label.screen_pt(window.view.zoom()) >= READABLE_PT - 1e-6
    others = [
        window.scene.edge_item(e).value_label
        for e in window.document.graph.edges
        if window.scene.edge_item(e).value_label not in window.scene.step_labels(node)
    ]
    assert not any(lab.isVisible() for lab in others)  # the context is hidden that far out


def test_the_step_keys_drive_the_camera(qtbot, window):
    _ready(qtbot, window, load_example("sigmoid-neuron"))
    window.view.look_at(window.scene.items_rect().center(), 0.2)
    qtbot.keyClick(window.view, Qt.Key.Key_Home)
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.player.controller.index == 1
    assert _unreadable(window, 1) == []


def test_the_minimap_marks_the_active_node_and_a_click_moves_the_view(qtbot, window):
    _ready(qtbot, window, _network_graph())
    minimap, view = window.minimap, window.view
    view.look_at(window.scene.node_item("X").sceneBoundingRect().center(), 2.0)
    qtbot.waitUntil(minimap.isVisible)  # part of the graph is out of view
    port = view.viewport().rect()
    assert minimap.geometry() == minimap.corner_rect(minimap.corner)  # in a corner
    assert port.contains(minimap.geometry())
    for node_id in window.document.graph.nodes:  # over no node (test_minimap_place)
        node = view.mapFromScene(window.scene.node_item(node_id).sceneBoundingRect())
        assert not node.boundingRect().intersects(minimap.geometry()), node_id
    window.player.controller.to_start()
    window.player.controller.step_forward()
    assert window.scene.active_node == "X"
    loss = window.scene.node_item("loss").sceneBoundingRect().center()
    qtbot.mouseClick(
        minimap,
        Qt.MouseButton.LeftButton,
        pos=minimap.to_map(QRectF(loss, loss)).center().toPoint(),
    )
    seen = view.mapToScene(port).boundingRect()
    assert seen.contains(loss)  # the click moved the view there
    assert window.camera.paused  # a manual move: following waits for the next step
    window.view.look_at(window.scene.items_rect().center(), 0.3)  # all in view: no minimap
    qtbot.waitUntil(lambda: not minimap.isVisible())


def test_the_minimap_measures_the_graph_after_the_first_frame(qtbot, make_window):
    window = make_window(show=False)
    window.load_graph(load_example("tiny-mlp"))
    minimap = window.minimap
    window.show()
    assert minimap.world_rect().isEmpty()  # nothing drawn or measured before the first frame
    qtbot.waitUntil(lambda: not minimap.world_rect().isEmpty())
    world = minimap.world_rect()
    for node_id in window.document.graph.nodes:
        assert world.contains(window.scene.node_item(node_id).sceneBoundingRect()), node_id
