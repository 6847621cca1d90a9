"""ui.training: the run list - every finished run with its config and final metrics.

Ticking runs overlays their smoothed loss and their validation accuracy in the loss and
accuracy plots, each named in the legend by what differs between the ticked runs
(`gradflow.nn.compare.differences`: "relu" vs "sigmoid"). The list exports to CSV: one
row per run, its options and final metrics.
"""

from __future__ import annotations

import csv
import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from gradflow.nn.compare import differences
from gradflow.nn.config import TrainConfig
from gradflow.nn.trainer import EpochMetrics

if TYPE_CHECKING:  # pyqtgraph costs ~1 s to import: only once the plots are built
    import pyqtgraph as pg

OVERLAY = ("#e6550d", "#31a354", "#756bb1", "#636363", "#e7298a", "#66a61e")
METRICS = ("epochs", "iterations", "train_loss", "val_loss", "train_acc", "val_acc")


@dataclass(frozen=True)
class RunRecord:
    """A finished run: its config, per-iteration (iteration, smoothed loss), its epochs."""

    config: TrainConfig
    iterations: np.ndarray
    smoothed: np.ndarray
    epochs: tuple[EpochMetrics, ...]

    def final(self) -> dict[str, float]:
        """The last epoch's metrics (NaN when no epoch ended)."""
        last = self.epochs[-1] if self.epochs else None
        nan = float("nan")
        return {
            "epochs": float(last.epoch if last else 0),
            "iterations": float(self.iterations[-1] if len(self.iterations) else 0),
            "train_loss": last.train_loss if last else nan,
            "val_loss": last.val_loss if last else nan,
            "train_acc": last.train_acc if last else nan,
            "val_acc": last.val_acc if last else nan,
        }


def _cell(v: float) -> str:
    return "" if not math.isfinite(v) else (f"{v:.4g}" if v != int(v) else str(int(v)))


class RunList(QTableWidget):
    """The runs, newest last; `ticked()` gives the records whose box is ticked."""

    ticked_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("runList")
        self.setHorizontalHeaderLabels(
            [self.tr("run"), self.tr("config"), self.tr("val loss"), self.tr("val acc")]
        )
        self.horizontalHeader().setStretchLastSection(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.records: list[RunRecord] = []
        for corner in self.findChildren(QAbstractButton):  # Qt's select-all corner
            corner.setToolTip(self.tr("Select every run"))
        self.itemChanged.connect(lambda _item: self.ticked_changed.emit())

    def add(self, record: RunRecord) -> None:
        """Append a finished run (unticked)."""
        self.records.append(record)
        row = self.rowCount()
        self.blockSignals(True)
        self.insertRow(row)
        tick = QTableWidgetItem(str(row + 1))
        tick.setFlags(tick.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        tick.setCheckState(Qt.CheckState.Unchecked)
        self.setItem(row, 0, tick)
        cfg = record.config
        hidden = ",".join(map(str, cfg.hidden)) or "none"
        text = f"{cfg.dataset} · {hidden} · {cfg.activation} · {cfg.optimizer} lr={cfg.lr}"
        self.setItem(row, 1, QTableWidgetItem(text))
        final = record.final()
        self.setItem(row, 2, QTableWidgetItem(_cell(final["val_loss"])))
        self.setItem(row, 3, QTableWidgetItem(_cell(final["val_acc"])))
        self.blockSignals(False)
        self.resizeColumnsToContents()

    def set_ticked(self, row: int, on: bool) -> None:
        """Tick or untick run `row` (0-based)."""
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        item = self.item(row, 0)
        if item is not None:
            item.setCheckState(state)

    def ticked(self) -> list[RunRecord]:
        """The ticked runs, in list order."""
        return [
            r
            for i, r in enumerate(self.records)
            if (item := self.item(i, 0)) is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def export_csv(self, path: str | Path) -> int:
        """One row per run: every config option and the final metrics; returns the rows."""
        fields = [f.name for f in dataclasses.fields(TrainConfig)]
        with Path(path).open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(["run", *fields, *METRICS])
            for k, r in enumerate(self.records, start=1):
                options = [getattr(r.config, f) for f in fields]
                options = [",".join(map(str, v)) if isinstance(v, tuple) else v for v in options]
                out.writerow([k, *options, *(_cell(v) for v in r.final().values())])
        return len(self.records)


class Overlay:
    """The ticked runs' curves in the loss and accuracy plots, named by their difference."""

    def __init__(self, loss_plot: pg.PlotWidget, accuracy_plot: pg.PlotWidget) -> None:
        self.loss_plot, self.accuracy_plot = loss_plot, accuracy_plot
        self.curves: list[tuple[pg.PlotWidget, pg.PlotDataItem]] = []
        self.names: list[str] = []

    def show(self, records: list[RunRecord]) -> None:
        """Replace the overlaid curves by those of `records`."""
        for plot, curve in self.curves:
            plot.removeItem(curve)
        self.curves = []
        self.names = differences([r.config for r in records])
        import pyqtgraph as pg  # the plots exist, so it is imported already

        for i, (record, name) in enumerate(zip(records, self.names, strict=True)):
            pen = pg.mkPen(OVERLAY[i % len(OVERLAY)], width=2, style=Qt.PenStyle.DashLine)
            loss = self.loss_plot.plot(record.iterations, record.smoothed, pen=pen, name=name)
            val = [e for e in record.epochs if math.isfinite(e.val_acc)]
            acc = self.accuracy_plot.plot(
                [e.epoch for e in val], [e.val_acc for e in val], pen=pen, name=name
            )
            self.curves += [(self.loss_plot, loss), (self.accuracy_plot, acc)]
