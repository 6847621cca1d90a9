"""The training dock's lecture views: Step, speed, history, templates, fit, runs, models."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.core.graph import Graph
from gradflow.nn import TrainConfig, Trainer
from gradflow.nn.model_file import load_model
from gradflow.ui.training import TrainingPanel
from gradflow.ui.training.run_controls import RATES, TOY_PACE

WAIT_MS = 20_000
SMALL = TrainConfig(dataset="spiral", hidden=(8,), samples=120, batch=32, epochs=3)


def _run_to_end(qtbot, panel: TrainingPanel, config: TrainConfig) -> None:
    panel.options.set_config(config)
    panel.chapter.controls.speed.setCurrentIndex(len(RATES) - 1)  # fastest
    panel.start_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=WAIT_MS)


def test_step_takes_exactly_one_optimiser_step(qtbot, panel: TrainingPanel) -> None:
    panel.options.set_config(SMALL)
    controls = panel.chapter.controls
    controls.step_button.click()
    qtbot.waitUntil(lambda: controls.iteration_button.isEnabled(), timeout=WAIT_MS)
    trainer = panel.trainer
    assert trainer is not None
    assert trainer.iteration == 1
    assert trainer.paused
    assert "Iteration 1 done" in panel.status.text()
    direct = Trainer(SMALL)  # the trainer called directly on the same first batch
    order = np.random.default_rng(SMALL.seed + 1).permutation(len(direct.data.x_train))
    idx = order[: SMALL.batch]
    direct.step(direct.data.x_train[idx], direct.data.y_train[idx])
    for name, value in direct.model.params.items():
        assert trainer.model.params[name].tobytes() == value.tobytes(), name
    controls.step_button.click()  # a second press: one more
    qtbot.waitUntil(lambda: trainer.iteration == 2 and trainer.paused, timeout=WAIT_MS)
    opened: list[Graph] = []
    panel.open_network_requested.connect(opened.append)
    controls.iteration_button.click()
    (graph,) = opened
    assert trainer.last_step is not None
    np.testing.assert_array_equal(graph.node("W1").attrs["value"], trainer.last_step.params["W1"])
    # that iteration's real batch, and the gradients the engine shows on it are the ones
    # the second step used (the direct trainer, one step on, computes them on that batch)
    second = order[SMALL.batch : 2 * SMALL.batch]
    np.testing.assert_array_equal(graph.node("X").attrs["value"], direct.data.x_train[second])
    _loss, grads, _scores = direct.model.loss_and_grads(
        direct.data.x_train[second], direct.data.y_train[second]
    )
    shown = run(graph, record=False)
    for name, grad in grads.items():
        np.testing.assert_allclose(shown.grad(name), grad, rtol=1e-4, atol=1e-6, err_msg=name)
    panel.reset()


def test_the_first_toy_run_is_paced_to_be_watched(panel: TrainingPanel) -> None:
    chapter = panel.chapter
    assert chapter.controls.speed.currentIndex() == 0  # "auto"
    assert chapter.rate_for(SMALL) == TOY_PACE
    assert chapter.rate_for(SMALL) is None  # later runs: as fast as possible
    chapter.controls.speed.setCurrentIndex(1)
    assert chapter.rate_for(SMALL) == 1.0
    digits = TrainConfig(dataset="digits", hidden=())
    chapter.controls.speed.setCurrentIndex(0)
    chapter.toy_runs = 0
    assert chapter.rate_for(digits) is None  # not a toy set: never slowed by "auto"


def test_history_scrubbing_shows_the_recorded_snapshot(qtbot, panel: TrainingPanel) -> None:
    _run_to_end(qtbot, panel, SMALL)
    chapter, tabs = panel.chapter, panel.plots.view_tabs
    slider = chapter.controls.history
    assert slider.isEnabled()
    assert slider.maximum() == 3  # epochs 0..3
    live = panel.plots.image.image.copy()
    slider.setValue(0)
    assert chapter.controls.history_label.text() == "History: epoch 0 (recorded)"
    shown = tabs.last_views
    assert shown is not None
    assert shown.epoch == 0
    trainer = panel.trainer
    assert trainer is not None
    from gradflow.nn.views import compute_views

    expected = compute_views(trainer, trainer.history[0].params, epoch=0)
    np.testing.assert_array_equal(shown.boundary.values, expected.boundary.values)
    assert not np.array_equal(panel.plots.image.image, live)  # the picture changed
    assert trainer.iteration == 9  # nothing was re-trained (3 epochs of 3 batches)
    opened: list[Graph] = []
    panel.open_network_requested.connect(opened.append)
    panel.network_button.click()  # the network as it was at epoch 0
    np.testing.assert_array_equal(
        opened[0].node("W1").attrs["value"], trainer.history[0].params["W1"]
    )
    slider.setValue(3)
    assert chapter.controls.history_label.text() == "History: live"
    panel.network_button.click()
    np.testing.assert_array_equal(opened[1].node("W1").attrs["value"], trainer.model.params["W1"])
    np.testing.assert_array_equal(panel.plots.image.image, live)


def test_finished_runs_are_listed_overlaid_and_exported(
    qtbot, panel: TrainingPanel, tmp_path: Path
) -> None:
    _run_to_end(qtbot, panel, SMALL)
    _run_to_end(qtbot, panel, TrainConfig(**{**SMALL.__dict__, "activation": "sigmoid"}))
    runs = panel.chapter.runs
    assert len(runs.records) == 2
    runs.set_ticked(0, True)
    runs.set_ticked(1, True)
    assert panel.chapter.overlay_names() == ["relu", "sigmoid"]
    legend = [label.text for _sample, label in panel.plots.loss_plot.plotItem.legend.items]
    assert "relu" in legend
    assert "sigmoid" in legend
    _x, y = panel.chapter._overlay.curves[0][1].getData()  # the first run's smoothed loss
    np.testing.assert_array_equal(y, runs.records[0].smoothed)
    assert runs.export_csv(tmp_path / "runs.csv") == 2
    with (tmp_path / "runs.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["activation"] for r in rows] == ["relu", "sigmoid"]
    assert float(rows[1]["val_acc"]) == pytest.approx(runs.records[1].final()["val_acc"], abs=1e-3)


def test_templates_tab_shows_ten_named_tiles_for_digits(qtbot, panel: TrainingPanel) -> None:
    _run_to_end(qtbot, panel, TrainConfig(dataset="digits", hidden=(), epochs=1))
    tabs = panel.plots.view_tabs
    assert tabs.currentWidget() is tabs.templates_area
    views = tabs.last_views
    assert views is not None
    assert views.templates.shape == (10, 8, 8, 3)
    assert views.template_names == tuple("0123456789")
    assert not tabs.templates_image.isNull()
    assert "One linear map" in tabs.linear_label.text()
    assert not tabs.isTabVisible(tabs.indexOf(tabs.boundary_plot))


def test_the_fit_plot_draws_the_models_predictions(qtbot, panel: TrainingPanel) -> None:
    _run_to_end(qtbot, panel, TrainConfig(dataset="line", task="regression", hidden=(), epochs=2))
    tabs = panel.plots.view_tabs
    assert tabs.currentWidget() is tabs.fit_plot
    xs, ys = tabs.fit_curve.getData()
    trainer = panel.trainer
    assert trainer is not None
    np.testing.assert_allclose(ys, trainer.predict_values(xs.reshape(-1, 1))[:, 0], rtol=1e-6)


def test_save_load_and_export_from_the_dock(qtbot, panel: TrainingPanel, tmp_path: Path) -> None:
    _run_to_end(qtbot, panel, SMALL)
    trainer = panel.trainer
    assert trainer is not None
    panel.chapter.save_model(tmp_path / "m.npz")
    saved = load_model(tmp_path / "m.npz")
    for name, value in trainer.model.params.items():
        assert saved.params[name].tobytes() == value.tobytes()
    panel.chapter.export_pytorch(tmp_path / "net.py")
    assert "nn.Linear(2, 8)" in (tmp_path / "net.py").read_text("utf-8")
    assert (tmp_path / "net.npz").exists()
    panel.reset()
    panel.chapter.load_model(tmp_path / "m.npz")
    assert panel.options.config() == SMALL
    (tmp_path / "bad.npz").write_bytes(b"junk")
    panel.chapter._file_action(panel.chapter.load_model, str(tmp_path / "bad.npz"), "{name}")
    assert "is not a gradflow model file" in panel.status.text()
    assert panel.chapter.loaded is not None  # the good model is kept
    _run_to_end(qtbot, panel, SMALL)  # Start continues from the loaded weights
    assert panel.trainer is not trainer
    first = panel.trainer.history[0].params
    for name, value in saved.params.items():
        assert first[name].tobytes() == value.tobytes()


def test_the_speed_control_sets_the_running_workers_pace(qtbot, panel: TrainingPanel) -> None:
    speed = panel.chapter.controls.speed
    speed.setCurrentIndex(1)  # 1 it/s
    panel.options.set_config(TrainConfig(**{**SMALL.__dict__, "epochs": 50}))
    panel.start()
    worker = panel.worker
    assert worker is not None
    assert worker.pacer.rate == 1.0  # the Pacer bounds the loop (tests/nn: fake clock)
    speed.setCurrentIndex(len(RATES) - 1)
    assert worker.pacer.rate is None  # fastest, at once
    speed.setCurrentIndex(3)
    assert worker.pacer.rate == 10.0
    panel.stop()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=WAIT_MS)
