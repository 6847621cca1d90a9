"""ui: NumberLayer - the numbers a GraphScene shows: a playback state's values and gradients.

A part of the scene (composition, not a mixin): it owns what the labels show now and
hands each changed number to its label. A new state is compared with what the labels
show (`number_diff`), so only labels whose text changes are touched; of those, a label
that no view shows now and that trades one number for another only remembers it
(formatted and drawn when it comes into view), so an edit on a 1,000-wire graph costs Qt
a repaint request only for the numbers in view.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from gradflow.core.graph import Edge, Graph
from gradflow.core.playback import PlaybackState
from gradflow.ui.canvas.edge_item import EdgeItem
from gradflow.ui.canvas.label_item import LabelItem, ViewBox
from gradflow.ui.canvas.labels import caption_values
from gradflow.ui.canvas.node_item import NodeItem
from gradflow.ui.canvas.number_diff import changed_numbers

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsView

NOWHERE: ViewBox = (math.inf, math.inf, -math.inf, -math.inf)  # meets no label
Shown = dict[Edge, np.ndarray]


class NumberLayer:
    """Values above wires, gradients below, captions on sinks.

    `nodes` and `edges` are the scene's item registries (read only here); `graph` gives
    the graph shown, `views` the views showing it and `detail` whether numbers are drawn
    at the current zoom.
    """

    def __init__(
        self,
        nodes: Mapping[str, NodeItem],
        edges: Mapping[Edge, EdgeItem],
        graph: Callable[[], Graph],
        views: Callable[[], list[QGraphicsView]],
        detail: Callable[[], bool],
    ) -> None:
        self._nodes, self._edges = nodes, edges
        self._graph, self._views, self._detail = graph, views, detail
        self._state: PlaybackState | None = None
        self._display = (True, True)
        self._shown_display: tuple[bool, bool] | None = None  # what show_state last drew
        # what the labels show now, so a new state touches only the labels that change
        self._shown_values: Shown = {}
        self._shown_grads: Shown = {}
        self._captions: dict[str, tuple[np.ndarray | None, np.ndarray | None]] = {}

    @property
    def state(self) -> PlaybackState | None:
        """The state shown (None: no numbers)."""
        return self._state

    @property
    def display(self) -> tuple[bool, bool]:
        """(values shown, gradients shown)."""
        return self._display

    def show_state(self, state: PlaybackState | None) -> None:
        """Draw each wire's revealed value and gradient (None: no numbers).

        Only labels whose text changes are touched: a player step or a value edit on a
        1,000-wire graph costs a dictionary walk, not 2,000 label updates. The very state
        shown already (a node added unwired keeps the run) costs nothing at all.
        """
        if state is not None and state is self._state and self._display == self._shown_display:
            return
        self._state, self._shown_display = state, self._display
        show_values, show_grads = self._display
        values = state.edge_values if state is not None and show_values else {}
        grads = state.edge_grads if state is not None and show_grads else {}
        values, grads = self._with_items(values), self._with_items(grads)
        view = self._view_box()
        changes, self._shown_values = changed_numbers(self._shown_values, values)
        self._give_numbers(changes, lambda item: item.value_label, view)
        changes, self._shown_grads = changed_numbers(self._shown_grads, grads)
        self._give_numbers(changes, lambda item: item.grad_label, view)
        self._show_captions(state, show_values, show_grads)

    def set_display(self, values: bool, grads: bool) -> None:
        """Show or hide values and gradients (redraws the current state)."""
        self._display = (values, grads)
        self.show_state(self._state)

    def forget_edge(self, edge: Edge) -> None:
        """A wire left the scene: its numbers are no longer shown."""
        self._shown_values.pop(edge, None)
        self._shown_grads.pop(edge, None)

    def forget_node(self, node_id: str) -> None:
        """A node left the scene: its caption is no longer shown."""
        self._captions.pop(node_id, None)

    def adopt(self, edges: list[Edge]) -> None:
        """New items appeared (a big graph scrolled into view): their labels get the
        numbers the state shows, and new sinks their captions."""
        state, (show_values, show_grads) = self._state, self._display
        for edge in edges:
            item = self._edges[edge]
            for shown, numbers, label in (
                (
                    self._shown_values,
                    state.edge_values if state and show_values else {},
                    item.value_label,
                ),
                (
                    self._shown_grads,
                    state.edge_grads if state and show_grads else {},
                    item.grad_label,
                ),
            ):
                number = shown.get(edge)
                if number is None:  # a big graph's state is followed only where items are
                    number = numbers.get(edge)
                    if number is not None:
                        shown[edge] = number
                if number is not None:
                    label.set_value(number)
        self._show_captions(self._state, *self._display)

    def clear(self) -> None:
        """Every item was recreated: nothing is shown yet."""
        self._state = None
        self._shown_values.clear()
        self._shown_grads.clear()
        self._captions.clear()

    # --- internals --------------------------------------------------------------------------
    def _with_items(self, numbers: Mapping[Edge, np.ndarray]) -> Mapping[Edge, np.ndarray]:
        """`numbers`, or only those of the wires with an item when far more wires have a
        number than an item (a big graph: 100,000 numbers, a few hundred in reach)."""
        items = self._edges
        if len(numbers) <= 2 * len(items) + 64:
            return numbers
        return {e: numbers[e] for e in items if e in numbers}

    def _give_numbers(
        self,
        changes: list[tuple[Edge, np.ndarray | None]],
        label_of: Callable[[EdgeItem], LabelItem],
        view: ViewBox | None,
    ) -> None:
        """Hand each changed number to its wire's label; off-screen labels skip the repaint."""
        for edge, number in changes:
            item = self._edges.get(edge)
            if item is not None:
                label = label_of(item)
                if view is None or not label.take_number_unseen(number, view):
                    label.set_value(number)

    def _view_box(self) -> ViewBox | None:
        """The part of the scene the views show, as one box (None without a view: all of it).

        A label outside it is painted afresh whenever it comes into view, so a new number
        for it needs no repaint request. While the numbers are hidden (zoomed far out) no
        label is shown: the box is empty.
        """
        views = self._views()
        if not views:
            return None
        if not self._detail():
            return NOWHERE
        left = top = math.inf
        right = bottom = -math.inf
        for view in views:
            # a few pixels more: antialiased edges reach past an item's bounding box
            shown = view.viewport().rect().adjusted(-3, -3, 3, 3)
            r = view.mapToScene(shown).boundingRect()
            left, top = min(left, r.left()), min(top, r.top())
            right, bottom = max(right, r.right()), max(bottom, r.bottom())
        return left, top, right, bottom

    def _show_captions(self, state: PlaybackState | None, values: bool, grads: bool) -> None:
        """Numbers on the stubs of outputs that feed no wire (sinks only), changed ones only."""
        graph = self._graph()
        captions = {}
        if state is not None and (values or grads):
            for nid in graph.sinks():
                value, grad = caption_values(state, graph, nid)
                value, grad = (value if values else None), (grad if grads else None)
                if (value is not None or grad is not None) and nid in self._nodes:
                    captions[nid] = (value, grad)
        old = self._captions
        for nid, (value, grad) in captions.items():
            before = old.pop(nid, (None, None))
            if before[0] is not value or before[1] is not grad:
                self._nodes[nid].set_caption(value, grad)
        for nid in old:  # captioned before, not now
            if nid in self._nodes:
                self._nodes[nid].set_caption(None, None)
        self._captions = captions
