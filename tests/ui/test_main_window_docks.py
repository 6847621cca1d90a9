"""The main window puts the player and the training dock together with the canvas."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget

from gradflow.core.examples import load_example


def test_player_shown_and_training_on_request(window, qtbot) -> None:
    player = window.findChild(QDockWidget, "player")
    training = window.findChild(QDockWidget, "training")
    assert player is not None
    assert player.isVisible()
    assert training is not None
    assert not training.isVisible()
    training.toggleViewAction().trigger()
    qtbot.waitUntil(training.isVisible)
    assert training.toggleViewAction().shortcut().toString() == "Ctrl+T"


def test_hiding_training_gives_the_canvas_its_height_back(window, qtbot) -> None:
    before = window.view.height()
    window.docks["training"].show()
    qtbot.waitUntil(lambda: window.view.height() < before)
    window.docks["training"].hide()
    qtbot.waitUntil(lambda: window.view.height() >= before - 4)


def test_open_network_as_graph_puts_it_on_the_canvas(window, qtbot) -> None:
    net = load_example("tiny-mlp")
    window.training.open_network_requested.emit(net)
    assert [n.id for n in window.document.graph] == [n.id for n in net]
    assert len(window.scene.node_items()) == len(net)


def test_nodes_added_at_the_centre_never_overlap(window) -> None:
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    near = window.document.add_node("input", pos=(centre.x() + 24, centre.y() + 16))
    made = [near] + [window.edit.add_op_at_centre(op) for op in ("input", "relu", "add", "mul")]
    rects = [window.scene.node_item(n).sceneBoundingRect() for n in made]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b)


def test_the_window_fits_1024x700_with_the_training_dock_open(window, qtbot) -> None:
    window.docks["training"].toggleViewAction().trigger()
    qtbot.waitUntil(window.docks["training"].isVisible)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024  # the training dock is a tab beside the player
    for size in ((1280, 800), (1024, 768)):
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: window.size().toTuple() == s)
        docks = (window.inspector, window.palette, window.docks["training"])
        # nothing cut off, once the layout has settled
        qtbot.waitUntil(lambda d=docks: all(window.rect().contains(x.geometry()) for x in d))
        assert not window.training.visibleRegion().isEmpty()  # its tab is in front


def test_dark_theme_greys_out_disabled_buttons(window) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QMainWindow

    window.workspace.set_display(theme="dark")
    pal = QMainWindow.palette(window)  # window.palette is the palette dock
    text = QPalette.ColorRole.ButtonText
    enabled = pal.color(QPalette.ColorGroup.Active, text)
    disabled = pal.color(QPalette.ColorGroup.Disabled, text)
    assert disabled.lightness() < enabled.lightness() - 60
