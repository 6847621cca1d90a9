"""Shared helpers for core tests: bit-for-bit comparison of two runs, random scalar graphs."""

from __future__ import annotations

import numpy as np

from gradflow.core.engine import RunResult
from gradflow.core.graph import Graph
from gradflow.core.trace import ForwardStep

SCALAR_BINARY = ("add", "mul", "max", "mse", "sub", "div")
SCALAR_UNARY = (
    "neg",
    "exp",
    "reciprocal",
    "add_const",
    "mul_const",
    "square",
    "sigmoid",
    "tanh",
    "relu",
    "sum",
    "pow",
    "abs",
    "linear",
)


def same(a: object, b: object) -> bool:
    """Equal arrays to the last bit: shape, dtype, values (NaN equal NaN) and signs of zero."""
    a, b = np.asarray(a), np.asarray(b)
    return (
        a.shape == b.shape
        and a.dtype == b.dtype
        and np.array_equal(a, b, equal_nan=True)
        and np.array_equal(np.signbit(a), np.signbit(b))
    )


def same_arrays(xs: tuple, ys: tuple) -> bool:
    """Two tuples of arrays (or None) that are the same element for element."""
    return len(xs) == len(ys) and all(
        (x is None and y is None) or (x is not None and y is not None and same(x, y))
        for x, y in zip(xs, ys, strict=True)
    )


def assert_same_run(fast: RunResult, slow: RunResult) -> None:
    """Two runs agree on every value, gradient, wire gradient and trace step, in order."""
    assert fast.output == slow.output
    assert list(fast.values) == list(slow.values)
    for k in slow.values:
        assert same_arrays(fast.values[k], slow.values[k]), k
    assert list(fast.grads) == list(slow.grads)
    for k in slow.grads:
        assert same_arrays(fast.grads[k], slow.grads[k]), k
    assert list(fast.edge_grads) == list(slow.edge_grads)
    for e in slow.edge_grads:
        assert same(fast.edge_grads[e], slow.edge_grads[e]), e
    assert (fast.trace is None) == (slow.trace is None)
    if slow.trace is None:
        return
    assert fast.trace.n_forward == slow.trace.n_forward
    assert len(fast.trace) == len(slow.trace)
    for f, s in zip(fast.trace, slow.trace, strict=True):
        assert (type(f), f.index, f.node, f.op) == (type(s), s.index, s.node, s.op)
        if isinstance(s, ForwardStep):
            assert f.input_edges == s.input_edges
            assert same_arrays(f.inputs, s.inputs)
            assert same_arrays(f.outputs, s.outputs)
            continue
        assert [a.edge for a in f.upstream] == [a.edge for a in s.upstream]
        assert same_arrays(tuple(a.grad for a in f.upstream), tuple(a.grad for a in s.upstream))
        assert same_arrays(f.upstream_sum, s.upstream_sum), s.node
        assert same_arrays(f.local, s.local), s.node
        assert [e for e, _ in f.downstream] == [e for e, _ in s.downstream]
        assert same_arrays(tuple(g for _, g in f.downstream), tuple(g for _, g in s.downstream))


# signed zeros, overflow to infinity and NaN (inf - inf) are where two paths part ways
SPECIAL_VALUES = (0.0, -0.0, 1.0, -1.0, 0.5, 710.0, -1000.0, 1e-300, -1e308)


def random_scalar_graph(rng: np.random.Generator, n_ops: int, special: bool = False) -> Graph:
    """A random DAG of every scalar op, with fan-out, copies, consts and frozen inputs.

    special: draw leaf values from SPECIAL_VALUES instead of a normal distribution.
    """
    g = Graph()
    ports: list[tuple[str, int]] = []
    for i in range(int(rng.integers(2, 5))):
        op = "const" if i == 3 else "input"
        extra = {"trainable": bool(rng.random() < 0.8)} if op == "input" else {}
        value = rng.choice(SPECIAL_VALUES) if special else rng.normal(0, 2)
        g.add_node(op, f"v{i}", value=float(value), **extra)
        ports.append((f"v{i}", 0))
    for j in range(n_ops):
        kind = rng.random()
        pick = [ports[int(k)] for k in rng.integers(0, len(ports), 2)]
        if kind < 0.1:
            nid = g.add_node("copy", f"c{j}", outputs=int(rng.integers(1, 4)))
            g.connect(pick[0][0], nid, pick[0][1], 0)
            ports.extend((nid, p) for p in range(g.node(nid).n_outputs))
            continue
        if kind < 0.5:
            op = SCALAR_BINARY[int(rng.integers(len(SCALAR_BINARY)))]
            nid = g.add_node(op, f"n{j}")
            g.connect(pick[0][0], nid, pick[0][1], 0)
            g.connect(pick[1][0], nid, pick[1][1], 1)
        else:
            op = SCALAR_UNARY[int(rng.integers(len(SCALAR_UNARY)))]
            attrs = {"c": float(rng.normal())} if op in ("add_const", "mul_const") else {}
            if op == "pow":  # whole exponents: a fractional one refuses negative bases
                attrs = {"c": float(rng.choice([-1.0, 2.0, 3.0]))}
            nid = g.add_node(op, f"n{j}", **attrs)
            g.connect(pick[0][0], nid, pick[0][1], 0)
        ports.append((nid, 0))
    sinks = g.sinks()
    g.set_output(sinks[int(rng.integers(len(sinks)))])
    return g
