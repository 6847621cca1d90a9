"""Tests for the training dock: live plots, thread control, errors, CSV export, network."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from gradflow.core.graph import Graph
from gradflow.nn import TrainConfig
from gradflow.ui.training import TrainingPanel
from gradflow.ui.training.series import Series, ema

WAIT_MS = 20_000


def _run_to_end(qtbot, panel: TrainingPanel, config: TrainConfig) -> None:
    panel.options.set_config(config)
    panel.start_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=WAIT_MS)


def test_start_trains_and_fills_the_plots(qtbot, panel: TrainingPanel) -> None:
    _run_to_end(qtbot, panel, TrainConfig(dataset="spiral", epochs=4, batch=60, samples=300))
    # 240 training points in batches of 60: 4 iterations per epoch
    x, y = panel.plots.loss_curve.getData()
    assert x.tolist() == list(range(1, 17))
    assert np.all(np.isfinite(y))
    assert y.tolist() == panel.plots.iterations.column(2).tolist()
    sx, sy = panel.plots.smooth_curve.getData()
    assert len(sx) == 16
    assert sy[0] == y[0]  # the EMA starts at the first loss
    vx, _ = panel.plots.val_loss_curve.getData()
    assert vx.tolist() == [4, 8, 12, 16]  # validation at each epoch's last iteration
    ax, ay = panel.plots.val_acc_curve.getData()
    assert ax.tolist() == [1, 2, 3, 4]
    assert all(0 <= a <= 1 for a in ay)
    assert len(panel.plots.grad_curves) == 3  # two hidden layers and the output layer
    gx, gy = panel.plots.grad_curves[0].getData()
    assert len(gx) == 16
    assert np.all(gy > 0)
    assert panel.plots.image.image is not None  # 2-D data: a decision boundary
    assert panel.plots.image.image.shape[2] == 3
    assert panel.status.text().startswith("Finished after 4 epochs, 16 iterations")
    assert panel.progress.value() == 100
    assert panel.start_button.isEnabled()
    assert not panel.stop_button.isEnabled()


def test_stop_ends_the_thread_and_start_continues(qtbot, panel: TrainingPanel) -> None:
    panel.options.set_config(TrainConfig(dataset="xor", epochs=100_000, batch=16))
    panel.start_button.click()
    assert panel.is_running()
    assert not panel.options.isEnabled()
    qtbot.waitUntil(lambda: len(panel.plots.iterations) > 0, timeout=WAIT_MS)
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=WAIT_MS)
    assert panel.status.text().startswith("Stopped after")
    done = len(panel.plots.iterations)
    assert panel.plots.iterations.column(0)[-1] == done
    panel.start_button.click()  # same options: the run continues where it stopped
    qtbot.waitUntil(lambda: len(panel.plots.iterations) > done, timeout=WAIT_MS)
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=WAIT_MS)
    iterations = panel.plots.iterations.column(0)
    assert iterations.tolist() == list(range(1, len(iterations) + 1))


def test_pause_holds_training_until_resume(qtbot, panel: TrainingPanel) -> None:
    panel.options.set_config(TrainConfig(dataset="circles", epochs=100_000, batch=16))
    panel.start_button.click()
    qtbot.waitUntil(lambda: len(panel.plots.iterations) > 0, timeout=WAIT_MS)
    panel.pause_button.click()
    assert panel.pause_button.text() == "▶ Resume"
    assert panel.status.text() == "Paused."
    trainer = panel.trainer
    qtbot.waitUntil(lambda: trainer.parked, timeout=WAIT_MS)  # waiting before its next step
    QApplication.processEvents()  # the packets sent before the pause arrive
    held = len(panel.plots.iterations)
    assert 0 < held <= trainer.iteration
    done = trainer.iteration
    QApplication.processEvents()
    assert trainer.parked
    assert (trainer.iteration, len(panel.plots.iterations)) == (done, held)  # nothing more
    assert panel.is_running()
    panel.pause_button.click()
    qtbot.waitUntil(lambda: len(panel.plots.iterations) > held, timeout=WAIT_MS)
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=WAIT_MS)


def test_divergence_shows_its_message(qtbot, panel: TrainingPanel) -> None:
    _run_to_end(qtbot, panel, TrainConfig(dataset="spiral", optimizer="sgd", lr=1000.0, epochs=50))
    assert "training diverged at epoch" in panel.status.text()
    assert "try a smaller learning rate" in panel.status.text()
    assert "b00020" in panel.status.styleSheet()
    _, y = panel.plots.loss_curve.getData()
    assert np.all(np.isfinite(y))  # nothing past the last finite loss is plotted
    assert panel.network_button.isEnabled()  # the last finite network can be inspected
    plotted = len(y)
    first = panel.trainer
    panel.start_button.click()  # a failed run is not continued: Start begins anew
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=WAIT_MS)
    x, _ = panel.plots.loss_curve.getData()
    assert x[0] == 1
    assert len(x) == plotted  # the same seed diverges at the same iteration
    assert panel.trainer is not first


def test_bad_options_and_bad_data_are_reported(qtbot, panel: TrainingPanel, tmp_path: Path) -> None:
    panel.options.hidden.setText("64,x")
    panel.start_button.click()
    assert not panel.is_running()
    assert panel.status.text() == 'hidden sizes must be whole numbers like "100,50", got "64,x"'
    _run_to_end(qtbot, panel, TrainConfig(dataset=f"npz:{tmp_path / 'none.npz'}"))
    assert panel.status.text() == f"npz file not found: {tmp_path / 'none.npz'}"
    assert panel.start_button.isEnabled()


def test_export_csv_writes_one_row_per_iteration(
    qtbot, panel: TrainingPanel, tmp_path: Path
) -> None:
    _run_to_end(
        qtbot,
        panel,
        TrainConfig(dataset="gaussians", hidden=(8,), epochs=3, batch=160, samples=400),
    )
    path = tmp_path / "metrics.csv"
    assert panel.export_csv(path) == 6
    with path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["iteration"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert [r["epoch"] for r in rows] == ["1", "1", "2", "2", "3", "3"]
    losses = panel.plots.iterations.column(2)
    assert [float(r["loss"]) for r in rows] == losses.tolist()
    assert set(rows[0]) >= {"grad_norm_layer1", "grad_norm_layer2", "val_acc"}
    ends = [r for r in rows if r["val_loss"]]
    assert [r["iteration"] for r in ends] == ["2", "4", "6"]
    assert float(ends[-1]["val_acc"]) == panel.plots.epochs[-1].val_acc


def test_open_network_emits_the_current_graph(qtbot, panel: TrainingPanel) -> None:
    assert not panel.network_button.isEnabled()
    _run_to_end(qtbot, panel, TrainConfig(dataset="xor", hidden=(5,), epochs=2))
    with qtbot.waitSignal(panel.open_network_requested) as signal:
        panel.network_button.click()
    graph = signal.args[0]
    assert isinstance(graph, Graph)
    assert graph.nodes["W1"].attrs["value"].shape == (2, 5)
    np.testing.assert_allclose(
        graph.nodes["W1"].attrs["value"], panel.trainer.model.params["W1"], rtol=1e-7
    )


def test_log_scale_and_reset(qtbot, panel: TrainingPanel) -> None:
    _run_to_end(qtbot, panel, TrainConfig(dataset="xor", epochs=2))
    panel.log_scale.setChecked(True)
    assert panel.plots.loss_plot.getPlotItem().getAxis("left").logMode
    assert panel.plots.grad_plot.getPlotItem().getAxis("left").logMode
    panel.reset_button.click()
    x, _ = panel.plots.loss_curve.getData()
    assert x is None or len(x) == 0
    assert panel.trainer is None
    assert panel.progress.value() == 0


def test_series_grows_by_doubling_and_keeps_its_rows() -> None:
    series = Series(2, capacity=4)
    for i in range(10):
        series.append([i, 2 * i])
    assert len(series) == 10
    assert series._data.shape[1] == 16  # 4 -> 8 -> 16
    assert series.column(1).tolist() == [2 * i for i in range(10)]
    with pytest.raises(ValueError, match="read-only"):
        series.column(0)[0] = 5
    series.clear()
    assert len(series) == 0


def test_ema_smooths_from_a_start_value() -> None:
    assert ema(np.array([1.0, 3.0]), 0.5).tolist() == [1.0, 2.0]
    assert ema(np.array([4.0]), 0.25, start=0.0).tolist() == [1.0]


def test_a_hundred_thousand_iterations_are_stored_and_drawn_downsampled(panel) -> None:
    plots = panel.plots
    plots.reset(2)
    n = 100_000
    rows = np.column_stack(
        [np.arange(1, n + 1), np.ones(n), np.linspace(2, 0.1, n), np.full(n, 0.5), np.full(n, 0.25)]
    )
    for chunk in np.array_split(rows, 50):
        plots.add_iterations(chunk)
    plots.redraw()
    x, y = plots.loss_curve.getOriginalDataset()
    assert len(x) == n
    assert y[-1] == pytest.approx(0.1)
    assert plots.loss_curve.opts["autoDownsample"]
    assert plots.loss_curve.opts["clipToView"]
    assert plots.grad_curves[1].getOriginalDataset()[1][-1] == 0.25


def _cell_of(plots, widget) -> tuple[int, int]:
    grid = plots.grid._grid
    row, column, _, _ = grid.getItemPosition(grid.indexOf(widget))
    return row, column


def test_plots_go_in_one_row_when_the_dock_is_wide_and_low(qtbot, panel) -> None:
    plots = panel.plots
    assert _cell_of(plots, plots.view_tabs) == (1, 1)  # 1100 x 600: a 2 x 2 grid
    panel.resize(1500, 330)
    qtbot.waitUntil(lambda: _cell_of(plots, plots.view_tabs) == (0, 3))
    assert _cell_of(plots, plots.grad_plot) == (0, 2)
    assert not plots.grid.pages.isVisible()
    panel.resize(1000, 700)
    qtbot.waitUntil(lambda: _cell_of(plots, plots.view_tabs) == (1, 1))


def test_a_low_narrow_dock_shows_the_plots_two_at_a_time_on_tabs(qtbot, panel) -> None:
    plots = panel.plots
    panel.resize(1000, 240)  # the dock at 1024x700: too low for 2 rows, too narrow for 4
    pages = plots.grid.pages
    qtbot.waitUntil(pages.isVisible)
    assert [pages.tabText(i) for i in range(pages.count())] == [
        "Loss · Accuracy",
        "Gradient norm · Network views",
    ]
    shown = [plots.loss_plot, plots.accuracy_plot]
    hidden = [plots.grad_plot, plots.view_tabs]
    assert all(p.isVisible() for p in shown)
    assert not any(p.isVisible() for p in hidden)
    assert plots.loss_plot.width() >= 240  # each plot keeps a readable size
    curves = plots.loss_plot.getViewBox()
    qtbot.waitUntil(lambda: curves.sceneBoundingRect().height() >= 100)  # ~204 px plots
    pages.setCurrentIndex(1)  # as a click on the second tab
    assert all(p.isVisible() for p in hidden)
    assert not any(p.isVisible() for p in shown)
    assert _cell_of(plots, plots.grad_plot) == (0, 0)
    panel.resize(1000, 700)
    qtbot.waitUntil(lambda: not pages.isVisible())
    assert all(p.isVisible() for p in shown + hidden)


def test_a_legend_that_grows_stays_above_the_curves(qtbot, panel) -> None:
    plots = panel.plots
    plot = plots.accuracy_plot
    for name in ("linear", "relu", "tanh"):  # as the run overlay adds its curves
        plot.plot([1, 2], [0.5, 0.6], name=name)
    legend, curves = plot.plotItem.legend, plot.getViewBox()
    assert len(legend.items) == 5
    qtbot.waitUntil(lambda: not legend.sceneBoundingRect().intersects(curves.sceneBoundingRect()))
    assert plot.plotItem.sceneBoundingRect().contains(legend.sceneBoundingRect())
