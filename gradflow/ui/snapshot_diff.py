"""ui: comparing the document's graph snapshots, and naming what a paste adds.

GraphDocument swaps whole graph snapshots on structural edits and emits only what
changed: `replaced` and `same_node` decide that. `fresh_label` and `id_stem` name the
copies a paste adds so that no two nodes look alike.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gradflow.core.graph import Graph, Node
from gradflow.core.naming import name_in


def fresh_label(label: str, taken: set[str]) -> str:
    """`label`, or a numbered variant no node shows yet: 'q = x + y' → 'q2 = x + y'."""
    if label not in taken:
        return label
    name = name_in(label)
    for k in range(2, 10000):
        fresh = label.replace(name, f"{name}{k}", 1) if name else f"{label} ({k})"
        if fresh not in taken:
            return fresh
    return label


def id_stem(node_id: str) -> str:
    """The id without its number, to number a pasted copy: 'mul12' → 'mul'."""
    return node_id.rstrip("0123456789") or "n"


def replaced(old: Graph, new: Graph, nid: str) -> bool:
    """Whether node `nid` is in both graphs with another op (a new node under an old id)."""
    a, b = old.nodes.get(nid), new.nodes.get(nid)
    return a is not None and b is not None and a.op != b.op


def same_node(a: Node, b: Node) -> bool:
    """Whether two versions of a node show the same: label and attributes (values exact)."""
    if a.label != b.label or a.attrs.keys() != b.attrs.keys():
        return False
    return all(_same_value(a.attrs[k], b.attrs[k]) for k in a.attrs)


def _same_value(x: Any, y: Any) -> bool:
    if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
        x, y = np.asarray(x), np.asarray(y)
        return x.shape == y.shape and x.dtype == y.dtype and bool(np.array_equal(x, y))
    return bool(x == y) and type(x) is type(y)
