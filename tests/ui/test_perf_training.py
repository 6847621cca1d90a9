"""Tests for the training dock's cheap paths: built when first shown, one plot per tick."""

from __future__ import annotations

import numpy as np

from gradflow.nn.trainer import EpochMetrics
from gradflow.ui.training import TrainingPanel


def _epoch(k: int) -> EpochMetrics:
    return EpochMetrics(
        epoch=k,
        iteration=4 * k,
        train_loss=1.0 / k,
        train_acc=0.5,
        val_loss=1.0,
        val_acc=0.4,
        samples_per_s=100.0,
        grad_norms=(0.1,),
        elapsed=0.1 * k,
    )


def test_a_panel_on_its_own_builds_nothing_until_shown(qtbot) -> None:
    panel = TrainingPanel()  # no window: the panel waits for its first show
    qtbot.addWidget(panel)
    assert panel._plots is None
    assert panel.widget() is None  # neither the form nor the plots yet
    panel.show()
    qtbot.waitUntil(panel.isVisible)
    assert panel._plots is not None
    assert panel.widget() is panel.body
    assert panel.start_button.isEnabled()


def test_widgets_asked_for_before_the_first_show_are_built_then(qtbot) -> None:
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    assert panel.status.text() == "Choose the options and press Start."
    assert panel.options.config().dataset == "spiral"
    assert panel._plots is None  # the plots still wait for a show or a use


def test_redraw_next_pushes_one_stale_plot_per_call(qtbot) -> None:
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    plots = panel.plots
    plots.reset(1)
    rows = np.array([[1, 1, 0.9, 0.1], [2, 1, 0.8, 0.2], [3, 1, 0.7, 0.3], [4, 1, 0.6, 0.4]])
    plots.add_iterations(rows)
    plots.add_epochs([_epoch(1)])

    def drawn() -> dict[str, int]:
        def n(curve) -> int:
            x, _ = curve.getData()
            return 0 if x is None else len(x)

        return {
            "loss": n(plots.loss_curve),
            "grad": n(plots.grad_curves[0]),
            "accuracy": n(plots.train_acc_curve),
        }

    assert drawn() == {"loss": 0, "grad": 0, "accuracy": 0}
    plots.redraw_next()
    assert drawn() == {"loss": 4, "grad": 0, "accuracy": 0}
    plots.redraw_next()
    assert drawn() == {"loss": 4, "grad": 4, "accuracy": 0}
    assert plots.dirty
    plots.redraw_next()
    assert drawn() == {"loss": 4, "grad": 4, "accuracy": 1}
    assert not plots.dirty
    plots.add_epochs([_epoch(2)])  # only the epoch plots go stale
    plots.redraw()
    assert drawn()["accuracy"] == 2
    assert plots.val_loss_curve.getData()[0].tolist() == [4, 8]


def test_one_scatter_per_class_holds_that_class_points(qtbot) -> None:
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    plots = panel.plots
    points = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0]])
    labels = np.array([0, 2, 0, 1, 2])
    plots._show_dots(points, labels)
    assert [len(d.data) for d in plots.dots] == [2, 1, 2]
    xs = [sorted(d.getData()[0].tolist()) for d in plots.dots]
    assert xs == [[0.0, 2.0], [3.0], [1.0, 4.0]]


def _count_holds(monkeypatch) -> list[int]:
    from gradflow.ui.training.worker import TrainingWorker

    holds = [0]
    original = TrainingWorker.hold

    def spy(self) -> None:
        holds[0] += 1
        original(self)

    monkeypatch.setattr(TrainingWorker, "hold", spy)
    return holds


def test_the_worker_is_held_for_repaints_only_while_the_plots_are_seen(qtbot, monkeypatch):
    from gradflow.nn import TrainConfig

    holds = _count_holds(monkeypatch)
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    config = TrainConfig(dataset="xor", hidden=(8,), epochs=30, samples=200)
    panel.options.set_config(config)
    panel.start()  # never shown: no repaint would ever end a hold
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=20_000)
    assert holds[0] == 0
    assert len(panel.plots.iterations) > 0
    panel.show()
    qtbot.waitUntil(panel.isVisible)
    panel.reset()
    panel.start()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=20_000)
    assert holds[0] > 0
    assert panel.status.text().startswith("Finished after 30 epochs")
