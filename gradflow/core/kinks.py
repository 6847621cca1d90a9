"""core: where a graph sits on a non-differentiable point of an op (a max tie, ReLU at 0).

There, a finite difference straddles two slopes and cannot agree with either one-sided
gradient; gradflow's backward uses one documented convention (the op's `kink_note`).
`gradflow check` uses this to say so instead of reporting a bare mismatch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from gradflow.core.graph import Graph
from gradflow.core.naming import name_in
from gradflow.core.words import kink_sentence


@dataclass(frozen=True)
class Kink:
    """Node `node` is at a non-differentiable point; `text` says which convention applies."""

    node: str
    key: str
    text: str


def find_kinks(graph: Graph, values: Mapping[str, tuple[np.ndarray, ...]]) -> tuple[Kink, ...]:
    """Every node whose op has a kink at the inputs it computed with, in graph order."""
    found = []
    for node in graph:
        spec = node.spec
        if spec.kink is None:
            continue
        edges = graph.in_edges(node.id)
        if any(e is None or e.src not in values for e in edges):
            continue
        ins = tuple(values[e.src][e.src_port] for e in edges if e is not None)
        if bool(np.any(spec.kink(ins))):
            names = [_name(graph, e.src) for e in edges if e is not None]
            a, b = (names + names)[:2]
            text = kink_sentence(spec.kink_note).format(a=a, b=b, x=a)
            found.append(Kink(node.id, spec.kink_note, text))
    return tuple(found)


def _name(graph: Graph, node_id: str) -> str:
    return name_in(graph.node(node_id).title) or node_id


def depends_on(graph: Graph, node: str, source: str) -> bool:
    """Whether `node`'s value depends on `source` (walking input edges back from `node`)."""
    seen, stack = {node}, [node]
    while stack:
        current = stack.pop()
        if current == source:
            return True
        for e in graph.in_edges(current):
            if e is not None and e.src not in seen:
                seen.add(e.src)
                stack.append(e.src)
    return False
