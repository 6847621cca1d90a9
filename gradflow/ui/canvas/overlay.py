"""ui: OverlayLayer - the scene's documented place for transient items: pulses and tags.

The player's animator (pulses travelling along wires, "Σ = ..." and "max routes" tags)
and the headless renderer add their items here instead of to the scene directly. They
keep their own z-value (the pulses' is above every node, label and wire), and are
forgotten when the scene rebuilds (the scene deletes every item then). `remove` is safe
for an item the scene already deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QGraphicsItem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsScene


class OverlayLayer:
    """Transient items drawn on top of the graph."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self._scene = scene
        self._items: list[QGraphicsItem] = []

    def add(self, item: QGraphicsItem) -> QGraphicsItem:
        """Show `item` on top of the graph; returns it."""
        self._scene.addItem(item)
        self._items.append(item)
        return item

    def remove(self, item: QGraphicsItem) -> None:
        """Take `item` off the canvas (nothing if the scene already deleted it)."""
        if item in self._items:
            self._items.remove(item)
        if shiboken6.isValid(item) and item.scene() is not None:
            item.scene().removeItem(item)

    def items(self) -> list[QGraphicsItem]:
        """The overlay items shown now, oldest first."""
        return [i for i in self._items if shiboken6.isValid(i)]

    def forget(self) -> None:
        """The scene is about to delete every item: stop tracking ours."""
        self._items.clear()
