"""ui: PlayerDriver - ties the player's index to the window's playhead and the animation.

One step forward is animated (pulses travel, then the playhead moves); any other move -
back, jumps, the slider - sets the playhead at once. A move during an animation first
finishes it. The window owns the playhead; the driver follows `playhead_changed`, so an
edit that resets or clamps the playhead moves the player too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from gradflow.core.explain import Explanation, caption_at, explain_step
from gradflow.core.trace import Trace
from gradflow.ui.player.animator import StepAnimator
from gradflow.ui.player.controller import PlayerController
from gradflow.ui.player.explain_html import explanation_html, summary_html

if TYPE_CHECKING:
    from gradflow.ui.main_window import MainWindow
    from gradflow.ui.player.dock import PlayerDock

ANIMATED_SHARE = 0.7  # of a step's time while playing: the pulse travels, then a rest


class PlayerDriver(QObject):
    """Connects a PlayerController and StepAnimator to a MainWindow."""

    def __init__(self, window: MainWindow, dock: PlayerDock, controller: PlayerController):
        super().__init__(window)
        self.window = window
        self.dock = dock
        self.controller = controller
        self.animator = StepAnimator(window.scene, self)
        self.animate = True
        self.show_explanations = True
        self._display = (True, True)
        self.active_node: str | None = None  # the node highlighted on the canvas
        self._moving = False
        controller.moved.connect(self._on_controller_moved)
        window.playhead_changed.connect(self._on_window_playhead_changed)
        window.document.result_changed.connect(self._on_document_result_changed)
        # a new graph: the scene has just deleted every item, the pulses included
        window.document.graph_replaced.connect(self.animator.cancel)
        self._on_document_result_changed(True)

    # --- reading --------------------------------------------------------------------------
    @property
    def trace(self) -> Trace | None:
        """The trace of the document's latest run."""
        return self.window.document.result.trace

    def explanation(self, k: int | None) -> Explanation | None:
        """The explanation of the step that playhead k has just revealed."""
        trace = self.trace
        if trace is None or k is None or not 0 < k <= len(trace):
            return None
        return explain_step(trace, self.window.document.graph, k - 1)

    # --- options ----------------------------------------------------------------------------
    def set_display(self, values: bool, grads: bool, explanations: bool) -> None:
        """Which numbers the canvas shows, and whether the inspector explains the step."""
        self._display = (values, grads)
        self.show_explanations = explanations
        self.window.scene.set_display(values, grads)
        self._show_text(self.window.playhead)

    # --- slots --------------------------------------------------------------------------------
    def _on_controller_moved(self, new: int, old: int) -> None:
        self._moving = True  # the controller already holds `new`: don't sync it back
        try:
            self.animator.finish()  # a step pressed mid-animation completes the previous one
        finally:
            self._moving = False
        trace = self.trace
        if trace is None:
            return
        dragging = self.dock.timeline.isSliderDown()  # scrubbing jumps, never animates
        if self.animate and not dragging and new == old + 1 and self._shown() == old:
            exp = self.explanation(new)
            self._set_active(trace.steps[new - 1].node)
            self._show_text(new, exp)  # caption and inspector say what the pulses carry
            ms = round(self.controller.step_ms * ANIMATED_SHARE)
            graph = self.window.document.graph
            self.animator.start(trace, graph, new - 1, exp, ms, lambda: self._reveal(new))
        else:
            self.animator.clear_tags()
            self._reveal(new)

    def _reveal(self, k: int) -> None:
        if self.window.playhead == k:
            self._on_window_playhead_changed(k)
        else:
            self.window.set_playhead(k)

    def _on_window_playhead_changed(self, k: int | None) -> None:
        trace = self.trace
        n = len(trace) if trace is not None else 0
        if self.animator.running and k != self.controller.index:
            self.animator.cancel()
        if not self._moving:
            self.controller.sync(n if k is None else k)
        if not self.animator.running:
            step = trace.steps[k - 1] if trace is not None and k and 0 < k <= n else None
            self._set_active(step.node if step is not None else None)
        self._show_text(k)

    def _on_document_result_changed(self, _structural: bool) -> None:
        self.animator.cancel()
        trace = self.trace
        n = len(trace) if trace is not None else 0
        self.controller.set_length(n, trace.n_forward if trace is not None else 0)
        self._on_window_playhead_changed(self.window.playhead)

    # --- helpers ------------------------------------------------------------------------------
    def _set_active(self, node_id: str | None) -> None:
        self.active_node = node_id
        self.window.scene.set_active_node(node_id)

    def _shown(self) -> int:
        k = self.window.playhead
        trace = self.trace
        return (len(trace) if trace is not None else 0) if k is None else k

    def caption(self, k: int | None) -> str:
        """The caption for playhead k when no step explains itself (start, end, nothing)."""
        trace, result = self.trace, self.window.document.result
        if (trace is None or len(trace) == 0) and result.notice:
            return nothing_to_play(result.notice, result.problems, result.output)
        return caption_at(trace, self.window.document.graph, k)

    def _show_text(self, k: int | None, exp: Explanation | None = None) -> None:
        exp = exp if exp is not None else self.explanation(k)
        self.dock.set_caption(exp.caption if exp is not None else self.caption(k))
        inspector = self.window.inspector
        if not self.show_explanations or k is None:
            inspector.set_step_explanation(None)
        elif exp is None:
            inspector.set_step_explanation(summary_html(self.caption(k)))
        else:
            values, grads = self._display
            inspector.set_step_explanation(
                explanation_html(exp, show_values=values, show_grads=grads)
            )


def nothing_to_play(notice: str, problems: Mapping[str, str], output: str | None = None) -> str:
    """Why there are no steps, and what to do - the engine's reason, not a generic line.

    The output's own problem is named, unless it only waits for another node: then the
    first problem in running order (the cause upstream).
    """
    text = f"Nothing to play yet: {notice}"
    if "output node" in notice:
        text += " (select it and tick “output node” in the inspector)"
    elif problems:
        own = problems.get(output or "", "waiting")
        node = output if not own.startswith("waiting") else next(iter(problems))
        text += f" - {node}: {problems[node]}"
    return text + "."
