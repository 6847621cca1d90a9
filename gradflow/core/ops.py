"""core: the op registry - one entry per op feeds the engine, palette, inspector and files.

Every op is data: its arity, forward function, local-gradient rule, formula text and the
one-line gate pattern the UI explains. Local gradients of elementwise ops are returned as
arrays (one per input) so the trace can show them; ops whose Jacobian is not elementwise
(matmul, copy) give a custom backward instead.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gradflow.core import op_math as m
from gradflow.core.errors import GraphError
from gradflow.core.numerics import (
    log_softmax,
    matmul_backward,
    matmul_shape,
    reduce_to_shape,
    stable_sigmoid,
)

Arrays = tuple[np.ndarray, ...]
Shape = tuple[int, ...]
Attrs = Mapping[str, Any]
ForwardFn = Callable[[Arrays, Attrs], Arrays]
LocalFn = Callable[[Arrays, Arrays, Attrs], "tuple[np.ndarray | None, ...]"]
BackwardFn = Callable[[Arrays, Arrays, Arrays, Attrs], "tuple[np.ndarray | None, ...]"]
ShapeFn = Callable[["tuple[Shape, ...]", Attrs], "tuple[Shape, ...]"]

CATEGORIES = ("inputs", "gates", "activations", "tensor ops", "losses")


@dataclass(frozen=True)
class Op:
    """One operation: what it computes, how its gradient flows, and how the UI explains it.

    `local` gives the elementwise local derivative d out / d input_i (broadcast to the
    output's shape); the default backward multiplies it by the upstream gradient and
    sums over broadcast axes. Ops whose Jacobian is not elementwise set `backward`.
    """

    name: str
    category: str
    symbol: str
    input_names: tuple[str, ...]
    forward: ForwardFn
    shape: ShapeFn
    formula: str
    local_rule: str
    pattern: str
    description: str
    local: LocalFn | None = None
    backward: BackwardFn | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)
    differentiable: tuple[bool, ...] = ()
    # the gate pattern's key in core/words.py ('distributes', 'swaps', 'adds', 'routes', ...)
    gate: str = "scales"
    # where the op is not differentiable: a mask over the output's entries, and the key of
    # the sentence (core/words.py) that says which one-sided slope gradflow uses there
    kink: Callable[[Arrays], np.ndarray] | None = None
    kink_note: str = ""
    # checks the inputs whose values are already known (those fed by an input or const
    # node, None elsewhere) when the graph changes, so a bad value is refused at once
    check_values: Callable[[tuple[np.ndarray | None, ...]], None] | None = None

    @property
    def arity(self) -> int:
        """Number of input ports."""
        return len(self.input_names)

    def n_outputs(self, attrs: Attrs) -> int:
        """Number of output ports a node of this op has with these attributes."""
        if self.name == "copy":
            return int(attrs.get("outputs", self.attrs["outputs"]))
        return 1

    def input_differentiable(self, port: int) -> bool:
        """Whether a gradient flows back into input `port` (labels of a loss do not)."""
        return self.differentiable[port] if self.differentiable else True

    def backprop(
        self, ins: Arrays, outs: Arrays, ups: Arrays, attrs: Attrs, local: tuple | None = None
    ) -> tuple:
        """Gradients sent to each input, given the summed upstream gradient per output.

        `local` may pass the already computed local gradients to avoid computing them twice.
        """
        if self.backward is not None:
            return self.backward(ins, outs, ups, attrs)
        assert self.local is not None  # every op without a backward defines local
        locals_ = self.local(ins, outs, attrs) if local is None else local
        up = ups[0]
        return tuple(
            None if loc is None else reduce_to_shape(up * loc, x.shape)
            for x, loc in zip(ins, locals_, strict=True)
        )


# --- shape rules -------------------------------------------------------------------------


def _leaf_shape(_shapes: tuple[Shape, ...], attrs: Attrs) -> tuple[Shape, ...]:
    return (np.shape(attrs["value"]),)


def _same_shape(shapes: tuple[Shape, ...], _attrs: Attrs) -> tuple[Shape, ...]:
    return (shapes[0],)


def _broadcast_shape(shapes: tuple[Shape, ...], _attrs: Attrs) -> tuple[Shape, ...]:
    try:
        return (tuple(np.broadcast_shapes(*shapes)),)
    except ValueError:
        raise GraphError(
            f"shapes {shapes[0]} and {shapes[1]} cannot be broadcast together"
        ) from None


def _copy_shape(shapes: tuple[Shape, ...], attrs: Attrs) -> tuple[Shape, ...]:
    return (shapes[0],) * int(attrs.get("outputs", 2))


def _scalar_shape(_shapes: tuple[Shape, ...], _attrs: Attrs) -> tuple[Shape, ...]:
    return ((),)


def _mse_shape(shapes: tuple[Shape, ...], attrs: Attrs) -> tuple[Shape, ...]:
    _broadcast_shape(shapes, attrs)
    return ((),)


def _softmax_ce_shape(shapes: tuple[Shape, ...], _attrs: Attrs) -> tuple[Shape, ...]:
    scores, labels = shapes
    if len(scores) not in (1, 2):
        raise GraphError(f"softmax_ce needs scores of shape (C,) or (N, C), got {scores}")
    if labels != scores[:-1]:
        raise GraphError(
            f"softmax_ce needs one label per row of scores: scores {scores}, labels {labels}"
        )
    return ((),)


def _matmul_shape(shapes: tuple[Shape, ...], _attrs: Attrs) -> tuple[Shape, ...]:
    return (matmul_shape(shapes[0], shapes[1]),)


# --- forward and local rules --------------------------------------------------------------


def _leaf_forward(_ins: Arrays, attrs: Attrs) -> Arrays:
    return (attrs["value"],)


def _ones_like_out(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple:
    return tuple(np.ones_like(outs[0]) for _ in ins)


def _add_backward(ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs) -> tuple:
    # the upstream passes through as it is: multiplying by local ones would cost two
    # passes over a whole layer's activations per step (the bias add of an MLP)
    return tuple(reduce_to_shape(ups[0], x.shape) for x in ins)


def _max_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple:
    a, b = np.broadcast_arrays(*ins)
    first = a >= b  # ties route to the first input, as documented
    return first.astype(outs[0].dtype), (~first).astype(outs[0].dtype)


def _exp_forward(ins: Arrays, _a: Attrs) -> Arrays:
    with np.errstate(over="ignore"):  # e^1000 is inf, which is the honest answer
        return (np.exp(ins[0]),)


def _exp_backward(ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs) -> tuple:
    # 0 * inf would be NaN; a zero upstream sends zero whatever the local slope.
    with np.errstate(invalid="ignore", over="ignore"):
        grad = np.where(ups[0] == 0, 0.0, ups[0] * outs[0]).astype(outs[0].dtype)
    return (grad,)


def _exp_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple:
    return (outs[0],)


def _reciprocal_forward(ins: Arrays, _a: Attrs) -> Arrays:
    with np.errstate(divide="ignore"):
        return (np.reciprocal(ins[0]),)


def _reciprocal_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple:
    return (-(outs[0] * outs[0]),)


def _sigmoid_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple:
    s = outs[0]
    return (s * (1 - s),)


def _tanh_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple:
    t = outs[0]
    return (1 - t * t,)


def _copy_forward(ins: Arrays, attrs: Attrs) -> Arrays:
    return (ins[0],) * int(attrs.get("outputs", 2))


def _copy_backward(ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs) -> tuple:
    total = ups[0]
    for up in ups[1:]:
        total = total + up
    return (total,)


def _matmul_backward(ins: Arrays, outs: Arrays, ups: Arrays, _a: Attrs) -> tuple:
    return matmul_backward(ins[0], ins[1], ups[0])


def _mse_forward(ins: Arrays, _a: Attrs) -> Arrays:
    diff = ins[0] - ins[1]
    return (np.asarray(np.mean(diff * diff), dtype=diff.dtype),)


def _mse_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple:
    diff = ins[0] - ins[1]
    g = diff * (2 / diff.size)
    return g, -g


def _check_labels(labels: np.ndarray, n_classes: int) -> np.ndarray:
    """Labels as class indices; GraphError unless they are whole numbers 0..n_classes-1."""
    labels = np.asarray(labels)
    if labels.dtype.kind == "f":
        bad = labels != np.floor(labels)
        if np.any(bad):
            shown = format(float(labels[bad].flat[0]), ".10g")
            raise GraphError(
                f"softmax_ce labels must be whole class numbers 0..{n_classes - 1}, not {shown}"
            )
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        shown = format(float(labels.max() if labels.max() >= n_classes else labels.min()), "g")
        raise GraphError(f"softmax_ce labels must be class indices 0..{n_classes - 1}, not {shown}")
    return labels.astype(np.intp)


def _softmax_ce_check(known: tuple[np.ndarray | None, ...]) -> None:
    scores, labels = known
    if labels is not None and scores is not None and scores.ndim in (1, 2):
        _check_labels(labels, scores.shape[-1])
    elif labels is not None:
        _check_labels(labels, np.iinfo(np.intp).max)


def _labels(ins: Arrays) -> np.ndarray:
    return np.asarray(ins[1]).astype(np.intp)


def _softmax_ce_forward(ins: Arrays, _a: Attrs) -> Arrays:
    scores = np.atleast_2d(ins[0])
    labels = np.atleast_1d(_check_labels(ins[1], scores.shape[1]))
    logp = log_softmax(scores)
    loss = -np.mean(logp[np.arange(len(labels)), labels])
    return (np.asarray(loss, dtype=scores.dtype),)


def _softmax_ce_local(ins: Arrays, outs: Arrays, _a: Attrs) -> tuple:
    scores = np.atleast_2d(ins[0])
    labels = np.atleast_1d(_labels(ins))
    probs = np.exp(log_softmax(scores))
    probs[np.arange(len(labels)), labels] -= 1
    probs /= len(labels)
    return probs.reshape(ins[0].shape), None


def _unary(fn: Callable[[np.ndarray], np.ndarray]) -> ForwardFn:
    return lambda ins, _a: (fn(ins[0]),)


def _binary(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> ForwardFn:
    return lambda ins, _a: (fn(ins[0], ins[1]),)


def _const_local(value_of: Callable[[Attrs], float]) -> LocalFn:
    return lambda ins, outs, a: (np.full_like(outs[0], value_of(a)),)


# --- the registry -------------------------------------------------------------------------

# The registry is laid out by hand, one op a paragraph; ruff format leaves it so.
# fmt: off
_OPS: tuple[Op, ...] = (
    Op("input", "inputs", "x", (), _leaf_forward, _leaf_shape,
       "x", "leaf: accumulates dL/dx",
       "An input: a trainable one is updated with its gradient, a data input is not.",
       "A value you set; backprop ends here with dL/dx.",
       local=lambda i, o, a: (), attrs={"value": 0.0, "trainable": True},
       gate="leaf"),
    Op("const", "inputs", "c", (), _leaf_forward, _leaf_shape,
       "c", "none (a constant)", "A constant: no gradient is shown for it.",
       "A fixed value (labels, targets, constants).",
       local=lambda i, o, a: (), attrs={"value": 0.0},
       gate="leaf"),
    Op("add", "gates", "+", ("a", "b"), _binary(np.add), _broadcast_shape,
       "a + b", "∂/∂a = 1, ∂/∂b = 1",
       "add distributes: each input gets the upstream gradient unchanged.",
       "Add gate: a + b (broadcasting).", local=_ones_like_out, backward=_add_backward,
       gate="distributes"),
    Op("mul", "gates", "×", ("a", "b"), _binary(np.multiply), _broadcast_shape,
       "a · b", "∂/∂a = b, ∂/∂b = a",
       "mul swaps: each input gets the upstream gradient times the other input.",
       "Multiply gate: a · b (elementwise).",
       local=lambda i, o, a: tuple(np.broadcast_arrays(i[1], i[0])),
       gate="swaps"),
    Op("copy", "gates", "⑂", ("x",), _copy_forward, _copy_shape,
       "x → (x, x, …)", "∂/∂x = Σ upstream",
       "copy adds: the gradients coming back from every branch are summed.",
       "Copy gate: sends x to k outputs.", backward=_copy_backward, attrs={"outputs": 2},
       gate="adds"),
    Op("max", "gates", "max", ("a", "b"), _binary(np.maximum), _broadcast_shape,
       "max(a, b)", "1 for the larger input, 0 for the other (ties: first)",
       "max routes: the larger input gets the whole upstream gradient, the other 0.",
       "Max gate: the larger of a and b.", local=_max_local,
       gate="routes", kink=lambda i: np.asarray(i[0] == i[1]), kink_note="tie"),
    Op("neg", "gates", "−x", ("x",), _unary(np.negative), _same_shape,
       "−x", "∂/∂x = −1", "neg flips the sign of the upstream gradient.",
       "Negation: −x.", local=_const_local(lambda a: -1.0)),
    Op("exp", "gates", "eˣ", ("x",), _exp_forward, _same_shape,
       "eˣ", "∂/∂x = eˣ", "exp scales the upstream gradient by its own output eˣ.",
       "Exponential: eˣ.", local=_exp_local, backward=_exp_backward),
    Op("reciprocal", "gates", "1/x", ("x",), _reciprocal_forward, _same_shape,
       "1/x", "∂/∂x = −1/x²", "1/x scales the upstream gradient by −1/x².",
       "Reciprocal: 1/x.", local=_reciprocal_local),
    Op("add_const", "gates", "+c", ("x",), lambda i, a: (i[0] + a["c"],), _same_shape,
       "x + c", "∂/∂x = 1", "+c passes the upstream gradient through unchanged.",
       "Adds a constant c.", local=_const_local(lambda a: 1.0), attrs={"c": 1.0}),
    Op("mul_const", "gates", "×c", ("x",), lambda i, a: (i[0] * a["c"],), _same_shape,
       "c · x", "∂/∂x = c", "×c scales the upstream gradient by c.",
       "Multiplies by a constant c.", local=_const_local(lambda a: float(a["c"])),
       attrs={"c": 2.0}),
    Op("square", "gates", "x²", ("x",), _unary(np.square), _same_shape,
       "x²", "∂/∂x = 2x", "square scales the upstream gradient by 2x.",
       "Square: x².", local=lambda i, o, a: (2 * i[0],)),
    Op("sub", "gates", "−", ("a", "b"), _binary(np.subtract), _broadcast_shape,
       "a − b", "∂/∂a = 1, ∂/∂b = −1",
       "sub distributes with a sign: a gets the upstream gradient, b its negative.",
       "Subtract gate: a − b (broadcasting).", local=m.sub_local),
    Op("div", "gates", "÷", ("a", "b"), m.div_forward, _broadcast_shape,
       "a / b", "∂/∂a = 1/b, ∂/∂b = −a/b²",
       "div scales the upstream gradient by 1/b for a and by −a/b² for b.",
       "Divide gate: a / b (broadcasting).", local=m.div_local),
    Op("pow", "gates", "xᶜ", ("x",), m.pow_forward, _same_shape,
       "xᶜ", "∂/∂x = c · xᶜ⁻¹", "pow scales the upstream gradient by c · xᶜ⁻¹.",
       "Power with a constant exponent c: x ** c.", local=m.pow_local, attrs={"c": 2.0}),
    Op("log", "gates", "ln", ("x",), m.log_forward, _same_shape,
       "ln x", "∂/∂x = 1/x", "log scales the upstream gradient by 1/x.",
       "Natural logarithm ln x (x > 0 only).", local=m.log_local),
    Op("abs", "gates", "|x|", ("x",), _unary(np.abs), _same_shape,
       "|x|", "∂/∂x = sign(x) (0 at x = 0)",
       "abs passes the gradient where x > 0 and flips its sign where x < 0.",
       "Absolute value |x|.", local=m.abs_local,
       kink=lambda i: np.asarray(i[0] == 0), kink_note="abs_zero"),
    Op("sigmoid", "activations", "σ", ("x",), _unary(stable_sigmoid), _same_shape,
       "σ(x) = 1/(1+e⁻ˣ)", "∂/∂x = σ(x)(1 − σ(x))",
       "sigmoid: local derivative σ(1−σ), at most 0.25 - gradients shrink.",
       "Sigmoid activation 1/(1+e⁻ˣ).", local=_sigmoid_local,
       gate="activation"),
    Op("tanh", "activations", "tanh", ("x",), _unary(np.tanh), _same_shape,
       "tanh(x)", "∂/∂x = 1 − tanh²(x)",
       "tanh: local derivative 1 − tanh², at most 1.", "Tanh activation.",
       local=_tanh_local,
       gate="activation"),
    Op("relu", "activations", "ReLU", ("x",),
       lambda i, a: (np.maximum(i[0], 0).astype(i[0].dtype, copy=False),), _same_shape,
       "max(0, x)", "∂/∂x = 1 if x > 0 else 0",
       "ReLU: passes the gradient where x > 0, blocks it where x ≤ 0.",
       "ReLU activation max(0, x).",
       local=lambda i, o, a: ((i[0] > 0).astype(o[0].dtype),),
       # a float times a bool mask keeps the float's dtype; no 0/1 array is made
       backward=lambda i, o, u, a: (u[0] * (i[0] > 0),),
       gate="activation", kink=lambda i: np.asarray(i[0] == 0), kink_note="relu_zero"),
    Op("linear", "activations", "id", ("x",), m.identity_forward, _same_shape,
       "x", "∂/∂x = 1",
       "linear (identity): the gradient passes through unchanged; stacked linear "
       "layers collapse into one matrix.",
       "Linear (identity) activation: x.", local=_const_local(lambda a: 1.0),
       backward=m.pass_through, gate="activation"),
    Op("matmul", "tensor ops", "@", ("A", "B"), _binary(np.matmul), _matmul_shape,
       "A @ B", "∂L/∂A = G @ Bᵀ, ∂L/∂B = Aᵀ @ G",
       "matmul: the gradient of each factor is the upstream times the other, transposed.",
       "Matrix product A @ B.", backward=_matmul_backward,
       gate="matrix"),
    Op("sum", "tensor ops", "Σ", ("x",),
       lambda i, a: (np.asarray(np.sum(i[0]), dtype=i[0].dtype),), _scalar_shape,
       "Σᵢ xᵢ", "∂/∂xᵢ = 1", "sum copies the upstream gradient to every entry.",
       "Sum of all entries.", local=lambda i, o, a: (np.ones_like(i[0]),),
       gate="distributes"),
    Op("softmax_ce", "losses", "CE", ("scores", "labels"), _softmax_ce_forward,
       _softmax_ce_shape,
       "−mean log softmax(s)[y]", "∂/∂s = (softmax(s) − onehot(y)) / N",
       "softmax cross-entropy: pushes the right class up, the others down.",
       "Mean softmax cross-entropy of scores against class labels.",
       local=_softmax_ce_local, differentiable=(True, False),
       gate="loss", check_values=_softmax_ce_check),
    Op("mse", "losses", "MSE", ("pred", "target"), _mse_forward, _mse_shape,
       "mean (p − t)²", "∂/∂p = 2(p − t)/N", "mse: the gradient is the scaled error.",
       "Mean squared error.", local=_mse_local,
       gate="loss"),
)
# fmt: on

REGISTRY: Mapping[str, Op] = {op.name: op for op in _OPS}
NODE_KEYS = ("id", "op", "label", "pos")


def unknown_op_message(name: object) -> str:
    """'unknown op "mull" (did you mean "mul"?)'; the hint only when a registered name is close."""
    message = f'unknown op "{name}"'
    close = difflib.get_close_matches(name, REGISTRY, n=1) if isinstance(name, str) else []
    return f'{message} (did you mean "{close[0]}"?)' if close else message


def get_op(name: str) -> Op:
    """The registered op called `name`; a GraphError naming the op (and the closest) if none."""
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        raise GraphError(unknown_op_message(name)) from None


def ops_in_category(category: str) -> tuple[Op, ...]:
    """The registered ops of one palette category, in registry order."""
    return tuple(op for op in _OPS if op.category == category)
