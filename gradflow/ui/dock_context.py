"""ui: DockContext - what every dock's constructor receives (the workspace and its neighbours).

A dock class is built as `DockClass(ctx)`. It reads and changes shared state through
`ctx.workspace`, asks the window for messages or files through `ctx.services`, and may
use the canvas (`ctx.scene`, `ctx.view`) and the edit commands (`ctx.edit`). It never
imports the main window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gradflow.ui.canvas.scene import GraphScene
    from gradflow.ui.canvas.view import GraphView
    from gradflow.ui.edit_actions import EditActions
    from gradflow.ui.services import WindowServices
    from gradflow.ui.workspace import Workspace


@dataclass(frozen=True)
class DockContext:
    """The parts a dock may talk to."""

    workspace: Workspace
    services: WindowServices
    scene: GraphScene
    view: GraphView
    edit: EditActions
