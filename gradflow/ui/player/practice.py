"""ui: practice mode (Player ▸ Practice, Ctrl+P) - predict each number before it is revealed.

While on, the player's controller asks this mode before revealing a step: a step with a
question (core/practice.py) goes on only once answered right. Enter checks; right
reveals the step with a green tick, wrong says which term is off and leaves the step
hidden; Hint gives the gate pattern, then the local-gradient formula, then the answer
(which counts the step as missed). Every step counts once, per gate type; at the end
the panel shows the score and the weakest gate. Leaving practice restores stepping.
`asking(step)` says which step's question is open (None: none), so the step camera
frames the node the question is about rather than the step just revealed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from gradflow.core.practice import DEFAULT_TOLERANCE, Question, check, question_at
from gradflow.core.practice_score import PracticeScore
from gradflow.core.trace import Trace
from gradflow.ui.player.practice_action import practice_action
from gradflow.ui.player.practice_panel import PracticePanel

if TYPE_CHECKING:
    from gradflow.ui.player.controller import PlayerController
    from gradflow.ui.workspace import Workspace


class PracticeMode(QObject):
    """The practice session of one window: answered steps, tries, hints and the score."""

    asking = Signal(object)  # int | None: the step whose question is open

    def __init__(
        self,
        workspace: Workspace,
        controller: PlayerController,
        panel: PracticePanel,
        action: QAction | None = None,
    ) -> None:
        super().__init__(panel)
        self.workspace, self.controller, self.panel = workspace, controller, panel
        self.tolerance = DEFAULT_TOLERANCE
        self.action = action if action is not None else practice_action(self)
        self.action.toggled.connect(self.set_active)
        self._reset()
        panel.hide()
        panel.check_requested.connect(self.check_answer)
        panel.hint_requested.connect(self.give_hint)
        panel.tolerance_changed.connect(self._on_panel_tolerance_changed)
        controller.position_changed.connect(self._on_controller_position_changed)
        controller.held.connect(self._on_controller_held)
        workspace.trace_changed.connect(self._on_workspace_trace_changed)

    @property
    def active(self) -> bool:
        """Whether practice mode is on."""
        return self.action.isChecked()

    def set_active(self, on: bool) -> None:
        """Enter practice (from the current step) or leave it (normal stepping again)."""
        if self.action.isChecked() != on:
            self.action.setChecked(on)  # comes back through toggled
            return
        self._reset()
        self.controller.set_gate(self._may_reveal if on else None)
        self.panel.setVisible(on)
        if not on:
            self.asking.emit(None)
        if on:
            self.controller.pause()
            if self.workspace.playhead is None or self.controller.index >= self.controller.length:
                self.controller.to_start()  # practice from the start, not the whole run
            self._show()
            self.panel.focus_first()

    def question(self, step: int) -> Question | None:
        """The question before `step` (1-based), cached per trace."""
        trace = self.workspace.trace
        if trace is None or not 0 < step <= len(trace):
            return None
        if step not in self._questions:
            self._questions[step] = question_at(trace, self.workspace.document.graph, step)
        return self._questions[step]

    def check_answer(self) -> bool:
        """Check what is typed for the pending step; reveal it when right."""
        self.controller.settle()  # a step still animating is revealed: its question is done
        step = self.controller.index + 1
        q = self.question(step)
        if q is None or not self.active:
            return False
        answers = self.panel.answers()
        feedback = check(q, answers, self.tolerance)
        if any(a is None for a in answers.values()):  # not an attempt yet: nothing counted
            self.panel.show_verdict(False, feedback.message, feedback.wrong)
            return False
        self._tries[step] = self._tries.get(step, 0) + 1
        if not feedback.right:
            self.panel.show_verdict(False, feedback.message, feedback.wrong)
            return False
        first = self._tries[step] == 1 and not self._shown_answer.get(step, False)
        self.score.record(step, q.gate_type, first)
        self._answered.add(step)
        text = (
            self.tr("Right - step {k} revealed.")
            if first
            else self.tr("Right now - step {k} revealed.")
        )
        self.panel.show_verdict(True, text.format(k=step))
        self.controller.step_forward()
        return True

    def give_hint(self) -> None:
        """The next hint: the gate pattern, the local gradient's formula, then the answer."""
        self.controller.settle()
        step = self.controller.index + 1
        q = self.question(step)
        if q is None:
            return
        n = min(self._hints.get(step, 0) + 1, len(q.hints))
        self._hints[step] = n
        self.panel.show_hints(q.hints[:n])
        if n == len(q.hints):  # the answer: filled in, and the step no longer counts as right
            self._shown_answer[step] = True
            for box, u in zip(self.panel.inputs, q.asked, strict=True):
                box.set_answer(u.expected)

    # --- internals ---------------------------------------------------------------------------
    def _reset(self) -> None:
        self.score = PracticeScore()
        self._answered: set[int] = set()
        self._tries: dict[int, int] = {}
        self._hints: dict[int, int] = {}
        self._shown_answer: dict[int, bool] = {}
        self._questions: dict[int, Question | None] = {}
        self._shown_step: int | None = None

    def _may_reveal(self, step: int) -> bool:
        return step in self._answered or self.question(step) is None

    def _show(self) -> None:
        step = self.controller.index + 1
        trace: Trace | None = self.workspace.trace
        n = len(trace) if trace is not None else 0
        if step == self._shown_step:
            return
        self._shown_step = step
        if step > n:
            self.panel.show_question(None, self.tr("The end of the run."))
            self.panel.summary.setText(self._summary_html())
            self.asking.emit(None)
            return
        q = None if step in self._answered else self.question(step)
        self.asking.emit(step if q is not None else None)
        if q is None:
            text = self.tr("Step {k}: nothing to predict here - press → to reveal it.")
            if step in self._answered:
                text = self.tr("Step {k}: answered - press → to reveal it again.")
            self.panel.show_question(None, text.format(k=step))
        else:
            self.panel.show_question(q, q.prompt)
        self.panel.summary.setText(self._summary_html() if self.score.total else "")

    def _summary_html(self) -> str:
        if not self.score.total:
            return self.tr("No answers yet.")
        weak = self.score.weakest()
        rows = " · ".join(
            f"<b style='color:#c0392b'>{g} {k}/{n}</b>" if g == weak else f"{g} {k}/{n}"
            for g, (k, n) in self.score.per_gate().items()
        )
        head = self.tr("Score: {k} of {n} right at the first try").format(
            k=self.score.score, n=self.score.total
        )
        weakest = self.tr("weakest gate: {gate}")  # outside the f-string: lupdate sees it
        tail = f" · {weakest.format(gate=weak)}" if weak else ""
        return f"<b>{head}</b><br>{rows}{tail}"

    def _on_controller_position_changed(self, _k: int) -> None:
        if self.active:
            self._show()
            self.panel.focus_first()

    def _on_controller_held(self, step: int) -> None:
        if self.active:
            self._show()
            message = self.tr("Predict step {k} first: type the numbers and press Enter.")
            self.panel.show_verdict(False, message.format(k=step))
            self.panel.focus_first()

    def _on_workspace_trace_changed(self, _trace: object) -> None:
        if self.active:  # a new graph or an edit: the old answers no longer apply
            self._reset()
            QTimer.singleShot(0, self._restart)  # once the window has placed its playhead

    def _restart(self) -> None:
        if self.active:
            self.controller.to_start()
            self._shown_step = None
            self._show()

    def _on_panel_tolerance_changed(self, tolerance: float) -> None:
        self.tolerance = tolerance
