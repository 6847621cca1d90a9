"""bench: scalar engine throughput against micrograd, and the 1k-node recompute budget.

The graph is a scalar multilayer perceptron written out gate by gate: a layer of WIDTH
input nodes, then layers of WIDTH neurons, each neuron a chain of mul and add gates over
its WIDTH inputs (weights are trainable input nodes), plus a bias and a ReLU (tanh in
every other layer); an add chain sums the last layer into one output. The same
computation is built as a micrograd expression (its `Value` has no tanh, so the bench
gives it one in micrograd's own style), in the same process, and both are timed for
forward + backward, best of several runs, with the garbage collector on as in normal use.
"""

from __future__ import annotations

import math
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from gradflow.core.engine import run
from gradflow.core.graph import Graph

WIDTH = 8
BUDGET_MS = 16.0


def layer_count(n_nodes: int) -> int:
    """How many layers make a graph of about `n_nodes` nodes."""
    per_layer = WIDTH * WIDTH * 3 + WIDTH * 2  # weights, muls, adds (+ bias, activation)
    return max(1, round((n_nodes - WIDTH) / per_layer))


def make_spec(n_nodes: int, seed: int = 0) -> tuple[list[float], list[list[list[float]]]]:
    """Random inputs and, per layer and neuron, WIDTH weights followed by a bias."""
    rng = random.Random(seed)
    xs = [rng.uniform(-1, 1) for _ in range(WIDTH)]
    layers = [
        [[rng.uniform(-1, 1) / math.sqrt(WIDTH) for _ in range(WIDTH + 1)] for _ in range(WIDTH)]
        for _ in range(layer_count(n_nodes))
    ]
    return xs, layers


def build_graph(xs: list[float], layers: list[list[list[float]]]) -> Graph:
    """The spec as a gradflow graph of scalar gates."""
    g = Graph()
    ids = iter(range(10**9))

    def add(op: str, **attrs: float) -> str:
        # short ids keep the plan's dictionaries small; the names do not matter here
        return g.add_node(op, f"n{next(ids)}", **attrs)

    prev = [add("input", value=v) for v in xs]
    for li, layer in enumerate(layers):
        act = "relu" if li % 2 == 0 else "tanh"
        outs = []
        for neuron in layer:
            acc = None
            for x, w in zip(prev, neuron[:-1], strict=True):
                m = add("mul")
                g.connect(add("input", value=w), m)
                g.connect(x, m, 0, 1)
                if acc is None:
                    acc = m
                else:
                    s = add("add")
                    g.connect(acc, s)
                    g.connect(m, s, 0, 1)
                    acc = s
            b = add("add")
            g.connect(acc, b)
            g.connect(add("input", value=neuron[-1]), b, 0, 1)
            h = add(act)
            g.connect(b, h)
            outs.append(h)
        prev = outs
    acc = prev[0]
    for h in prev[1:]:
        s = add("add")
        g.connect(acc, s)
        g.connect(h, s, 0, 1)
        acc = s
    return g


def micrograd_tanh(v: Any) -> Any:
    """tanh for micrograd's Value, written the way micrograd writes its ops."""
    from micrograd.engine import Value

    t = math.tanh(v.data)
    out = Value(t, (v,), "tanh")

    def _backward() -> None:
        v.grad += (1 - t * t) * out.grad

    out._backward = _backward
    return out


def micrograd_run(xs: list[Any], params: list[Any], layers: list[list[list[float]]]) -> Any:
    """Forward (building the expression) and backward of the same computation in micrograd."""
    prev = xs
    k = 0
    for li, layer in enumerate(layers):
        outs = []
        for _neuron in layer:
            acc = None
            for x in prev:
                m = params[k] * x
                k += 1
                acc = m if acc is None else acc + m
            b = acc + params[k]
            k += 1
            outs.append(b.relu() if li % 2 == 0 else micrograd_tanh(b))
        prev = outs
    acc = prev[0]
    for h in prev[1:]:
        acc = acc + h
    acc.backward()
    return acc


def best_of(fn: Callable[[], object], repeats: int) -> float:
    """The fastest of `repeats` timed calls, in seconds."""
    best = math.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def bench_size(n_nodes: int, repeats: int) -> tuple[int, float, float]:
    """(node count, gradflow seconds, micrograd seconds) for one graph size."""
    from micrograd.engine import Value

    xs, layers = make_spec(n_nodes)
    graph = build_graph(xs, layers)
    run(graph, record=False)  # compile once; later runs reuse the plan, as training does
    ours = best_of(lambda: run(graph, record=False), repeats)
    mg_xs = [Value(x) for x in xs]
    params = [Value(w) for layer in layers for neuron in layer for w in neuron]
    theirs = best_of(lambda: micrograd_run(mg_xs, params, layers), repeats)
    return len(graph), ours, theirs


def main() -> None:
    """Print nodes/s for gradflow and micrograd at 1k, 10k and 100k nodes, then the budget."""
    sys.setrecursionlimit(100_000)  # micrograd sorts its graph recursively
    print(f"scalar MLP graph, width {WIDTH}; forward + backward, best of several runs")
    print(f"{'nodes':>8} {'gradflow Mnodes/s':>18} {'micrograd Mnodes/s':>19} {'ratio':>6}")
    for size, repeats in ((1_000, 20), (10_000, 7), (100_000, 3)):
        n, ours, theirs = bench_size(size, repeats)
        print(f"{n:>8} {n / ours / 1e6:>18.2f} {n / theirs / 1e6:>19.2f} {theirs / ours:>5.1f}x")
    xs, layers = make_spec(1_000)
    graph = build_graph(xs, layers)
    run(graph)
    values = iter(random.Random(1).uniform(-1, 1) for _ in range(10**6))

    def edit_and_recompute(fast: bool = True) -> None:
        graph.set_attr("n0", "value", next(values))  # what editing a value in the GUI does
        run(graph, record=True, fast=fast)

    traced = best_of(edit_and_recompute, 20) * 1e3
    general = best_of(lambda: edit_and_recompute(fast=False), 5) * 1e3
    print(
        f"edit a value + recompute with trace, {len(graph)} nodes: {traced:.1f} ms "
        f"({traced / BUDGET_MS:.0%} of the {BUDGET_MS:.0f} ms frame); "
        f"general numpy path: {general:.1f} ms"
    )


if __name__ == "__main__":
    main()
