"""bench: loading a long chain from a `.gflow` file, edges listed forwards and backwards.

Saving a graph that was wired output-first lists its edges from the output backwards;
wiring those one by one re-derived the shapes downstream of every new edge (quadratic).
The loader now wires all edges and validates once. This prints the load time of a chain
in both orders, their ratio (about 1 means linear either way), and the old one-by-one
wiring of a shorter backward chain as the baseline it replaced.

    python bench/loading.py [N]      (default 10,000 nodes)
"""

from __future__ import annotations

import json
import sys
import time

from gradflow.core.fileformat import loads
from gradflow.core.graph import Graph


def chain_doc(n: int, backwards: bool) -> str:
    """A `.gflow` document: x0 -> neg -> neg -> ..., n nodes."""
    nodes = [{"id": "x0", "op": "input", "value": 1.0}]
    nodes += [{"id": f"x{i}", "op": "neg"} for i in range(1, n)]
    edges = [{"from": f"x{i - 1}", "to": f"x{i}"} for i in range(1, n)]
    if backwards:
        edges.reverse()
    return json.dumps({"format": "gradflow", "version": 1, "nodes": nodes, "edges": edges})


def best_of(fn, repeats: int = 3) -> float:
    """Best wall time of `fn()` in seconds."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def one_by_one_backwards(n: int) -> None:
    """The old way: every edge wired with `connect`, from the output backwards."""
    g = Graph()
    g.add_node("input", "x0", value=1.0)
    for i in range(1, n):
        g.add_node("neg", f"x{i}")
    for i in range(n - 1, 0, -1):
        g.connect(f"x{i - 1}", f"x{i}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    forward, backward = chain_doc(n, False), chain_doc(n, True)
    t_fwd = best_of(lambda: loads(forward))
    t_bwd = best_of(lambda: loads(backward))
    graph = loads(backward)
    small = min(n, 2000)
    t_old = best_of(lambda: one_by_one_backwards(small), 1)
    print(
        f"chain of {n:,} nodes: forward order {t_fwd * 1000:.0f} ms, "
        f"backward order {t_bwd * 1000:.0f} ms, ratio {t_bwd / t_fwd:.2f}"
    )
    print(
        f"shape derivations while loading backwards: {graph.shape_derivations:,} "
        f"({graph.shape_derivations / n:.1f} per node)"
    )
    print(
        f"baseline, connect one by one backwards, {small:,} nodes: {t_old * 1000:.0f} ms "
        f"({t_old / t_bwd * n / small:.0f}x the new loader's time per node)"
    )


if __name__ == "__main__":
    main()
