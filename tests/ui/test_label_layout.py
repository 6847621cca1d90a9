"""Where the numbers go: off the wire on the right side, clear of nodes and of each other."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF

from gradflow.core.engine import run
from gradflow.core.examples import example_names, load_example
from gradflow.ui.canvas.label_item import GAP, MAX_SLOPE, pill_centre, wire_slope
from gradflow.ui.canvas.label_layout import RectIndex, candidate_spots, choose_spots
from gradflow.ui.canvas.labels import number_text, widest_wire_text
from gradflow.ui.canvas.style import MIN_NUMBER_PT, Metrics, detail_zoom

EXAMPLES = example_names()


def test_wire_slope_is_dy_dx_on_the_y_down_canvas():
    assert wire_slope(0.0) == pytest.approx(0.0)
    assert wire_slope(-30.0) == pytest.approx(math.tan(math.radians(30)))  # runs down-right
    assert wire_slope(30.0) == pytest.approx(-math.tan(math.radians(30)))  # runs up-right
    assert wire_slope(150.0) == pytest.approx(wire_slope(-30.0))  # same line, other way
    assert abs(wire_slope(-90.0)) == MAX_SLOPE  # vertical: capped


def test_pills_sit_straight_above_and_below_a_level_wire():
    up = pill_centre(0.0, 20.0, 8.0, above=True)
    below = pill_centre(0.0, 20.0, 8.0, above=False)
    assert up == QPointF(0.0, -(GAP + 8.0))
    assert below == QPointF(0.0, GAP + 8.0)


def test_on_a_steep_wire_the_value_slides_downhill_and_the_gradient_uphill():
    # a wire running down to the right: the value sits above it, to the right (where the
    # wire has dropped away), the gradient below it, to the left; both hug the wire
    value = pill_centre(MAX_SLOPE, 20.0, 8.0, above=True)
    grad = pill_centre(MAX_SLOPE, 20.0, 8.0, above=False)
    assert value.y() < 0 < grad.y()
    assert value.x() == pytest.approx(20.0 + GAP)
    assert grad.x() == pytest.approx(-(20.0 + GAP))
    assert abs(value.y()) == pytest.approx(GAP + 8.0)  # touching the point with a corner
    rising = pill_centre(-MAX_SLOPE, 20.0, 8.0, above=True)
    assert rising.x() < 0  # a wire running up to the right: the value slides left


@pytest.mark.parametrize("slope", [0.0, 0.2, 0.4, 0.6, 1.5, -0.3, -1.0])
def test_pills_clear_a_straight_wire_along_their_whole_width(slope):
    hw, hh = 30.0, 9.0
    for above in (True, False):
        c = pill_centre(slope, hw, hh, above)
        pill = QRectF(c.x() - hw, c.y() - hh, 2 * hw, 2 * hh)
        for i in range(41):  # the wire y = slope * x through the anchor
            x = pill.left() + pill.width() * i / 40
            assert not pill.adjusted(0.5, 0.5, -0.5, -0.5).contains(QPointF(x, slope * x))
        assert (pill.bottom() <= 0.0) if above else (pill.top() >= 0.0)


def test_every_example_is_checked():
    assert len(EXAMPLES) >= 7  # the lecture examples and linear-regression, none skipped


def test_tensor_labels_are_compact_and_use_the_one_precision():
    assert number_text(np.array(0.19661193)) == "0.197"
    assert number_text(np.array([0.0484, 0.0676])) == "[0.0484, 0.0676]"
    assert number_text(np.full((4, 64), -0.18)) == "4×64 [-0.18, …]"


def test_the_layout_reserves_room_for_the_widest_number_of_a_wire():
    graph = load_example("vector-l2")
    result = run(graph)
    w_wire = graph.in_edges("q")[0]
    assert widest_wire_text(result, w_wire, "−0.1234") == "2×2 [0.088, …]"
    out_wire = graph.in_edges("f")[0]
    assert widest_wire_text(result, out_wire, "−0.1234") == "[0.0484, 0.0676]"


def test_choose_spots_keeps_the_preferred_spot_unless_it_is_taken():
    box_a, box_b = QRectF(0, 0, 10, 10), QRectF(50, 0, 10, 10)
    first = [(0.38, box_a, 0.0), (0.5, box_b, 0.0)]
    second = [(0.38, box_a, 0.0), (0.5, box_b, 0.0)]  # same preferred box: must move
    assert choose_spots([first, second], obstacles=[]) == [0.38, 0.5]
    blocked = [(0.38, box_a, 0.0), (0.62, box_b, 0.0)]
    assert choose_spots([blocked], obstacles=[QRectF(-5, -5, 20, 20)]) == [0.62]
    steep_only = [(0.38, box_a, 50.0), (0.62, box_b, 10.0)]
    assert choose_spots([steep_only], obstacles=[]) == [0.62]  # the least bad


def test_a_box_squeezed_between_two_nodes_sits_in_the_middle():
    cards = [QRectF(0, 0, 50, 20), QRectF(110, 0, 50, 20)]  # 60 free, the box needs 70
    off_centre = (0.38, QRectF(40, 0, 70, 20), 0.0)  # 10 deep into the left card
    centred = (0.5, QRectF(45, 0, 70, 20), 0.0)  # 5 into each: the same area
    assert choose_spots([[off_centre, centred]], obstacles=cards) == [0.5]


def test_rect_index_counts_each_overlap_once():
    index = RectIndex([QRectF(0, 0, 300, 10)], cell=100.0)  # spans several cells
    assert index.overlap(QRectF(0, 0, 300, 10)) == pytest.approx(3000.0)
    assert index.overlap(QRectF(400, 0, 10, 10)) == 0.0


def test_candidate_spots_start_with_the_preferred_and_stay_on_the_wire():
    spots = candidate_spots(0.38)
    assert spots[0] == 0.38
    assert all(0.1 <= t <= 0.9 for t in spots)
    assert len(spots) == len(set(spots))


def _pills(scene):
    return [
        label.text_rect()
        for edge in scene.edges()
        for label in scene.edge_item(edge).labels()
        if label.text()
    ]


@pytest.mark.parametrize("name", EXAMPLES)
def test_numbers_on_lecture_graphs_overlap_neither_nodes_nor_each_other(qtbot, window, name):
    window.load_graph(load_example(name))
    scene = window.scene
    pills = _pills(scene)
    grads = window.document.result.edge_grads  # a constant's wire carries no gradient
    assert len(pills) == len(scene.edges()) + sum(e in grads for e in scene.edges())
    for a, b in itertools.combinations(pills, 2):
        assert not a.intersects(b)
    cards = [n.mapRectToScene(n.rect()) for n in scene.node_items()]
    for pill, card in itertools.product(pills, cards):
        assert not pill.intersects(card)
    for a, b in itertools.combinations(cards, 2):  # and no card covers another
        assert not a.intersects(b)


@pytest.mark.parametrize("name", EXAMPLES)
def test_values_sit_above_and_gradients_below_their_wire(qtbot, window, name):
    window.load_graph(load_example(name))
    scene = window.scene
    for edge in scene.edges():
        item = scene.edge_item(edge)
        anchor = item.label_anchor()
        value, grad = item.labels()
        assert value.text_rect().bottom() < anchor.y()
        if grad.text():
            assert grad.text_rect().top() > anchor.y()


def _crossings(scene) -> list[tuple]:
    """Pairs of wires whose curves cross (sampled as polylines; shared ends do not count)."""
    lines = {}
    for edge in scene.edges():
        path = scene.edge_item(edge).path()
        pts = [path.pointAtPercent(i / 60) for i in range(61)]
        lines[edge] = [QLineF(a, b) for a, b in itertools.pairwise(pts)]
    found = []
    for (e1, l1), (e2, l2) in itertools.combinations(lines.items(), 2):
        if {e1.src, e1.dst} & {e2.src, e2.dst}:
            continue
        if any(
            a.intersects(b)[0] == QLineF.IntersectionType.BoundedIntersection
            for a in l1
            for b in l2
        ):
            found.append((e1, e2))
    return found


@pytest.mark.parametrize("name", ["gate-patterns", "add-mul", "sigmoid-neuron", "vector-l2"])
def test_wires_of_the_small_lecture_graphs_do_not_cross(qtbot, window, name):
    window.load_graph(load_example(name))
    assert _crossings(window.scene) == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_wire_runs_behind_a_node_it_does_not_attach_to(qtbot, window, name):
    window.load_graph(load_example(name))
    scene = window.scene
    for edge in scene.edges():
        path = scene.edge_item(edge).path()
        points = [path.pointAtPercent(i / 80) for i in range(81)]
        for node in scene.node_items():
            if node.node_id in (edge.src, edge.dst):
                continue
            card = node.mapRectToScene(node.rect()).adjusted(-4, -4, 4, 4)
            assert not any(card.contains(p) for p in points), (edge, node.node_id)


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_number_sits_on_another_wire(qtbot, window, name):
    window.load_graph(load_example(name))
    scene = window.scene
    curves = {}
    for edge in scene.edges():
        path = scene.edge_item(edge).path()
        curves[edge] = [path.pointAtPercent(i / 100) for i in range(101)]
    for edge in scene.edges():
        for label in scene.edge_item(edge).labels():
            if not label.text():
                continue
            pill = label.text_rect()
            for other, points in curves.items():
                if other != edge:
                    assert not any(pill.contains(p) for p in points), (edge, label.text(), other)


def test_numbers_hide_only_when_too_small_on_screen():
    assert detail_zoom() * Metrics().number_pt == pytest.approx(MIN_NUMBER_PT)
    assert detail_zoom(Metrics().presentation()) < detail_zoom()  # bigger numbers


@pytest.mark.parametrize("name", ["add-mul", "gate-patterns", "sigmoid-neuron", "vector-l2"])
def test_lecture_graphs_show_their_numbers_when_fitted_in_a_1280x800_window(qtbot, window, name):
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.load_graph(load_example(name))
    window.view.fit()
    assert window.view.zoom() >= detail_zoom()
    assert window.scene.detail


def test_icon_symbols_fit_their_icon_and_short_ones_stay_large(qtbot):
    from PySide6.QtGui import QFontMetricsF

    from gradflow.ui.canvas.icons import fitted_font

    for symbol in ("copy", "tanh", "ReLU", "MSE", "x²"):
        assert QFontMetricsF(fitted_font(symbol, 32)).horizontalAdvance(symbol) <= 32 * 0.84
    assert fitted_font("+", 32).pointSizeF() > fitted_font("copy", 32).pointSizeF()


@pytest.mark.parametrize("name", ["gate-patterns", "tiny-mlp"])
def test_step_tags_cover_no_number(qtbot, name):
    from gradflow.ui.render import Renderer

    renderer = Renderer(load_example(name))
    scene = renderer.scene
    tagged = 0
    for step in range(renderer.total + 1):
        renderer.image(step, (64, 36))  # shows the step (numbers and tags)
        tags = [t.sceneBoundingRect() for t in renderer._tags]
        tagged += bool(tags)
        for edge in scene.edges():
            for label in scene.edge_item(edge).labels():
                if label.text():
                    assert not any(label.text_rect().intersects(t) for t in tags), (step, edge)
    assert tagged  # the test saw at least one tag
