"""ui: the network graph's batch - how many samples "Open network as graph" takes (1..8),
remembered in QSettings, and the note that says how W is oriented on the canvas."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSpinBox, QWidget

from gradflow.ui.settings import open_settings

SETTING = "training/network_samples"
MAX_SAMPLES = 8


class NetworkBatchBox(QSpinBox):
    """1..8 samples for the network graph (default 1); a change is remembered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkSamples")
        self.setRange(1, MAX_SAMPLES)
        self.setToolTip(self.tr("How many training samples the network graph carries (1 to 8)"))
        try:
            start = int(str(open_settings().value(SETTING, 1)))
        except ValueError:  # a hand-edited settings file: the default
            start = 1
        self.setValue(max(1, min(MAX_SAMPLES, start)))
        self._name_unit(self.value())
        self.valueChanged.connect(self._on_value_changed)

    def _name_unit(self, value: int) -> None:
        """The suffix agrees with the number: "1 sample", "2 samples"."""
        self.setSuffix(self.tr(" sample") if value == 1 else self.tr(" samples"))

    def _on_value_changed(self, value: int) -> None:
        self._name_unit(value)
        open_settings().setValue(SETTING, value)


def orientation_note(sizes: tuple[int, ...]) -> str:
    """What the canvas says about W: stored inputs x units, the lecture's W transposed."""
    shapes = ", ".join(f"W{i} {d}×{c}" for i, (d, c) in enumerate(itertools.pairwise(sizes), 1))
    return QCoreApplication.translate(
        "NetworkNote",
        "Here W is stored inputs × units ({shapes}): s = X·W, one sample per row of X.\n"
        "The lecture writes W ∈ R^(c×d), s = W x: the same numbers, transposed.",
    ).format(shapes=shapes)
