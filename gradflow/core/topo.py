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
    ids = list(nodes)  # nodes by number: the heap compares plain integers
    rank = {nid: i for i, nid in enumerate(ids)}
    indeg = [0] * len(ids)
    succ: list[list[int]] = [[] for _ in ids]
    for e in edges:
        d = rank[e.dst]
        indeg[d] += 1
        succ[rank[e.src]].append(d)
    ready = [i for i, d in enumerate(indeg) if d == 0]  # ascending: already a heap
    order: list[str] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(ids[i])
        for nxt in succ[i]:
            indeg[nxt] -= 1
            if indeg[nxt] == 0:
                heapq.heappush(ready, nxt)
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


def reaches(
    out: Mapping[str, list[Edge]], start: str, goal: str, without: Edge | None = None
) -> bool:
    """Whether a path of wires leads from `start` to `goal` (another node), not using
    the wire `without` if one is given (a wire about to be replaced)."""
    seen, stack = {start}, [start]
    while stack:
        for e in out[stack.pop()]:
            if without is not None and e == without:
                continue
            if e.dst == goal:
                return True
            if e.dst not in seen:
                seen.add(e.dst)
                stack.append(e.dst)
    return False
