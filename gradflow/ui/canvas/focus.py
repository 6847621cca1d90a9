"""ui: focus + context - the active step's numbers stay readable at any zoom.

The labels of the active node (its caption) and of its input and output wires are
drawn at least READABLE_PT on screen, enlarged around their wire point when the view is
zoomed out, and drawn even below the zoom where the other numbers are hidden; every
other number keeps its size (and hides when too small to read).
"""

from __future__ import annotations

from collections.abc import Iterable

from shiboken6 import isValid

from gradflow.ui.canvas.label_item import LabelItem
from gradflow.ui.canvas.style import READABLE_PT


def focus_scale(number_pt: float, zoom: float) -> float:
    """How much to enlarge a label of `number_pt` so it shows READABLE_PT at `zoom`."""
    return max(1.0, READABLE_PT / (number_pt * max(zoom, 1e-6)))


class FocusLabels:
    """The labels in focus now, and the enlargement the view's zoom asks of them."""

    def __init__(self) -> None:
        self._labels: list[LabelItem] = []
        self._zoom = 1.0
        self._number_pt = 11.5

    @property
    def labels(self) -> list[LabelItem]:
        """The labels kept readable (the active step's)."""
        return list(self._labels)

    @property
    def zoom(self) -> float:
        """The view's zoom last told."""
        return self._zoom

    def set_labels(self, labels: Iterable[LabelItem]) -> None:
        """Focus these labels (and release the previous ones)."""
        labels = list(labels)
        for label in self._labels:
            if label not in labels and isValid(label):  # a deleted wire's label is gone
                label.set_focus(None)
        self._labels = labels
        self._apply()

    def set_zoom(self, zoom: float, number_pt: float) -> None:
        """The view's zoom (and the numbers' font size) changed."""
        if (zoom, number_pt) != (self._zoom, self._number_pt):
            self._zoom, self._number_pt = zoom, number_pt
            self._apply()

    def _apply(self) -> None:
        scale = focus_scale(self._number_pt, self._zoom)
        self._labels = [label for label in self._labels if isValid(label)]
        for label in self._labels:
            label.set_focus(scale)
