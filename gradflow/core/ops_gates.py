"""core: the registry entries of the leaves (input, const) and the gates.

One `Op(...)` per op, and everything about the op is in it: ports, attribute schema,
numpy rules, scalar rule, texts, gate pattern, symbol, palette group and program syntax.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gradflow.core import op_math as m
from gradflow.core import op_rules as r
from gradflow.core import scalar_ops as s
from gradflow.core.i18n import N_
from gradflow.core.op_spec import Attr, Op

MAX_COPY_OUTPUTS = 16
VALUE = Attr("value", "tensor", 0.0, "Set value")
C = Attr("c", "number", 1.0, "Constant c")


def _leaf_local(_i: tuple[Any, ...], _o: tuple[Any, ...], _a: object) -> tuple[Any, ...]:
    return ()


# The entries are laid out by hand, one op a paragraph; ruff format leaves them so.
# fmt: off
GATES: tuple[Op, ...] = (
    Op("input", "inputs", "x", (), r.leaf_forward, r.leaf_shape,
       "x", N_("leaf: accumulates dL/dx"),
       N_("An input: a trainable one is updated with its gradient, a data input is not."),
       N_("A value you set; backprop ends here with dL/dx."), local=_leaf_local,
       schema=(VALUE, Attr("trainable", "flag", True, "trainable (off: a data input)",
                           saved_default=False)),
       noun="input", syntax=("{value}", "param({value})", "data({value}) trainable=False"),
       gate="leaf", stem="x"),
    Op("const", "inputs", "c", (), r.leaf_forward, r.leaf_shape,
       "c", N_("none (a constant)"), N_("A constant: no gradient is shown for it."),
       N_("A fixed value (labels, targets, constants)."), local=_leaf_local, schema=(VALUE,),
       noun="constant", gradient=False, syntax=("const({value})",),
       gate="leaf", stem="c"),
    Op("add", "gates", "+", ("a", "b"), r.binary(np.add), r.broadcast_shape,
       "a + b", "∂/∂a = 1, ∂/∂b = 1",
       N_("add distributes: each input gets the upstream gradient unchanged."),
       N_("Add gate: a + b (broadcasting)."), local=r.ones_like_out, backward=r.add_backward,
       forward_into=r.add_forward_into,
       scalar=s.ADD, template="{0} + {1}", syntax=("{0} + {1}",),
       gate="distributes", precedence=1, associative=True),
    Op("mul", "gates", "×", ("a", "b"), r.binary(np.multiply), r.broadcast_shape,
       "a · b", "∂/∂a = b, ∂/∂b = a",
       N_("mul swaps: each input gets the upstream gradient times the other input."),
       N_("Multiply gate: a · b (elementwise)."),
       local=lambda i, o, a: tuple(np.broadcast_arrays(i[1], i[0])),
       scalar=s.MUL, template="{0} · {1}", syntax=("{0} * {1}",),
       gate="swaps", precedence=2, associative=True),
    Op("copy", "gates", "⑂", ("x",), r.copy_forward, r.copy_shape,
       "x → (x, x, …)", "∂/∂x = Σ upstream",
       N_("copy adds: the gradients coming back from every branch are summed."),
       N_("Copy gate: sends x to k outputs."), backward=r.copy_backward,
       schema=(Attr("outputs", "count", 2, "Outputs", "copy outputs",
                    maximum=MAX_COPY_OUTPUTS, ports=True),),
       scalar=s.COPY, template="{0}", syntax=("copy({0})", "copy({0}, {outputs})"),
       gate="adds"),
    Op("max", "gates", "max", ("a", "b"), r.binary(np.maximum), r.broadcast_shape,
       "max(a, b)", N_("1 for the larger input, 0 for the other (ties: first)"),
       N_("max routes: the larger input gets the whole upstream gradient, the other 0."),
       N_("Max gate: the larger of a and b."), local=r.max_local, scalar=s.MAX,
       template="max({0}, {1})", routes=True, syntax=("max({0}, {1})",),
       gate="routes", kink=lambda i: np.asarray(i[0] == i[1]), kink_note="tie"),
    Op("neg", "gates", "−x", ("x",), r.unary(np.negative), r.same_shape,
       "−x", "∂/∂x = −1", N_("neg flips the sign of the upstream gradient."),
       N_("Negation: −x."), local=r.const_local(lambda a: -1.0), scalar=s.NEG,
       template="−{0}", syntax=("-{0}",)),
    Op("exp", "gates", "eˣ", ("x",), r.exp_forward, r.same_shape,
       "eˣ", "∂/∂x = eˣ", N_("exp scales the upstream gradient by its own output eˣ."),
       N_("Exponential: eˣ."), local=r.exp_local, backward=r.exp_backward, scalar=s.EXP,
       template="exp({0})", syntax=("exp({0})",)),
    Op("reciprocal", "gates", "1/x", ("x",), r.reciprocal_forward, r.same_shape,
       "1/x", "∂/∂x = −1/x²", N_("1/x scales the upstream gradient by −1/x²."),
       N_("Reciprocal: 1/x."), local=r.reciprocal_local, scalar=s.RECIPROCAL,
       template="1/{0}", syntax=("1 / {0}",)),
    Op("add_const", "gates", "+c", ("x",), lambda i, a: (i[0] + a["c"],), r.same_shape,
       "x + c", "∂/∂x = 1", N_("+c passes the upstream gradient through unchanged."),
       N_("Adds a constant c."), local=r.const_local(lambda a: 1.0), schema=(C,),
       scalar=s.ADD_CONST, template="{0} + {c}",
       syntax=("{0} + {c}", "{c} + {0}", "{0} - {-c}")),
    Op("mul_const", "gates", "×c", ("x",), lambda i, a: (i[0] * a["c"],), r.same_shape,
       "c · x", "∂/∂x = c", N_("×c scales the upstream gradient by c."),
       N_("Multiplies by a constant c."), local=r.const_local(lambda a: float(a["c"])),
       schema=(Attr("c", "number", 2.0, "Constant c"),), scalar=s.MUL_CONST,
       template="{c} · {0}", syntax=("{c} * {0}", "{0} * {c}")),
    Op("square", "gates", "x²", ("x",), r.unary(np.square), r.same_shape,
       "x²", "∂/∂x = 2x", N_("square scales the upstream gradient by 2x."),
       N_("Square: x²."), local=lambda i, o, a: (2 * i[0],), scalar=s.SQUARE,
       template="{0}²", syntax=("square({0})",)),
    Op("sub", "gates", "−", ("a", "b"), r.binary(np.subtract), r.broadcast_shape,
       "a − b", "∂/∂a = 1, ∂/∂b = −1",
       N_("sub distributes with a sign: a gets the upstream gradient, b its negative."),
       N_("Subtract gate: a − b (broadcasting)."), local=m.sub_local, scalar=s.SUB,
       template="{0} − {1}", syntax=("{0} - {1}",), precedence=1),
    Op("div", "gates", "÷", ("a", "b"), m.div_forward, r.broadcast_shape,
       "a / b", "∂/∂a = 1/b, ∂/∂b = −a/b²",
       N_("div scales the upstream gradient by 1/b for a and by −a/b² for b."),
       N_("Divide gate: a / b (broadcasting)."), local=m.div_local, scalar=s.DIV,
       template="{0} / {1}", syntax=("{0} / {1}",), precedence=2),
    Op("pow", "gates", "xᶜ", ("x",), m.pow_forward, r.same_shape,
       "xᶜ", "∂/∂x = c · xᶜ⁻¹", N_("pow scales the upstream gradient by c · xᶜ⁻¹."),
       N_("Power with a constant exponent c: x ** c."), local=m.pow_local,
       schema=(Attr("c", "number", 2.0, "Exponent c"),), scalar=s.POW,
       template="{0}^{c}", syntax=("{0} ** {c}",), precedence=3),
    Op("log", "gates", "ln", ("x",), m.log_forward, r.same_shape,
       "ln x", "∂/∂x = 1/x", N_("log scales the upstream gradient by 1/x."),
       N_("Natural logarithm ln x (x > 0 only)."), local=m.log_local, scalar=s.LOG,
       template="ln({0})", syntax=("log({0})",)),
    Op("abs", "gates", "|x|", ("x",), r.unary(np.abs), r.same_shape,
       "|x|", "∂/∂x = sign(x) (0 at x = 0)",
       N_("abs passes the gradient where x > 0 and flips its sign where x < 0."),
       N_("Absolute value |x|."), local=m.abs_local, scalar=s.ABS,
       template="|{0}|", syntax=("abs({0})",),
       kink=lambda i: np.asarray(i[0] == 0), kink_note="abs_zero"),
)
# fmt: on
