"""ui: how the numbers on wires and on output stubs are written, and which ones a node shows."""

from __future__ import annotations

import numpy as np

from gradflow.core.formatting import format_array, format_number, format_shape
from gradflow.core.graph import Graph
from gradflow.core.playback import PlaybackState


def number_text(arr: np.ndarray) -> str:
    """A scalar as a number; a tensor as its shape and a short preview ('2×2 [0.1, …]')."""
    arr = np.asarray(arr)
    if arr.ndim == 0:
        return format_array(arr)
    if arr.size <= 2:
        return format_array(arr.ravel(), digits=3)
    return f"{format_shape(arr.shape)} [{format_number(arr.ravel()[0], 3)}, …]"


def caption_values(
    state: PlaybackState | None, graph: Graph, node_id: str
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(value, gradient) of a single-output node whose output feeds no wire (e.g. the loss)."""
    if state is None or node_id not in graph:
        return None, None
    node = graph.node(node_id)
    if node.n_outputs != 1 or graph.out_edges(node_id):
        return None, None
    values = state.node_values.get(node_id)
    grads = state.node_grads.get(node_id)
    return (None if values is None else values[0], None if grads is None else grads[0])
