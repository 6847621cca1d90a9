"""Random graphs of every op and shape: backprop agrees with central finite differences."""

from __future__ import annotations

import numpy as np
from core_support import SCALAR_BINARY, SCALAR_UNARY
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core.engine import run
from gradflow.core.gradcheck import gradcheck
from gradflow.core.graph import Graph

Port = tuple[str, int, tuple[int, ...]]
ELEMENTWISE_BINARY, UNARY = SCALAR_BINARY, SCALAR_UNARY  # every op that has a scalar form
ALL = (*ELEMENTWISE_BINARY, *UNARY, "copy", "matmul", "softmax_ce")


class _Builder:
    """Grows a random graph one op at a time, undoing any op that lands near a kink."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng, self.g, self.ports = rng, Graph(), []
        self.shape = [(), (3,), (2, 3)][int(rng.integers(3))]
        for _ in range(int(rng.integers(2, 4))):
            self.leaf("input", self.shape)
        self.leaf("input", ())  # a scalar to broadcast against

    def leaf(self, op: str, shape: tuple[int, ...], value: np.ndarray | None = None) -> str:
        if value is None:
            value = self.rng.uniform(-1.5, 1.5, shape)
        nid = self.g.add_node(op, value=value)
        self.ports.append((nid, 0, shape))
        return nid

    def pick(self, ok=lambda shape: True) -> Port | None:
        choices = [p for p in self.ports if ok(p[2])]
        return choices[int(self.rng.integers(len(choices)))] if choices else None

    def grow(self) -> None:
        op = ALL[int(self.rng.integers(len(ALL)))]
        before = list(self.g.nodes)
        try:
            self._add(op)
        except _Skip:
            pass
        else:
            if self._safe():
                return
        for nid in list(self.g.nodes)[len(before) :]:  # undo everything this op added
            self.g.remove_node(nid)
        self.ports = [p for p in self.ports if p[0] in self.g]

    def _add(self, op: str) -> None:
        a = self.pick(lambda s: op not in ("matmul", "softmax_ce") or len(s) >= 1)
        if a is None:
            raise _Skip
        attrs = {}
        if op in ("add_const", "mul_const"):
            attrs["c"] = float(self.rng.uniform(-2, 2))
        if op == "pow":
            attrs["c"] = float(self.rng.choice([2.0, 3.0]))
        if op == "copy":
            attrs["outputs"] = int(self.rng.integers(1, 4))
        nid = self.g.add_node(op, **attrs)
        self.g.connect(a[0], nid, a[1], 0)
        if op in ELEMENTWISE_BINARY:
            b = self.pick(lambda s: s == a[2] or s == () or a[2] == ())
            self.g.connect(b[0], nid, b[1], 1)
        elif op == "matmul":
            inner = a[2][-1]
            other = [(inner,), (inner, int(self.rng.integers(1, 4)))][int(self.rng.integers(2))]
            self.g.connect(self.leaf("input", other), nid, 0, 1)
        elif op == "softmax_ce":
            labels = self.rng.integers(0, a[2][-1], a[2][:-1]).astype(float)
            self.g.connect(self.leaf("const", a[2][:-1], labels), nid, 0, 1)
        shapes = self.g.shapes()[nid]
        self.ports.extend((nid, p, s) for p, s in enumerate(shapes))

    def _safe(self) -> bool:
        """No value huge, no ReLU, max or abs input at a kink, no 1/x or a/b near a pole."""
        nid = list(self.g.nodes)[-1]
        node = self.g.node(nid)
        if node.op in ("input", "const"):
            nid = self.g.out_edges(nid)[0].dst
            node = self.g.node(nid)
        self.g.set_output(nid)
        result = run(self.g, record=False)
        ins = [result.values[e.src][e.src_port] for e in self.g.in_edges(nid)]
        out = result.values[nid][0]
        if not np.all(np.abs(out) < 50):
            return False
        if node.op in ("relu", "max", "abs"):
            gap = ins[0] - ins[1] if node.op == "max" else ins[0]
            return bool(np.all(np.abs(gap) > 0.05))
        if node.op in ("reciprocal", "div"):
            return bool(np.all(np.abs(ins[-1]) > 0.3))
        return True

    def finish(self) -> Graph:
        """Sum every loose end into one scalar output, so every node matters."""
        g = self.g
        g.set_output(None)
        total = None
        for sink in g.sinks():
            end = sink
            if g.shapes()[sink][0] != ():
                end = g.add_node("sum")
                g.connect(sink, end)
            if total is None:
                total = end
            else:
                s = g.add_node("add")
                g.connect(total, s)
                g.connect(end, s, 0, 1)
                total = s
        g.set_output(total)
        return g


class _Skip(Exception):
    pass


@settings(max_examples=120, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_ops=st.integers(1, 10))
def test_random_graphs_match_finite_differences(seed, n_ops):
    builder = _Builder(np.random.default_rng(seed))
    for _ in range(n_ops):
        builder.grow()
    graph = builder.finish()
    check = gradcheck(graph)
    assert check.ok, (check.worst, [(n.id, n.op) for n in graph])
    fast, slow = run(graph), run(graph, fast=False)
    for node in graph:
        np.testing.assert_array_equal(fast.values[node.id][0], slow.values[node.id][0])
