"""core: the numpy rules the op registry entries share - shapes, forwards, local gradients.

Local gradients of elementwise ops are arrays (one per input, broadcast to the output's
shape) so the trace can show them; ops whose Jacobian is not elementwise (matmul, copy)
have a backward instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from gradflow.core import numerics as nx
from gradflow.core.blas import gemm_into
from gradflow.core.errors import GraphError
from gradflow.core.i18n import _
from gradflow.core.numerics import log_softmax, reduce_to_shape
from gradflow.core.op_spec import Arrays, ForwardFn, LocalFn, Shape, Take

Attrs = Mapping[str, Any]


# --- shape rules -------------------------------------------------------------------------


def leaf_shape(_shapes: tuple[Shape, ...], attrs: Attrs) -> tuple[Shape, ...]:
    return (np.shape(attrs["value"]),)


def same_shape(shapes: tuple[Shape, ...], _attrs: Attrs) -> tuple[Shape, ...]:
    return (shapes[0],)


def broadcast_shape(shapes: tuple[Shape, ...], _attrs: Attrs) -> tuple[Shape, ...]:
    try:
        return (tuple(np.broadcast_shapes(*shapes)),)
    except ValueError:
        raise GraphError(
            f"shapes {shapes[0]} and {shapes[1]} cannot be broadcast together"
        ) from None


def copy_shape(shapes: tuple[Shape, ...], attrs: Attrs) -> tuple[Shape, ...]:
    return (shapes[0],) * int(attrs.get("outputs", 2))


def scalar_shape(_shapes: tuple[Shape, ...], _attrs: Attrs) -> tuple[Shape, ...]:
    return ((),)


def mse_shape(shapes: tuple[Shape, ...], attrs: Attrs) -> tuple[Shape, ...]:
    broadcast_shape(shapes, attrs)
    return ((),)


def softmax_ce_shape(shapes: tuple[Shape, ...], _attrs: Attrs) -> tuple[Shape, ...]:
    scores, labels = shapes
    if len(scores) not in (1, 2):
        said = _("softmax_ce needs scores of shape (C,) or (N, C), got {shape}")
        raise GraphError(said.format(shape=scores))
    if labels != scores[:-1]:
        raise GraphError(
            f"softmax_ce needs one label per row of scores: scores {scores}, labels {labels}"
        )
    return ((),)


def matmul_shape(shapes: tuple[Shape, ...], _attrs: Attrs) -> tuple[Shape, ...]:
    return (nx.matmul_shape(shapes[0], shapes[1]),)


# --- forward and local rules --------------------------------------------------------------


def leaf_forward(_ins: Arrays, attrs: Attrs) -> Arrays:
    return (attrs["value"],)


def ones_like_out(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    return tuple(np.ones_like(outs[0]) for _ in ins)


def add_backward(ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs) -> tuple[Any, ...]:
    # the upstream passes through as it is: multiplying by local ones would cost two
    # passes over a whole layer's activations per step (the bias add of an MLP)
    return tuple(reduce_to_shape(ups[0], x.shape) for x in ins)


def max_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    a, b = np.broadcast_arrays(*ins)
    first = a >= b  # ties route to the first input, as documented
    return first.astype(outs[0].dtype), (~first).astype(outs[0].dtype)


def exp_forward(ins: Arrays, _a: Attrs) -> Arrays:
    with np.errstate(over="ignore"):  # e^1000 is inf, which is the honest answer
        return (np.exp(ins[0]),)


def exp_backward(ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs) -> tuple[Any, ...]:
    # 0 * inf would be NaN; a zero upstream sends zero whatever the local slope.
    with np.errstate(invalid="ignore", over="ignore"):
        grad = np.where(ups[0] == 0, 0.0, ups[0] * outs[0]).astype(outs[0].dtype)
    return (grad,)


def exp_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    return (outs[0],)


def reciprocal_forward(ins: Arrays, _a: Attrs) -> Arrays:
    with np.errstate(divide="ignore"):
        return (np.reciprocal(ins[0]),)


def reciprocal_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    return (-(outs[0] * outs[0]),)


def sigmoid_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    s = outs[0]
    return (s * (1 - s),)


def tanh_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    t = outs[0]
    return (1 - t * t,)


def copy_forward(ins: Arrays, attrs: Attrs) -> Arrays:
    return (ins[0],) * int(attrs.get("outputs", 2))


def copy_backward(ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs) -> tuple[Any, ...]:
    total = ups[0]
    for up in ups[1:]:
        total = total + up
    return (total,)


def matmul_backward(ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs) -> tuple[Any, ...]:
    return nx.matmul_backward(ins[0], ins[1], ups[0])


def _product_into(a: np.ndarray, b: np.ndarray, take: Take, slot: int) -> np.ndarray:
    """a @ b written into take's array (transposed operands are views: BLAS reads them
    as they are, nothing is copied)."""
    dtype = np.result_type(a, b)
    if dtype.kind != "f":
        result: np.ndarray = a @ b
        return result
    return gemm_into(take(slot, (a.shape[0], b.shape[1]), dtype), a, b)


def matmul_forward_into(ins: Arrays, _a: Attrs, take: Take) -> Arrays | None:
    """A @ B of 2-D factors into a reusable array (None: not 2-D, the plain forward)."""
    if not ins[0].ndim == ins[1].ndim == 2:
        return None
    return (_product_into(ins[0], ins[1], take, 0),)


def matmul_backward_some(
    ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs, need: tuple[bool, ...], take: Take
) -> tuple[Any, ...] | None:
    """Training's hot spot: only the wanted factors of a 2-D product (None: not 2-D).

    The data X of a first layer needs no gradient, and its product G @ Wᵀ would cost as
    much as the whole forward pass. Same rule as numerics.matmul_backward.
    """
    if not ins[0].ndim == ins[1].ndim == 2:
        return None
    a, b, up = ins[0], ins[1], ups[0]
    return (
        _product_into(up, b.T, take, 1) if need[0] else None,
        _product_into(a.T, up, take, 2) if need[1] else None,
    )


def matmul_backward_descend(
    ins: Arrays,
    outs: Arrays,
    ups: Arrays,
    _a: Attrs,
    need: tuple[bool, ...],
    take: Take,
    rates: tuple[float | None, ...],
) -> tuple[Any, ...] | None:
    """`matmul_backward_some`, with plain gradient descent on the factor given a step
    size folded into its gradient's product: B <- B - rate * (Aᵀ @ G) is one gemm
    (alpha = -rate, beta = 1) writing into B itself, so dL/dB is never an array and B
    is not read and written again by a separate update. The other factor's gradient is
    computed first, from B as the forward used it. None (the caller falls back to the
    plain backward and updates afterwards): not 2-D, both factors descending, mixed
    dtypes, or a factor that is not a writable C-ordered float array.
    """
    a, b, up = ins[0], ins[1], ups[0]
    if not a.ndim == b.ndim == 2 or (rates[0] is not None and rates[1] is not None):
        return None
    port = 0 if rates[0] is not None else 1
    w = ins[port]
    if not (a.dtype == b.dtype == up.dtype and w.dtype.kind == "f"):
        return None
    if not (w.flags.c_contiguous and w.flags.writeable):
        return None
    rate = rates[port]
    assert rate is not None
    if port == 1:
        da = _product_into(up, b.T, take, 1) if need[0] else None
        gemm_into(b, a.T, up, -rate, 1.0)
        return da, None
    db = _product_into(a.T, up, take, 2) if need[1] else None
    gemm_into(a, up, b.T, -rate, 1.0)
    return None, db


def add_forward_into(ins: Arrays, _a: Attrs, take: Take) -> Arrays | None:
    """a + b into a reusable array (the bias add of a layer); None for scalars and
    non-float results, which take the plain forward."""
    a, b = ins
    dtype = np.result_type(a, b)
    if dtype.kind != "f" or (a.ndim == 0 and b.ndim == 0):
        return None
    shape = tuple(np.broadcast_shapes(a.shape, b.shape))
    return (np.add(a, b, out=take(0, shape, dtype)),)


def relu_forward_into(ins: Arrays, _a: Attrs, take: Take) -> Arrays | None:
    """max(0, x) of a float array into a reusable array (None: the plain forward)."""
    x = ins[0]
    if x.dtype.kind != "f" or x.ndim == 0:
        return None
    return (np.maximum(x, 0, out=take(0, x.shape, x.dtype)),)


def relu_backward_some(
    ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs, need: tuple[bool, ...], take: Take
) -> tuple[Any, ...] | None:
    """upstream · (x > 0), the mask and the product in reusable arrays; the same numbers
    as the plain backward (a float times a bool keeps the float's dtype)."""
    x, up = ins[0], ups[0]
    if not need[0]:
        return (None,)
    if up.shape != x.shape or up.dtype.kind != "f" or x.ndim == 0:
        return None
    mask = np.greater(x, 0, out=take(1, x.shape, np.dtype(bool)))
    return (np.multiply(up, mask, out=take(2, up.shape, up.dtype)),)


def mse_forward(ins: Arrays, _a: Attrs) -> Arrays:
    diff = ins[0] - ins[1]
    return (np.asarray(np.mean(diff * diff), dtype=diff.dtype),)


def mse_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple[Any, ...]:
    diff = ins[0] - ins[1]
    g = diff * (2 / diff.size)
    return g, -g


def check_labels(labels: np.ndarray, n_classes: int) -> np.ndarray:
    """Labels as class indices; GraphError unless they are whole numbers 0..n_classes-1."""
    labels = np.asarray(labels)
    if labels.dtype.kind == "f":
        bad = labels != np.floor(labels)
        if np.any(bad):
            shown = format(float(labels[bad].flat[0]), ".10g")
            said = _("softmax_ce labels must be whole class numbers 0..{last}, not {value}")
            raise GraphError(said.format(last=n_classes - 1, value=shown))
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        shown = format(float(labels.max() if labels.max() >= n_classes else labels.min()), "g")
        said = _("softmax_ce labels must be class indices 0..{last}, not {value}")
        raise GraphError(said.format(last=n_classes - 1, value=shown))
    return labels.astype(np.intp)


def softmax_ce_check(known: tuple[np.ndarray | None, ...]) -> None:
    """Refuse labels that are not class indices as soon as their values are known."""
    scores, labels = known
    if labels is not None and scores is not None and scores.ndim in (1, 2):
        check_labels(labels, scores.shape[-1])
    elif labels is not None:
        check_labels(labels, np.iinfo(np.intp).max)


def class_labels(ins: Arrays) -> np.ndarray:
    return np.asarray(ins[1]).astype(np.intp)


def softmax_ce_forward(ins: Arrays, _a: Attrs) -> Arrays:
    scores = np.atleast_2d(ins[0])
    labels = np.atleast_1d(check_labels(ins[1], scores.shape[1]))
    logp = log_softmax(scores)
    loss = -np.mean(logp[np.arange(len(labels)), labels])
    return (np.asarray(loss, dtype=scores.dtype),)


def softmax_ce_forward_keeping(ins: Arrays, _a: Attrs) -> tuple[Arrays, Any]:
    """The loss as `softmax_ce_forward` computes it (bit for bit), keeping the
    probabilities: one exp per score, and the backward needs no second softmax."""
    scores = np.atleast_2d(ins[0])
    labels = np.atleast_1d(check_labels(ins[1], scores.shape[1]))
    probs = scores - scores.max(axis=1, keepdims=True)
    picked = probs[np.arange(len(labels)), labels]  # the right class's shifted score
    np.exp(probs, out=probs)
    sums = probs.sum(axis=1, keepdims=True)
    loss = -np.mean(picked - np.log(sums[:, 0]))
    probs /= sums
    return (np.asarray(loss, dtype=scores.dtype),), (probs, labels, np.shape(ins[0]))


def softmax_ce_backward_kept(kept: Any, ups: Arrays, _a: Attrs) -> tuple[Any, ...]:
    """(p − onehot(y)) / N times the upstream, in the kept probabilities' own array."""
    probs, labels, shape = kept
    probs[np.arange(len(labels)), labels] -= 1
    probs /= len(labels)
    if not np.all(ups[0] == 1):  # the loss is the output: its upstream is exactly 1
        probs *= ups[0]
    return probs.reshape(shape), None


def softmax_ce_local(ins: Arrays, outs: Arrays, a: Attrs) -> tuple[Any, ...]:
    # the fused rules themselves, so a traced run's gradient equals training's bit for bit
    _loss, kept = softmax_ce_forward_keeping(ins, a)
    return softmax_ce_backward_kept(kept, (np.ones((), np.asarray(ins[0]).dtype),), a)


def unary(fn: Callable[[np.ndarray], np.ndarray]) -> ForwardFn:
    return lambda ins, _a: (fn(ins[0]),)


def binary(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> ForwardFn:
    return lambda ins, _a: (fn(ins[0], ins[1]),)


def const_local(value_of: Callable[[Attrs], float]) -> LocalFn:
    return lambda ins, outs, a: (np.full_like(outs[0], value_of(a)),)
