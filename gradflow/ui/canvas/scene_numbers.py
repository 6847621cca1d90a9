"""ui: the numbers a GraphScene shows - a playback state's values and gradients on labels.

A mixin of GraphScene. A new state is compared with what the labels show
(`number_diff`), so only labels whose text changes are touched; of those, a label that
no view shows now and that trades one number for another only remembers it (formatted
and drawn when it comes into view), so an edit on a 1,000-wire graph costs Qt a repaint
request only for the numbers in view.
"""

from __future__ import annotations

import math

import numpy as np

from gradflow.core.graph import Edge
from gradflow.core.playback import PlaybackState
from gradflow.ui.canvas.label_item import ViewBox
from gradflow.ui.canvas.labels import caption_values
from gradflow.ui.canvas.number_diff import changed_numbers

NOWHERE: ViewBox = (math.inf, math.inf, -math.inf, -math.inf)  # meets no label


class SceneNumbers:
    """Values above wires, gradients below, captions on sinks (GraphScene provides the state)."""

    def show_state(self, state: PlaybackState | None) -> None:
        """Draw each wire's revealed value and gradient (None: no numbers).

        Only labels whose text changes are touched: a player step or a value edit on a
        1,000-wire graph costs a dictionary walk, not 2,000 label updates.
        """
        if self._labels_dirty:
            self.layout_labels()
        self._state = state
        show_values, show_grads = self._display
        values = state.edge_values if state is not None and show_values else {}
        grads = state.edge_grads if state is not None and show_grads else {}
        view = self._view_box()
        changes, self._shown_values = changed_numbers(self._shown_values, values)
        self._give_numbers(changes, "value_label", view)
        changes, self._shown_grads = changed_numbers(self._shown_grads, grads)
        self._give_numbers(changes, "grad_label", view)
        self._show_captions(state, show_values, show_grads)

    def refresh_numbers(self) -> None:
        """Write every number again (the precision changed): labels and leaf cards."""
        graph = self.document.graph
        for item in self._edges.values():
            item.value_label.reformat()
            item.grad_label.reformat()
        for nid, node in self._nodes.items():
            node.update_from(graph.node(nid))
            node.value_label.reformat()
            node.grad_label.reformat()
        self._labels_dirty = True
        self._label_timer.start()

    def set_display(self, values: bool, grads: bool) -> None:
        """Show or hide values and gradients."""
        self._display = (values, grads)
        self.show_state(self._state)

    def _give_numbers(
        self, changes: list[tuple[Edge, np.ndarray | None]], label_name: str, view: ViewBox | None
    ) -> None:
        """Hand each changed number to its wire's label; off-screen labels skip the repaint."""
        for edge, number in changes:
            item = self._edges.get(edge)
            if item is not None:
                label = getattr(item, label_name)
                if view is None or not label.take_number_unseen(number, view):
                    label.set_value(number)

    def _view_box(self) -> ViewBox | None:
        """The part of the scene the views show, as one box (None without a view: all of it).

        A label outside it is painted afresh whenever it comes into view, so a new number
        for it needs no repaint request. While the numbers are hidden (zoomed far out) no
        label is shown: the box is empty.
        """
        views = self.views()
        if not views:
            return None
        if not self._detail:
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
        graph = self.document.graph
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
