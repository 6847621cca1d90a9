"""ui: the step-through player - dock, controller, animation, explanations, keys, menu.

The dock (`PlayerDock`, registered in gradflow/ui/dock_registry.py) builds the rest.
"""

from __future__ import annotations

from gradflow.ui.player.controller import PlayerController
from gradflow.ui.player.dock import PlayerDock

__all__ = ["PlayerController", "PlayerDock"]
