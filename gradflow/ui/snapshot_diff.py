"""ui: comparing the document's graph snapshots, and naming what a paste adds.

GraphDocument swaps whole graph snapshots on structural edits and emits only what
changed (`graph_diff`; `replaced` and `same_node` decide it). An edit that names the
nodes and wires it may change is compared on those alone. `fresh_label` and `id_stem` name the
copies a paste adds so that no two nodes look alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gradflow.core.graph import Edge, Graph, Node
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


Touched = tuple[tuple[str, ...], tuple[Edge, ...]]  # (node ids, wires) an edit may change


@dataclass
class GraphDiff:
    """What differs between two graphs, in the order the document announces it."""

    removed_edges: list[Edge] = field(default_factory=list)
    removed_nodes: list[str] = field(default_factory=list)
    added_nodes: list[str] = field(default_factory=list)
    changed_nodes: list[str] = field(default_factory=list)
    moved_nodes: list[str] = field(default_factory=list)
    added_edges: list[Edge] = field(default_factory=list)
    structural: bool = False  # wires, nodes, ports or the output changed


def graph_diff(old: Graph, new: Graph, touched: Touched | None = None) -> GraphDiff:
    """The difference of `old` and `new`; `touched`: only these nodes and wires can differ
    (an edit that says so costs its own size, not a walk over 100,000 nodes)."""
    d = GraphDiff(structural=old.output != new.output)
    if touched is None:
        gone: Iterable[str] = old.nodes
        came: Iterable[str] = new.nodes
        old_edges, new_edges = old.edges, new.edges
    else:
        gone = came = dict.fromkeys(touched[0])
        wires = dict.fromkeys(touched[1])
        old_edges = tuple(e for e in wires if _has(old, e))
        new_edges = tuple(e for e in wires if _has(new, e))
    kept, made = dict.fromkeys(new_edges), dict.fromkeys(old_edges)
    for e in old_edges:
        if e not in kept or replaced(old, new, e.src) or replaced(old, new, e.dst):
            d.removed_edges.append(e)
    for nid in gone:
        a, b = old.nodes.get(nid), new.nodes.get(nid)
        if a is not None and (b is None or a.op != b.op):
            d.removed_nodes.append(nid)
    for nid in came:
        a, b = old.nodes.get(nid), new.nodes.get(nid)
        if b is None:
            continue
        if a is None or a.op != b.op:
            d.added_nodes.append(nid)
            continue
        if not same_node(a, b):
            d.changed_nodes.append(nid)
            d.structural = d.structural or a.n_outputs != b.n_outputs
        if a.pos != b.pos:
            d.moved_nodes.append(nid)
    for e in new_edges:
        if e not in made or replaced(old, new, e.src) or replaced(old, new, e.dst):
            d.added_edges.append(e)
    d.structural = d.structural or bool(
        d.removed_edges or d.removed_nodes or d.added_nodes or d.added_edges
    )
    return d


def _has(graph: Graph, edge: Edge) -> bool:
    return edge.src in graph.nodes and edge in graph.out_edges(edge.src)
