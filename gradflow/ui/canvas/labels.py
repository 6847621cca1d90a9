"""ui: how the numbers on wires and on output stubs are written, and which ones a node shows."""

from __future__ import annotations

import numpy as np

from gradflow.core.engine import RunResult
from gradflow.core.formatting import format_array, format_number, format_shape
from gradflow.core.graph import Edge, Graph
from gradflow.core.playback import PlaybackState


def number_text(arr: np.ndarray) -> str:
    """A scalar as a number; a tensor compactly: '[0.22, 0.26]' or '2×2 [0.1, …]'.

    Digits follow the one precision setting (`formatting.precision()`), as everywhere.
    """
    arr = np.asarray(arr)
    if arr.ndim == 0:
        return format_array(arr)
    if arr.size <= 2:
        return format_array(arr.ravel())
    return f"{format_shape(arr.shape)} [{format_number(arr.ravel()[0])}, …]"


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


def widest_wire_text(result: RunResult, edge: Edge, default: str) -> str:
    """The longer of the value and gradient texts `edge` shows at the end of a run.

    Lets the label layout reserve room per wire (a tensor preview is wider than a
    number); `default` for a wire the run did not reach.
    """
    values = result.values.get(edge.src)
    texts = [default]
    if values is not None and edge.src_port < len(values):
        texts.append(number_text(values[edge.src_port]))
    grad = result.edge_grads.get(edge)
    if grad is not None:
        texts.append(number_text(grad))
    return max(texts, key=len)
