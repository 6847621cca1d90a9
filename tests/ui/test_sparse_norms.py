"""The dock with a large network's gradient norms, measured on every k-th iteration only
(NaN on the others, nn.trainer): the norm curves join the measured points, the loss
curve keeps every iteration, and the metrics CSV leaves the unmeasured cells empty."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from gradflow.ui.training import TrainingPanel


def test_norm_curves_skip_unmeasured_iterations(
    qtbot, panel: TrainingPanel, tmp_path: Path
) -> None:
    plots = panel.plots
    plots.reset(2)
    n = 17
    norms = np.full((n, 2), np.nan)
    norms[::8] = [[3.0, 2.0], [2.5, 1.5], [2.0, 1.0]]  # iterations 1, 9 and 17
    rows = np.column_stack([np.arange(1, n + 1), np.ones(n), np.linspace(2, 1, n), norms])
    plots.add_iterations(rows)
    plots.redraw()
    xs, ys = plots.grad_curves[0].getData()
    assert xs.tolist() == [1, 9, 17]
    assert ys.tolist() == [3.0, 2.5, 2.0]
    assert plots.grad_curves[1].getData()[1].tolist() == [2.0, 1.5, 1.0]
    assert len(plots.loss_curve.getData()[0]) == n
    plots.set_log_scale(True)  # the log axes take the same points
    assert plots.grad_curves[0].getData()[0].tolist() == [1, 9, 17]
    path = tmp_path / "metrics.csv"
    assert panel.export_csv(path) == n
    with path.open(newline="", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert [r["grad_norm_layer1"] for r in table[:9]] == ["3.0"] + [""] * 7 + ["2.5"]
    assert all(r["loss"] for r in table)
