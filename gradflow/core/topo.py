"""core: walks over a graph's wiring - the deterministic topological order, reachability.

Pure functions over adjacency (node ids and edges), so the Graph (core/graph.py) and its
incremental shape updates share one iterative sort: ties keep insertion order, and a long
chain never meets a recursion limit.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping

from gradflow.core.errors import GraphError
from gradflow.core.graph_items import Edge
from gradflow.core.i18n import _


def topological_order(nodes: Collection[str], edges: Iterable[Edge]) -> tuple[str, ...]:
    """Node ids so that every edge runs forward; ties keep the order of `nodes`.

    Raises GraphError if the edges make a cycle.
    """
    rank = {nid: i for i, nid in enumerate(nodes)}
    indeg = dict.fromkeys(nodes, 0)
    succ: dict[str, list[str]] = {nid: [] for nid in nodes}
    for e in edges:
        indeg[e.dst] += 1
        succ[e.src].append(e.dst)
    ready = [(rank[n], n) for n, d in indeg.items() if d == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _rank, nid = heapq.heappop(ready)
        order.append(nid)
        for nxt in succ[nid]:
            indeg[nxt] -= 1
            if indeg[nxt] == 0:
                heapq.heappush(ready, (rank[nxt], nxt))
    if len(order) != len(nodes):
        raise GraphError(_("the graph has a cycle"))
    return tuple(order)


def downstream(out: Mapping[str, list[Edge]], starts: Iterable[str]) -> dict[str, None]:
    """`starts` (those in `out`) and every node they feed, as an ordered set."""
    seen: dict[str, None] = {}
    stack = [s for s in starts if s in out]
    while stack:
        nid = stack.pop()
        if nid in seen:
            continue
        seen[nid] = None
        stack.extend(e.dst for e in out[nid])
    return seen


def reaches(out: Mapping[str, list[Edge]], start: str, goal: str) -> bool:
    """Whether a path of wires leads from `start` to `goal` (another node)."""
    seen, stack = {start}, [start]
    while stack:
        for e in out[stack.pop()]:
            if e.dst == goal:
                return True
            if e.dst not in seen:
                seen.add(e.dst)
                stack.append(e.dst)
    return False
