"""The inspector plots an activation and its derivative, the node's input marked."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.examples import load_example
from gradflow.core.graph import Graph


def test_selecting_a_sigmoid_plots_f_and_its_slope_at_the_input(qtbot, window) -> None:
    window.load_graph(load_example("vanishing-sigmoid"))
    window.scene.select_nodes(["h1"])
    plot = window.inspector.activation_plot
    assert plot is not None
    assert plot.isVisibleTo(window.inspector)
    xs, f = plot.f_curve.getData()
    _, df = plot.df_curve.getData()
    assert xs[0] == -6.0
    assert xs[-1] == 6.0
    np.testing.assert_allclose(f, 1 / (1 + np.exp(-xs)), rtol=1e-12)
    assert df.max() == pytest.approx(0.25, abs=1e-4)
    assert df[0] < 0.003  # the flat tails are on the plot
    mx, my = plot.f_marks.getData()
    _, mdy = plot.df_marks.getData()
    s = 1 / (1 + np.exp(-1.5))  # h1's input is x·1.5 = 1.5
    assert mx.tolist() == [1.5]
    assert my.tolist() == pytest.approx([s])
    assert mdy.tolist() == pytest.approx([s * (1 - s)])
    window.scene.select_nodes(["w1"])  # not an activation: no plot
    assert not plot.isVisibleTo(window.inspector)


def test_a_tensor_input_is_marked_entry_by_entry(qtbot, window) -> None:
    g = Graph()
    g.add_node("input", "z", value=[[-1.0, 2.0], [3.0, -4.0]])
    g.add_node("relu", "h")
    g.add_node("sum", "f")
    g.connect("z", "h")
    g.connect("h", "f")
    window.load_graph(g)
    window.scene.select_nodes(["h"])
    plot = window.inspector.activation_plot
    mx, my = plot.f_marks.getData()
    _, mdy = plot.df_marks.getData()
    assert sorted(mx.tolist()) == [-4.0, -1.0, 2.0, 3.0]
    assert dict(zip(mx.tolist(), mdy.tolist(), strict=True)) == {
        -1.0: 0.0,
        2.0: 1.0,
        3.0: 1.0,
        -4.0: 0.0,
    }
    assert dict(zip(mx.tolist(), my.tolist(), strict=True))[3.0] == 3.0
