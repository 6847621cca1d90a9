"""core: numerically careful building blocks the ops share (stable sigmoid, softmax, matmul)."""

from __future__ import annotations

import numpy as np

from gradflow.core.errors import GraphError
from gradflow.core.i18n import _


def stable_sigmoid(x: np.ndarray) -> np.ndarray:
    """1/(1+e^-x) without overflow: e^-|x| never exceeds 1, so ±1000 gives exactly 0 or 1."""
    e = np.exp(-np.abs(x))
    result: np.ndarray = np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)
    return result


def log_softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise log softmax of a 2-D array, shifted by the row maximum so nothing overflows."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    result: np.ndarray = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return result


def reduce_to_shape(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum `grad` over the axes numpy broadcast, so it has the shape of the input it belongs to."""
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    if extra > 0:
        grad = grad.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    return grad.reshape(shape)


def matmul_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """Shape of A @ B for 1-D and 2-D operands, or a GraphError saying why it does not fit."""
    if not (1 <= len(a) <= 2 and 1 <= len(b) <= 2):
        said = _("matmul needs vectors or matrices, got shapes {a} and {b}")
        raise GraphError(said.format(a=a, b=b))
    if a[-1] != b[0]:
        said = _("matmul shapes {a} and {b} do not fit: {inner_a} ≠ {inner_b}")
        raise GraphError(said.format(a=a, b=b, inner_a=a[-1], inner_b=b[0]))
    return a[:-1] + b[1:]


def matmul_backward(
    a: np.ndarray, b: np.ndarray, upstream: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Gradients of A @ B: G @ Bᵀ for A and Aᵀ @ G for B, for 1-D or 2-D operands."""
    a2 = a if a.ndim == 2 else a[np.newaxis, :]
    b2 = b if b.ndim == 2 else b[:, np.newaxis]
    g2 = upstream.reshape(a2.shape[0], b2.shape[1])
    return (g2 @ b2.T).reshape(a.shape), (a2.T @ g2).reshape(b.shape)
