"""core.descend: plain gradient descent inside the engine's backward (`run(descend=)`).

The fused update (W <- W - lr * Xᵀ G in one gemm) must equal the optimiser's
w -= lr * g to float rounding, leave nothing changed when the loss check stops the run,
and still update the parameters it cannot fold (biases, shared weights)."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.core.errors import GraphError
from gradflow.core.graph import Graph

LR = 0.05


def _layer(dtype: type, shared: bool = False) -> tuple[Graph, dict[str, np.ndarray]]:
    """loss = softmax_ce(X @ W + b, y); with `shared`, W also feeds a second product
    (scores = X @ W + X @ W + b), so its update cannot be folded into one gemm."""
    rng = np.random.default_rng(0)
    feeds = {
        "X": rng.standard_normal((16, 6)).astype(dtype),
        "W": rng.standard_normal((6, 4)).astype(dtype),
        "b": rng.standard_normal(4).astype(dtype),
        "y": rng.integers(0, 4, 16),
    }
    g = Graph()
    for nid in ("X", "W", "b", "y"):
        g.add_node("input", nid, value=feeds[nid], trainable=nid in ("W", "b"))
    g.add_node("matmul", "XW")
    g.connect("X", "XW", dst_port=0)
    g.connect("W", "XW", dst_port=1)
    prev = "XW"
    if shared:
        g.add_node("matmul", "XW2")
        g.connect("X", "XW2", dst_port=0)
        g.connect("W", "XW2", dst_port=1)
        g.add_node("add", "twice")
        g.connect("XW", "twice", dst_port=0)
        g.connect("XW2", "twice", dst_port=1)
        prev = "twice"
    g.add_node("add", "scores")
    g.connect(prev, "scores", dst_port=0)
    g.connect("b", "scores", dst_port=1)
    g.add_node("softmax_ce", "loss")
    g.connect("scores", "loss", dst_port=0)
    g.connect("y", "loss", dst_port=1)
    g.set_output("loss")
    return g, feeds


def _plain_step(g: Graph, feeds: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """What the optimiser does: gradients, then w -= lr * g in the parameters' dtype."""
    res = run(g, record=False, feeds=feeds, all_grads=False)
    out = {}
    for nid in ("W", "b"):
        w = feeds[nid].copy()
        w -= res.grads[nid][0] * w.dtype.type(LR)
        out[nid] = w
    return out


@pytest.mark.parametrize(("dtype", "rtol"), [(np.float32, 1e-6), (np.float64, 1e-14)])
@pytest.mark.parametrize("shared", [False, True])
def test_descend_equals_the_optimisers_update(dtype: type, rtol: float, shared: bool) -> None:
    g, feeds = _layer(dtype, shared)
    expected = _plain_step(g, feeds)
    buffers: dict = {}
    res = run(
        g, record=False, feeds=feeds, all_grads=False, buffers=buffers,
        descend={"W": LR, "b": LR},
    )  # fmt: skip
    for nid in ("W", "b"):
        np.testing.assert_allclose(feeds[nid], expected[nid], rtol=rtol, atol=0)
        assert feeds[nid].dtype == dtype
        assert nid not in res.grads  # a descending parameter reports no gradient
    # folded: no array was ever made for dL/dW (the product's slot 2 is matmul's dB)
    made_dw = any(key[0] == "XW" and key[1] == 2 for key in buffers)
    assert made_dw == shared


def test_the_loss_check_stops_the_run_before_anything_changes() -> None:
    g, feeds = _layer(np.float32)
    before = {k: v.copy() for k, v in feeds.items()}
    seen = []

    def refuse(loss: np.ndarray) -> None:
        seen.append(float(loss))
        raise RuntimeError("diverged")

    with pytest.raises(RuntimeError, match="diverged"):
        run(
            g, record=False, feeds=feeds, all_grads=False, descend={"W": LR}, before_backward=refuse
        )
    assert len(seen) == 1
    assert np.isfinite(seen[0])
    for k, v in before.items():
        np.testing.assert_array_equal(feeds[k], v)


def test_descend_refuses_what_it_cannot_change_in_place() -> None:
    g, feeds = _layer(np.float32)
    with pytest.raises(GraphError, match="recorded"):
        run(g, record=True, feeds=feeds, descend={"W": LR})
    feeds["W"].flags.writeable = False
    with pytest.raises(GraphError, match="read-only"):
        run(g, record=False, feeds=feeds, descend={"W": LR})
    feeds["W"] = feeds["W"].copy()
    with pytest.raises(GraphError, match="positive"):
        run(g, record=False, feeds=feeds, descend={"W": -1.0})
    with pytest.raises(GraphError, match="float array"):
        run(g, record=False, feeds=feeds, descend={"nothing": LR})
