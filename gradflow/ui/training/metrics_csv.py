"""ui.training: the metrics table the training dock exports - one CSV row per iteration."""

from __future__ import annotations

import csv
import math
from pathlib import Path

from gradflow.nn.trainer import EpochMetrics
from gradflow.ui.training.series import Series

EPOCH_FIELDS = ("train_loss", "train_acc", "val_loss", "val_acc", "samples_per_s")


def write_metrics_csv(
    path: str | Path, iterations: Series, epochs: list[EpochMetrics], n_layers: int
) -> int:
    """Write iteration, epoch, loss and each layer's gradient norm per row (empty where the
    iteration did not measure it), with the epoch's results on the row that ended it
    (empty elsewhere); returns the number of rows.

    `iterations` holds the dock's columns: iteration, epoch, loss, smoothed loss, norms...
    """
    by_iteration = {e.iteration: e for e in epochs}
    header = ["iteration", "epoch", "loss"]
    header += [f"grad_norm_layer{i + 1}" for i in range(n_layers)] + list(EPOCH_FIELDS)
    columns = [iterations.column(c) for c in (0, 1, 2)]
    columns += [iterations.column(4 + i) for i in range(n_layers)]
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for row in zip(*columns, strict=True):
            ep = by_iteration.get(int(row[0]))
            tail = ["" if ep is None else _cell(getattr(ep, f)) for f in EPOCH_FIELDS]
            norms = [_cell(v) for v in row[3:]]  # empty where the iteration measured none
            out.writerow([int(row[0]), int(row[1]), repr(float(row[2])), *norms, *tail])
    return len(iterations)


def _cell(value: float) -> str:
    return repr(float(value)) if math.isfinite(value) else ""
