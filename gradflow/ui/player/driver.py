"""ui: PlayerDriver - animates the player's steps on the canvas and keeps its caption current.

The workspace owns the playhead, and the controller moves it. The driver is the
controller's StepTransition: one step forward is animated (pulses travel, then the
driver sets the playhead), any other move - back, jumps, the slider - sets it at once,
and a move during an animation first finishes it. The driver follows `playhead_changed`
like every other part, so an edit that resets or clamps the playhead cancels a running
animation and moves the highlight. The caption and the inspector explain
`workspace.explained_step`, which the driver sets: during an animation it is the step
the pulses lead to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from gradflow.core.explain import Explanation
from gradflow.core.trace import Trace
from gradflow.ui.canvas.scene import GraphScene
from gradflow.ui.player.animator import StepAnimator
from gradflow.ui.player.controller import PlayerController
from gradflow.ui.player.step_text import caption
from gradflow.ui.workspace import DisplayOptions, Workspace

if TYPE_CHECKING:
    from gradflow.ui.player.dock import PlayerDock

ANIMATED_SHARE = 0.7  # of a step's time while playing: the pulse travels, then a rest


class PlayerDriver(QObject):
    """Connects a PlayerController and a StepAnimator to a Workspace and its canvas."""

    def __init__(
        self,
        workspace: Workspace,
        scene: GraphScene,
        dock: PlayerDock,
        controller: PlayerController,
    ) -> None:
        super().__init__(dock)
        self.workspace = workspace
        self.scene = scene
        self.dock = dock
        self.controller = controller
        self.animator = StepAnimator(scene, self)
        self.animate = True
        self.active_node: str | None = None  # the node highlighted on the canvas
        controller.set_transition(self)
        workspace.playhead_changed.connect(self._on_workspace_playhead_changed)
        workspace.document.result_changed.connect(self._on_document_result_changed)
        workspace.display_changed.connect(self._on_workspace_display_changed)
        # a new graph: the scene has just deleted every item, the pulses included
        workspace.document.graph_replaced.connect(self.animator.cancel)
        self._on_document_result_changed(True)

    # --- reading --------------------------------------------------------------------------
    @property
    def trace(self) -> Trace | None:
        """The trace of the document's latest run."""
        return self.workspace.trace

    def explanation(self, k: int | None) -> Explanation | None:
        """The explanation of the step that playhead k has just revealed."""
        return self.workspace.explanation(k)

    def caption(self, k: int | None) -> str:
        """The caption for playhead k."""
        return caption(self.workspace, k)

    # --- the controller's StepTransition -------------------------------------------------
    def begin_step(self, new: int, old: int) -> bool:
        """Animate one step forward (True: the playhead is set when the pulses arrive)."""
        trace = self.trace
        dragging = self.dock.timeline.isSliderDown()  # scrubbing jumps, never animates
        if trace is None or not self.animate or dragging or new != old + 1:
            self.animator.clear_tags()
            return False
        exp = self.explanation(new)
        self._set_active(trace.steps[new - 1].node)
        self._show_text(new, exp)  # caption and inspector say what the pulses carry
        ms = round(self.controller.step_ms * ANIMATED_SHARE)
        graph = self.workspace.document.graph
        self.animator.start(trace, graph, new - 1, exp, ms, lambda: self._reveal(new))
        return True

    def finish_step(self) -> None:
        """Complete a running animation at once (its step revealed)."""
        self.animator.finish()

    # --- slots --------------------------------------------------------------------------------
    def _reveal(self, k: int) -> None:
        if self.workspace.playhead == k:  # already there: still say so on the canvas
            self._on_workspace_playhead_changed(k)
        else:
            self.workspace.set_playhead(k)

    def _on_workspace_playhead_changed(self, k: int | None) -> None:
        trace = self.trace
        n = len(trace) if trace is not None else 0
        if self.animator.running:  # the playhead moved under the step being shown
            self.animator.cancel()
        step = trace.steps[k - 1] if trace is not None and k and 0 < k <= n else None
        self._set_active(step.node if step is not None else None)
        self._show_text(k)

    def _on_document_result_changed(self, _structural: bool) -> None:
        self.animator.cancel()
        self._on_workspace_playhead_changed(self.workspace.playhead)

    def _on_workspace_display_changed(self, new: DisplayOptions, old: DisplayOptions) -> None:
        shown = (new.show_values, new.show_gradients, new.show_explanations, new.precision)
        if shown != (old.show_values, old.show_gradients, old.show_explanations, old.precision):
            self._show_text(self.workspace.playhead)

    # --- helpers ------------------------------------------------------------------------------
    def _set_active(self, node_id: str | None) -> None:
        self.active_node = node_id
        self.scene.set_active_node(node_id)

    def _show_text(self, k: int | None, exp: Explanation | None = None) -> None:
        self.dock.set_caption(caption(self.workspace, k, exp))
        self.workspace.set_explained_step(k)
