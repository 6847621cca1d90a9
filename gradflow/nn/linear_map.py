"""nn: why activations matter - a network of linear layers is one linear map.

With every hidden activation linear (or no hidden layer), f(x) = Wk(...(W1 x + b1)...) + bk
is a single affine map W x + b. `effective_linear` multiplies the layers out, in the
lecture's orientation: W is c x d (classes x features) and acts on a column x, so
f(x) = W x + b. The MLP itself multiplies rows (X @ W1, W1 is d x h), hence the
transposes below.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def is_one_linear_map(activation: str, hidden: tuple[int, ...]) -> bool:
    """Whether a network with these hidden layers and activation is a single linear map."""
    return activation == "linear" or not hidden


def effective_linear(params: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(W, b) with W = Wk...W1 (c x d, lecture orientation) and b the combined bias, in
    float64, such that the network's output for a column x is W x + b.

    Only meaningful when every hidden activation is linear (see `is_one_linear_map`).
    """
    n_layers = sum(1 for name in params if name.startswith("W"))
    m = np.asarray(params["W1"], dtype=np.float64)  # rows: x @ m + c is the output so far
    c = np.asarray(params["b1"], dtype=np.float64)
    for i in range(2, n_layers + 1):
        w = np.asarray(params[f"W{i}"], dtype=np.float64)
        m = m @ w
        c = c @ w + np.asarray(params[f"b{i}"], dtype=np.float64)
    return m.T, c
