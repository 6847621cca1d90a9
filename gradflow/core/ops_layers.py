"""core: the registry entries of the activations, tensor ops and losses.

One `Op(...)` per op, and everything about the op is in it (see `op_spec.Op`).
"""

from __future__ import annotations

import numpy as np

from gradflow.core import op_math as m
from gradflow.core import op_rules as r
from gradflow.core import scalar_ops as s
from gradflow.core.i18n import N_
from gradflow.core.numerics import stable_sigmoid
from gradflow.core.op_spec import Op

# The entries are laid out by hand, one op a paragraph; ruff format leaves them so.
# fmt: off
LAYERS: tuple[Op, ...] = (
    Op("sigmoid", "activations", "σ", ("x",), r.unary(stable_sigmoid), r.same_shape,
       "σ(x) = 1/(1+e⁻ˣ)", "∂/∂x = σ(x)(1 − σ(x))",
       N_("sigmoid: local derivative σ(1−σ), at most 0.25 - gradients shrink."),
       N_("Sigmoid activation 1/(1+e⁻ˣ)."), local=r.sigmoid_local, scalar=s.SIGMOID,
       template="σ({0})", syntax=("sigmoid({0})",),
       gate="activation", squashes=True, torch="nn.Sigmoid()"),
    Op("tanh", "activations", "tanh", ("x",), r.unary(np.tanh), r.same_shape,
       "tanh(x)", "∂/∂x = 1 − tanh²(x)",
       N_("tanh: local derivative 1 − tanh², at most 1."), N_("Tanh activation."),
       local=r.tanh_local, scalar=s.TANH, template="tanh({0})", syntax=("tanh({0})",),
       gate="activation", squashes=True, torch="nn.Tanh()"),
    Op("relu", "activations", "ReLU", ("x",),
       lambda i, a: (np.maximum(i[0], 0).astype(i[0].dtype, copy=False),), r.same_shape,
       "max(0, x)", N_("∂/∂x = 1 if x > 0 else 0"),
       N_("ReLU: passes the gradient where x > 0, blocks it where x ≤ 0."),
       N_("ReLU activation max(0, x)."),
       local=lambda i, o, a: ((i[0] > 0).astype(o[0].dtype),),
       # a float times a bool mask keeps the float's dtype; no 0/1 array is made
       backward=lambda i, o, u, a: (u[0] * (i[0] > 0),),
       backward_some=r.relu_backward_some, forward_into=r.relu_forward_into,
       scalar=s.RELU, template="max(0, {0})", syntax=("relu({0})",),
       gate="activation", kink=lambda i: np.asarray(i[0] == 0), kink_note="relu_zero",
       torch="nn.ReLU()"),
    Op("linear", "activations", "id", ("x",), m.identity_forward, r.same_shape,
       "x", "∂/∂x = 1",
       N_("linear (identity): the gradient passes through unchanged; stacked linear "
       "layers collapse into one matrix."),
       N_("Linear (identity) activation: x."), local=r.const_local(lambda a: 1.0),
       backward=m.pass_through, scalar=s.LINEAR, template="{0}", syntax=("linear({0})",),
       gate="activation", torch="nn.Identity()"),
    Op("matmul", "tensor ops", "@", ("A", "B"), r.binary(np.matmul), r.matmul_shape,
       "A @ B", "∂L/∂A = G @ Bᵀ, ∂L/∂B = Aᵀ @ G",
       N_("matmul: the gradient of each factor is the upstream times the other, transposed."),
       N_("Matrix product A @ B."), backward=r.matmul_backward,
       backward_some=r.matmul_backward_some, forward_into=r.matmul_forward_into,
       backward_descend=r.matmul_backward_descend,
       template="{0} @ {1}",
       down_rules=("{up} @ {1}ᵀ", "{0}ᵀ @ {up}"), syntax=("{0} @ {1}",),
       gate="matrix", precedence=2),
    Op("sum", "tensor ops", "Σ", ("x",),
       lambda i, a: (np.asarray(np.sum(i[0]), dtype=i[0].dtype),), r.scalar_shape,
       "Σᵢ xᵢ", "∂/∂xᵢ = 1", N_("sum copies the upstream gradient to every entry."),
       N_("Sum of all entries."), local=lambda i, o, a: (np.ones_like(i[0]),), scalar=s.SUM,
       template="Σ {0}", syntax=("sum({0})",),
       gate="distributes"),
    Op("softmax_ce", "losses", "CE", ("scores", "labels"), r.softmax_ce_forward,
       r.softmax_ce_shape,
       "−mean log softmax(s)[y]", "∂/∂s = (softmax(s) − onehot(y)) / N",
       N_("softmax cross-entropy: pushes the right class up, the others down."),
       N_("Mean softmax cross-entropy of scores against class labels."),
       local=r.softmax_ce_local, differentiable=(True, False),
       template="CE({0}, {1})", syntax=("softmax_ce({0}, {1})",),
       gate="loss", check_values=r.softmax_ce_check,
       forward_keeping=r.softmax_ce_forward_keeping, backward_kept=r.softmax_ce_backward_kept),
    Op("mse", "losses", "MSE", ("pred", "target"), r.mse_forward, r.mse_shape,
       "mean (p − t)²", "∂/∂p = 2(p − t)/N", N_("mse: the gradient is the scaled error."),
       N_("Mean squared error."), local=r.mse_local, scalar=s.MSE,
       template="mse({0}, {1})", syntax=("mse({0}, {1})",),
       gate="loss"),
)
# fmt: on
