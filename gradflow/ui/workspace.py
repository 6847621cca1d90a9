"""ui: Workspace - one per window: the document, the playhead, display options, selection.

A plain QObject (no widgets) that every part of the window receives in its constructor.
It is the one owner of what the parts share: the canvas, the docks and the menus read it
and change it through its methods, and follow its typed, past-tense signals. No part
reaches another part, or the main window, to learn any of this.

    workspace.document            the GraphDocument (graph, undo stack, latest run)
    workspace.playhead            steps of the trace shown (None: the whole run)
    workspace.display             DisplayOptions (values, gradients, explanations, ...)
    workspace.selection           ids of the selected nodes, in graph order
    workspace.trace               the current trace (the document's latest run)
    workspace.current_state()     what the canvas shows now (a PlaybackState)
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from gradflow.core import formatting
from gradflow.core.explain import Explanation, explain_step
from gradflow.core.formatting import DEFAULT_DIGITS
from gradflow.core.graph import Edge
from gradflow.core.playback import PlaybackState, next_state, state_at
from gradflow.core.trace import Trace
from gradflow.ui.document import GraphDocument

THEMES = ("light", "dark")


@dataclass(frozen=True)
class DisplayOptions:
    """What the window shows; one frozen value, replaced as a whole on every change.

    Add an option by adding a field with a default here: `set_display(name=value)`
    changes it and `display_changed` announces it. Options named in REMEMBERED are kept
    in the settings between sessions (under "display/<name>"; bool, int, float or str).
    """

    show_values: bool = True
    show_gradients: bool = True
    show_explanations: bool = True
    precision: int = DEFAULT_DIGITS  # significant digits of every number (core.formatting)
    theme: str = "light"  # one of THEMES
    follow_step: bool = True  # the camera frames the player's active step
    presentation: bool = False  # larger fonts and wires, for a projector (not remembered)


REMEMBERED = ("theme", "precision", "follow_step")


class Workspace(QObject):
    """The shared state of one window, with a signal for each part of it."""

    playhead_changed = Signal(object)  # int | None: the playhead moved (or was clamped)
    state_changed = Signal(object)  # PlaybackState | None: what the canvas shows changed
    trace_changed = Signal(object)  # Trace | None: a new run result (after every edit)
    display_changed = Signal(object, object)  # DisplayOptions now, DisplayOptions before
    selection_changed = Signal(tuple)  # tuple[str, ...]: the selected node ids
    explained_step_changed = Signal(object)  # int | None: the step the player explains

    def __init__(self, document: GraphDocument | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._document = document if document is not None else GraphDocument()
        self._playhead: int | None = None
        self._display = DisplayOptions()
        self._selection: tuple[str, ...] = ()
        self._explained: int | None = None
        self._explanation_cache: tuple[int, int, Explanation | None] | None = None
        self._learning_rate: float | None = None  # of the training this graph came from
        # the last state made: an edit that keeps the trace and the wires (a node added
        # unwired to a 10,000-node graph) shows it again instead of making it anew
        self._state_cache: tuple[Trace, int, tuple[Edge, ...], PlaybackState] | None = None
        self._document.result_changed.connect(self._on_document_result_changed)
        self._document.graph_replaced.connect(self._on_document_graph_replaced)

    # --- the document and its run -----------------------------------------------------------
    @property
    def document(self) -> GraphDocument:
        """The open graph: read it here, change it through its (undoable) methods."""
        return self._document

    @property
    def trace(self) -> Trace | None:
        """The trace of the document's latest run (None if nothing could run)."""
        return self._document.result.trace

    def explanation(self, k: int | None) -> Explanation | None:
        """The explanation of the step that playhead k has just revealed (cached)."""
        trace = self.trace
        if trace is None or k is None or not 0 < k <= len(trace):
            return None
        cached = self._explanation_cache
        if cached is not None and cached[0] == id(trace) and cached[1] == k:
            return cached[2]
        exp = explain_step(trace, self._document.graph, k - 1, lr=self._learning_rate)
        self._explanation_cache = (id(trace), k, exp)
        return exp

    @property
    def learning_rate(self) -> float | None:
        """The learning rate of the training the open graph came from, if it did."""
        return self._learning_rate

    def set_learning_rate(self, lr: float | None) -> None:
        """Say which learning rate updates this graph's parameters (None: not known).

        A parameter's step then shows its update `w − lr · dw` with the numbers. Opening
        another graph forgets it.
        """
        self._learning_rate = lr
        self._explanation_cache = None

    # --- the playhead (its only owner) ------------------------------------------------------
    @property
    def playhead(self) -> int | None:
        """Steps of the trace shown (None: the whole run, as after an edit outside the player)."""
        return self._playhead

    @property
    def shown_steps(self) -> int:
        """The playhead as a number: None counts as the whole trace."""
        n = len(self.trace) if self.trace is not None else 0
        return n if self._playhead is None else self._playhead

    def set_playhead(self, k: int | None) -> None:
        """Show the state after `k` steps (clamped to the trace), or the whole run for None."""
        if k is not None:
            trace = self.trace
            k = max(0, min(int(k), len(trace) if trace is not None else 0))
        if k != self._playhead:
            self._playhead = k
            self.playhead_changed.emit(k)
        self.state_changed.emit(self.current_state())

    def refresh_state(self) -> None:
        """Announce the current state again (a part that was rebuilt redraws from it)."""
        self.state_changed.emit(self.current_state())

    def current_state(self) -> PlaybackState | None:
        """What the canvas shows now: the trace's first `playhead` steps."""
        trace = self.trace
        if trace is None:
            return None
        k = len(trace) if self._playhead is None else self._playhead
        edges = self._document.graph.edges
        cached = self._state_cache
        same_run = cached is not None and cached[0] is trace and cached[2] == edges
        last = cached[3] if cached is not None and same_run else None
        if last is not None and last.step == k:
            return last
        if last is not None and k == last.step + 1 < len(trace):  # one step on: add its numbers
            state = next_state(last, trace, self._document.graph.out_edges)
        else:
            state = state_at(trace, edges, k)
        self._state_cache = (trace, k, edges, state)
        return state

    @property
    def explained_step(self) -> int | None:
        """The step the caption and inspector explain: the playhead, or the step a running
        animation leads to (its text shows while the pulses travel)."""
        return self._explained

    def set_explained_step(self, k: int | None) -> None:
        """Say which step is being explained (the player sets it)."""
        self._explained = k
        self.explained_step_changed.emit(k)

    # --- display options ----------------------------------------------------------------------
    @property
    def display(self) -> DisplayOptions:
        """The display options now."""
        return self._display

    def set_display(self, **changes: Any) -> None:
        """Change display options by name (`set_display(show_values=False)`)."""
        unknown = set(changes) - {f.name for f in fields(DisplayOptions)}
        if unknown:
            raise TypeError(f"unknown display options: {', '.join(sorted(unknown))}")
        if "theme" in changes and changes["theme"] not in THEMES:
            raise ValueError(f'unknown theme "{changes["theme"]}"')
        if "precision" in changes:  # the one number rule: clamped to 2..6 digits
            changes["precision"] = max(
                formatting.MIN_DIGITS, min(formatting.MAX_DIGITS, int(changes["precision"]))
            )
        new = replace(self._display, **changes)
        if new != self._display:
            old, self._display = self._display, new
            # the formatter first, so every part that redraws writes the new digits
            formatting.set_precision(new.precision)
            if new.precision != old.precision:
                self._explanation_cache = None  # its texts hold the old digits
            self.display_changed.emit(new, old)

    def restore_display(self, settings: QSettings) -> None:
        """Read the remembered display options (the theme under its old key "theme")."""
        changes: dict[str, Any] = {}
        for f in fields(DisplayOptions):
            if f.name not in REMEMBERED:
                continue
            key = "theme" if f.name == "theme" else f"display/{f.name}"
            raw = settings.value(key)
            if raw is None:
                continue
            default = getattr(DisplayOptions(), f.name)
            value = _parse(raw, type(default))
            if value is not None:
                changes[f.name] = value
        if changes.get("theme") not in (None, *THEMES):
            del changes["theme"]
        self.set_display(**changes)

    def save_display(self, settings: QSettings) -> None:
        """Remember the display options."""
        for f in fields(DisplayOptions):
            if f.name in REMEMBERED:
                key = "theme" if f.name == "theme" else f"display/{f.name}"
                settings.setValue(key, getattr(self._display, f.name))

    # --- selection ----------------------------------------------------------------------------
    @property
    def selection(self) -> tuple[str, ...]:
        """Ids of the selected nodes, in graph order."""
        return self._selection

    def set_selection(self, node_ids: tuple[str, ...] | list[str]) -> None:
        """Select exactly these nodes (the canvas follows, and reports clicks here)."""
        graph = self._document.graph
        ids = tuple(n for n in node_ids if n in graph)
        if ids != self._selection:
            self._selection = ids
            self.selection_changed.emit(ids)

    # --- document signals ---------------------------------------------------------------------
    def _on_document_result_changed(self, structural: bool) -> None:
        self._explanation_cache = None
        self.trace_changed.emit(self.trace)
        # a value edit keeps the playhead; a structural one shows the whole new run, so
        # every number that can be computed stays on screen (nothing blanks)
        if self._playhead is not None and not structural:
            self.set_playhead(self._playhead)
        elif self._playhead is not None:
            self.set_playhead(None)
        else:
            self.state_changed.emit(self.current_state())

    def _on_document_graph_replaced(self) -> None:
        self.set_selection(())
        self.set_learning_rate(None)


def _parse(raw: object, kind: type) -> object:
    """A QSettings value (a string from an .ini file) as `kind`, or None if it is not one."""
    if isinstance(raw, kind) and not (kind is int and isinstance(raw, bool)):
        return raw
    text = str(raw).strip().lower()
    try:
        if kind is bool:
            return {"true": True, "1": True, "false": False, "0": False}.get(text)
        if kind is int:
            return int(text)
        if kind is float:
            return float(text)
    except ValueError:
        return None
    return str(raw) if kind is str else None
