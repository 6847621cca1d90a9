"""nn: a multilayer perceptron built as a core Graph and run by the core engine.

The network is X -> matmul W1 -> add b1 -> activation -> ... -> matmul WL -> add bL ->
loss, with row-major batches (X is N x D, W is D x H, the bias broadcasts over rows and
the add gate's backward sums it back). Data and parameters are `input` nodes; batches and
the current parameters are passed to the engine through `feeds`, so each graph is built
once and the engine's compiled plan is reused for every step.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from gradflow.core.engine import run
from gradflow.core.errors import GradflowError
from gradflow.core.graph import Graph
from gradflow.core.layout import auto_layout

ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
LOSSES = ("softmax_ce", "mse")
INITS = ("he", "xavier")
COLUMN = 300.0  # canvas distance between columns of the drawn network
ROW = 120.0


def init_params(
    sizes: Sequence[int], init: str, rng: np.random.Generator, dtype: type = np.float32
) -> dict[str, np.ndarray]:
    """Weights W1..WL drawn He (std sqrt(2/fan_in)) or Xavier (std sqrt(2/(fan_in+fan_out)));
    biases b1..bL zero. Keys are in layer order."""
    if init not in INITS:
        raise GradflowError(f'unknown init "{init}" (choose from {", ".join(INITS)})')
    params: dict[str, np.ndarray] = {}
    for i, (fan_in, fan_out) in enumerate(itertools.pairwise(sizes), start=1):
        denom = fan_in if init == "he" else (fan_in + fan_out)
        w = rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / denom)
        params[f"W{i}"] = w.astype(dtype)
        params[f"b{i}"] = np.zeros(fan_out, dtype=dtype)
    return params


def build_graph(
    sizes: Sequence[int],
    activation: str,
    loss: str,
    *,
    x: np.ndarray,
    y: np.ndarray,
    params: Mapping[str, np.ndarray],
    trainable: bool = True,
) -> Graph:
    """The MLP as a core Graph, with readable labels and a left-to-right layout.

    Nodes: X and y (data, not trainable), W1, b1, ... (parameters, trainable unless
    `trainable` is False, which makes a graph for evaluation with no backward work),
    XW1 (matmul), z1 (add bias), h1 (activation), ..., scores, loss.
    """
    if activation not in ACTIVATIONS:
        raise GradflowError(
            f'unknown activation "{activation}" (choose from {", ".join(ACTIVATIONS)})'
        )
    if loss not in LOSSES:
        raise GradflowError(f'unknown loss "{loss}" (choose from {", ".join(LOSSES)})')
    g = Graph()
    g.bounded = False  # training checks its memory itself (config.memory_estimate)
    g.add_node("input", "X", label="X", pos=(0.0, 0.0), value=x, trainable=False)
    prev = "X"
    n_layers = len(sizes) - 1
    for i in range(1, n_layers + 1):
        prev = _add_layer(g, i, prev, params, trainable, None if i == n_layers else activation)
    end = 3 * n_layers * COLUMN
    g.add_node("input", "y", label="y", pos=(end - COLUMN, ROW), value=y, trainable=False)
    g.add_node(loss, "loss", label="loss", pos=(end, 0.0))
    g.connect(prev, "loss", dst_port=0)
    g.connect("y", "loss", dst_port=1)
    g.set_output("loss")
    return g


def _add_layer(
    g: Graph,
    i: int,
    prev: str,
    params: Mapping[str, np.ndarray],
    trainable: bool,
    activation: str | None,
) -> str:
    """Layer i: prev @ Wi + bi, then the activation (none for the output layer).

    Each parameter sits in the row below, one column left of the node it feeds, so its
    wire runs up into the lower input port and crosses no other. Returns the layer's
    output node.
    """
    col = (3 * i - 2) * COLUMN
    source = "X" if i == 1 else f"h{i - 1}"
    g.add_node(
        "input",
        f"W{i}",
        label=f"W{i}",
        pos=(col - COLUMN, ROW),
        value=params[f"W{i}"],
        trainable=trainable,
    )
    g.add_node("matmul", f"XW{i}", label=f"{source}·W{i}", pos=(col, 0.0))
    g.connect(prev, f"XW{i}", dst_port=0)
    g.connect(f"W{i}", f"XW{i}", dst_port=1)
    z = f"z{i}" if activation else "scores"
    g.add_node(
        "input", f"b{i}", label=f"b{i}", pos=(col, ROW), value=params[f"b{i}"], trainable=trainable
    )
    g.add_node("add", z, label=z, pos=(col + COLUMN, 0.0))
    g.connect(f"XW{i}", z, dst_port=0)
    g.connect(f"b{i}", z, dst_port=1)
    if activation is None:
        return z
    g.add_node(activation, f"h{i}", label=f"h{i} = {activation}", pos=(col + 2 * COLUMN, 0.0))
    g.connect(z, f"h{i}")
    return f"h{i}"


class MLP:
    """A trainable MLP: parameters in float32 (by default) and the two graphs that use them.

    `loss_and_grads` runs the training graph (forward + backward of the trainable
    parameters only); `evaluate_batch` runs the evaluation graph, whose parameters are
    not trainable, so the engine skips backward entirely. With `regression` the loss is
    the mean squared error against real-valued target rows and the output layer stays
    linear (no activation after the last layer, as for classification scores).
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str = "relu",
        loss: str = "softmax_ce",
        *,
        init: str = "he",
        seed: int = 0,
        dtype: type = np.float32,
        regression: bool = False,
    ) -> None:
        if len(sizes) < 2 or any(int(s) < 1 for s in sizes):
            raise GradflowError("an MLP needs at least an input and an output size, all >= 1")
        self.sizes = tuple(int(s) for s in sizes)
        self.activation = activation
        self.regression = regression
        self.loss = "mse" if regression else loss
        self.dtype = dtype
        self.params = init_params(self.sizes, init, np.random.default_rng(seed), dtype)
        x0: np.ndarray = np.zeros((1, self.sizes[0]), dtype=dtype)
        y0 = self._target_placeholder(1)
        self.train_graph = build_graph(
            self.sizes, activation, self.loss, x=x0, y=y0, params=self.params
        )
        # the training graph's products and gradients, reused from step to step: the
        # results of one call are overwritten by the next (the trainer uses them at once)
        self._buffers: dict[tuple[Any, ...], np.ndarray] = {}
        self.eval_graph = build_graph(
            self.sizes, activation, self.loss, x=x0, y=y0, params=self.params, trainable=False
        )

    @property
    def n_layers(self) -> int:
        """Number of weight layers."""
        return len(self.sizes) - 1

    def _target_placeholder(self, n: int) -> np.ndarray:
        if self.loss == "softmax_ce":
            return np.zeros(n, dtype=self.dtype)
        return np.zeros((n, self.sizes[-1]), dtype=self.dtype)

    def targets(self, labels: np.ndarray) -> np.ndarray:
        """What the loss node is fed: class labels for softmax_ce, one-hot rows for mse on
        classes, the target rows themselves for regression."""
        if self.regression:
            return np.asarray(labels, dtype=self.dtype).reshape(len(labels), -1)
        if self.loss == "softmax_ce":
            return labels
        result: np.ndarray = np.eye(self.sizes[-1], dtype=self.dtype)[labels]
        return result

    def feeds(
        self, x: np.ndarray, labels: np.ndarray, params: Mapping[str, np.ndarray] | None = None
    ) -> dict[str, np.ndarray]:
        """The engine's feeds for a batch: data, targets and the parameters (by default
        the current ones; a history snapshot's to look back)."""
        return {"X": x, "y": self.targets(labels), **(params or self.params)}

    def loss_and_grads(
        self, x: np.ndarray, labels: np.ndarray
    ) -> tuple[float, dict[str, np.ndarray], np.ndarray]:
        """Mean loss of one batch, dL/d(each parameter) and the batch's class scores.

        The gradient and score arrays are reused by the next call: use (or copy) them
        before it."""
        res = run(
            self.train_graph,
            record=False,
            feeds=self.feeds(x, labels),
            all_grads=False,
            buffers=self._buffers,
        )
        grads = {name: res.grads[name][0] for name in self.params}
        return float(res.value("loss")), grads, res.value("scores")

    def loss_and_descend(
        self,
        x: np.ndarray,
        labels: np.ndarray,
        rates: Mapping[str, float],
        check: Callable[[float], None],
    ) -> tuple[float, np.ndarray]:
        """One plain-SGD step inside the engine's backward (`run(..., descend=)`): every
        parameter p becomes p - rates[p] * dL/dp in place, each weight's update folded
        into its gradient's product. `check` gets the loss after the forward and may
        raise to stop before anything changes. Returns the loss and the batch's scores
        (reused by the next call)."""
        res = run(
            self.train_graph,
            record=False,
            feeds=self.feeds(x, labels),
            all_grads=False,
            buffers=self._buffers,
            descend=rates,
            before_backward=lambda loss: check(float(loss)),
        )
        return float(res.value("loss")), res.value("scores")

    def evaluate_batch(
        self,
        x: np.ndarray,
        labels: np.ndarray | None = None,
        params: Mapping[str, np.ndarray] | None = None,
    ) -> tuple[float, np.ndarray]:
        """Mean loss (NaN without labels) and class scores of a batch, forward only."""
        given = labels is not None
        if labels is not None:
            lab = labels
        elif self.regression:
            lab = self._target_placeholder(len(x))
        else:
            lab = np.zeros(len(x), dtype=np.intp)
        feeds = self.feeds(x, lab, params)
        res = run(self.eval_graph, record=False, feeds=feeds, all_grads=False)
        return (float(res.value("loss")) if given else float("nan")), res.value("scores")

    def scores(
        self, x: np.ndarray, chunk: int = 4096, params: Mapping[str, np.ndarray] | None = None
    ) -> np.ndarray:
        """Class scores (or regression outputs) for any number of rows, in chunks."""
        parts = [
            self.evaluate_batch(x[i : i + chunk], None, params)[1] for i in range(0, len(x), chunk)
        ]
        return np.concatenate(parts) if parts else np.zeros((0, self.sizes[-1]), self.dtype)

    def graph_for(
        self, x: np.ndarray, labels: np.ndarray, params: Mapping[str, np.ndarray] | None = None
    ) -> Graph:
        """A float64 copy of the network (with `params`, by default the current ones) on a
        small real batch, for opening on the canvas: placed by the layered auto-layout."""
        params = {k: v.astype(np.float64) for k, v in (params or self.params).items()}
        y = self.targets(labels).astype(np.float64)
        graph = build_graph(
            self.sizes, self.activation, self.loss, x=x.astype(np.float64), y=y, params=params
        )
        for nid, pos in auto_layout(graph).items():  # the layered layout, as Auto-layout
            graph.set_pos(nid, pos)
        return graph
