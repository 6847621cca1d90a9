"""Where the numbers go: off the wire on the right side, clear of nodes and of each other."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPointF, QRectF

from gradflow.core.examples import load_example
from gradflow.ui.canvas.label_item import pill_centre, upper_normal
from gradflow.ui.canvas.label_layout import RectIndex, candidate_spots, choose_spots


def test_upper_normal_points_up_on_level_wires_and_sideways_on_steep_ones():
    level = upper_normal(0.0)
    assert (level.x(), level.y()) == pytest.approx((0.0, -1.0))
    down = upper_normal(-90.0)  # a wire heading straight down the screen
    assert abs(down.x()) == pytest.approx(1.0)
    assert down.y() == pytest.approx(0.0, abs=1e-12)
    assert upper_normal(180.0).y() < 0  # a wire running backwards still has its value above


def test_pills_clear_the_wire_by_the_gap():
    up = pill_centre(QPointF(0.0, -1.0), 20.0, 8.0, above=True)
    below = pill_centre(QPointF(0.0, -1.0), 20.0, 8.0, above=False)
    assert up == QPointF(0.0, -11.0)
    assert below == QPointF(0.0, 11.0)
    side = pill_centre(QPointF(1.0, 0.0), 20.0, 8.0, above=True)
    assert side == QPointF(23.0, 0.0)


def test_choose_spots_keeps_the_preferred_spot_unless_it_is_taken():
    box_a, box_b = QRectF(0, 0, 10, 10), QRectF(50, 0, 10, 10)
    first = [(0.38, box_a, 0.0), (0.5, box_b, 0.0)]
    second = [(0.38, box_a, 0.0), (0.5, box_b, 0.0)]  # same preferred box: must move
    assert choose_spots([first, second], obstacles=[]) == [0.38, 0.5]
    blocked = [(0.38, box_a, 0.0), (0.62, box_b, 0.0)]
    assert choose_spots([blocked], obstacles=[QRectF(-5, -5, 20, 20)]) == [0.62]
    steep_only = [(0.38, box_a, 50.0), (0.62, box_b, 10.0)]
    assert choose_spots([steep_only], obstacles=[]) == [0.62]  # the least bad


def test_rect_index_counts_each_overlap_once():
    index = RectIndex([QRectF(0, 0, 300, 10)], cell=100.0)  # spans several cells
    assert index.overlap(QRectF(0, 0, 300, 10)) == pytest.approx(3000.0)
    assert index.overlap(QRectF(400, 0, 10, 10)) == 0.0


def test_candidate_spots_start_with_the_preferred_and_stay_on_the_wire():
    spots = candidate_spots(0.38)
    assert spots[0] == 0.38
    assert all(0.1 <= t <= 0.9 for t in spots)
    assert len(spots) == len(set(spots))


@pytest.mark.parametrize("name", ["gate-patterns", "add-mul", "sigmoid-neuron"])
def test_numbers_on_lecture_graphs_overlap_neither_nodes_nor_each_other(qtbot, window, name):
    window.load_graph(load_example(name))
    scene = window.scene
    pills = [
        label.text_rect()
        for edge in scene.edges()
        for label in scene.edge_item(edge).labels()
        if label.text()
    ]
    assert len(pills) == 2 * len(scene.edges())
    for a, b in itertools.combinations(pills, 2):
        assert not a.intersects(b)
    cards = [n.mapRectToScene(n.rect()) for n in scene.node_items()]
    for pill, card in itertools.product(pills, cards):
        assert not pill.intersects(card)
