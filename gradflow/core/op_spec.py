"""core: what one op registry entry holds - ports, attribute schema, rules, texts, syntax.

An `Op` is the whole truth about an op: the graph validates attributes with its `Attr`
schema, the engine runs its numpy `forward`/`local`/`backward`, the scalar fast path its
`scalar` rule, explanations read its texts and `template`, the palette its group and
symbol, the inspector its attributes' editors, and the expression language its `syntax`.
Nothing outside the registry asks which op a node is by name.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from gradflow.core.errors import GraphError
from gradflow.core.i18n import _
from gradflow.core.numerics import reduce_to_shape

Arrays = tuple[np.ndarray, ...]
Shape = tuple[int, ...]
Attrs = Mapping[str, Any]
ForwardFn = Callable[[Arrays, Attrs], Arrays]
LocalFn = Callable[[Arrays, Arrays, Attrs], "tuple[np.ndarray | None, ...]"]
BackwardFn = Callable[[Arrays, Arrays, Arrays, Attrs], "tuple[np.ndarray | None, ...]"]
# take(slot, shape, dtype): an array the op may write its result into (reused from run
# to run when the caller passed `buffers` to the engine, else a new one)
Take = Callable[[int, "tuple[int, ...]", np.dtype], np.ndarray]
SomeBackwardFn = Callable[
    [Arrays, Arrays, Arrays, Attrs, "tuple[bool, ...]", Take],
    "tuple[np.ndarray | None, ...] | None",
]
IntoForwardFn = Callable[[Arrays, Attrs, Take], "Arrays | None"]
# backward_some that also applies plain gradient descent to some inputs in place: the
# last argument holds a step size per input (None: send its gradient as usual), and
# the inputs given a step size get None back (their gradient never exists as an array)
DescendBackwardFn = Callable[
    [Arrays, Arrays, Arrays, Attrs, "tuple[bool, ...]", Take, "tuple[float | None, ...]"],
    "tuple[np.ndarray | None, ...] | None",
]
# a forward that also keeps what its backward needs (softmax_ce: the probabilities), and
# the backward that uses it: (kept, ups, attrs) -> one gradient per input
KeepingForwardFn = Callable[[Arrays, Attrs], "tuple[Arrays, Any]"]
KeptBackwardFn = Callable[[Any, Arrays, Attrs], "tuple[np.ndarray | None, ...]"]
ShapeFn = Callable[["tuple[Shape, ...]", Attrs], "tuple[Shape, ...]"]
ScalarForward = Callable[[float, float, float], float]
ScalarLocal = Callable[[float, float, float, float], "tuple[float, float]"]
MAX_NDIM = 2
KINDS = ("tensor", "number", "count", "flag")


def as_value(raw: Any, what: str = "value") -> np.ndarray:
    """A finite float array (0-d, 1-d or 2-d) from a number, nested list or array.

    float32 arrays stay float32 (training); everything else becomes float64.
    """
    if isinstance(raw, (bool, np.bool_)):
        raise GraphError(_("{what} must be a number or a list of numbers, not a boolean").format(
            what=what))  # fmt: skip
    keep = isinstance(raw, np.ndarray) and raw.dtype in (np.float32, np.float64)
    try:
        arr = np.array(raw, dtype=raw.dtype if keep else np.float64)
    except (ValueError, TypeError, OverflowError):
        raise GraphError(
            _("{what} must be a number or a rectangular list of numbers").format(what=what)
        ) from None
    if arr.ndim > MAX_NDIM:
        said = _("{what} has {ndim} dimensions; at most {most} are supported")
        raise GraphError(said.format(what=what, ndim=arr.ndim, most=MAX_NDIM))
    if arr.size == 0:
        raise GraphError(_("{what} is empty").format(what=what))
    if not np.all(np.isfinite(arr)):
        raise GraphError(_("{what} must be finite (no NaN or infinity)").format(what=what))
    return arr


@dataclass(frozen=True)
class Attr:
    """One attribute of an op: its name, kind, default, inspector label and bounds.

    kind: "tensor" (a value array), "number" (a finite float), "count" (a whole number
    in [minimum, maximum]; with `ports` it is the number of output ports), "flag" (bool).
    `what` names it in messages ("copy outputs"); `saved_default`: False leaves the
    default out of saved files (an input's `trainable: true`).
    """

    name: str
    kind: str
    default: Any
    label: str
    what: str = ""
    minimum: int = 1
    maximum: int = 16
    ports: bool = False
    saved_default: bool = True

    def check(self, raw: Any) -> Any:
        """The validated value of this attribute, or a GraphError saying what is wrong."""
        what = self.what or self.name
        if self.kind == "tensor":
            return as_value(raw)
        if self.kind == "flag":
            if not isinstance(raw, (bool, np.bool_)):
                raise GraphError(_("{what} must be true or false").format(what=what))
            return bool(raw)
        if self.kind == "count":
            if isinstance(raw, bool) or not isinstance(raw, (int, np.integer)):
                raise GraphError(_("{what} must be a whole number").format(what=what))
            if not self.minimum <= raw <= self.maximum:
                raise GraphError(
                    _("{what} must be between {low} and {high}").format(
                        what=what, low=self.minimum, high=self.maximum
                    )
                )
            return int(raw)
        if isinstance(raw, bool) or not isinstance(raw, (int, float, np.integer, np.floating)):
            raise GraphError(_("{what} must be a number").format(what=what))
        try:
            value = float(raw)
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):
            raise GraphError(_("{what} must be finite (and at most ±1.8e308)").format(what=what))
        return value


@dataclass(frozen=True)
class ScalarRule:
    """One op on Python floats, bit for bit its numpy rule.

    `forward(a, b, c) -> y` and `local(a, b, y, c) -> (dy/da, dy/db)`: unary ops ignore
    b and return 0.0 for it; c is the op's constant (`Op.constant`: its first number
    attribute, else 0). `zero_guard`: a zero
    upstream sends exactly 0 (exp: 0·∞ is not NaN). Forward may raise GraphError for an
    input outside the op's domain; the run then takes the numpy path, which names it.
    """

    forward: ScalarForward
    local: ScalarLocal
    zero_guard: bool = False


@dataclass(frozen=True)
class Op:
    """One operation: what it computes, how its gradient flows, and how it is explained.

    `local` gives the elementwise local derivative d out / d input_i (broadcast to the
    output's shape); the default backward multiplies it by the upstream gradient and
    sums over broadcast axes. Ops whose Jacobian is not elementwise set `backward`;
    `backward_some` may skip the inputs that need no gradient (matmul in training).
    Texts: `template` reads the forward with {0}, {1} for inputs and {c} for the
    constant; `down_rules` (one per input, with {up}, {0}, {1}) replace "upstream x
    local" where the local gradient is not elementwise; `routes` marks a router (max).
    `syntax`: the program forms (first is printed) - see `gradflow.core.expr_syntax`.
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
    schema: tuple[Attr, ...] = ()
    differentiable: tuple[bool, ...] = ()
    scalar: ScalarRule | None = None
    template: str = ""
    syntax: tuple[str, ...] = ()
    noun: str = ""
    gradient: bool = True
    routes: bool = False
    down_rules: tuple[str, ...] = ()
    backward_some: SomeBackwardFn | None = None
    # training's plain SGD folded into the backward (core.descend; matmul: one gemm)
    backward_descend: DescendBackwardFn | None = None
    # a forward that writes into `take`'s arrays (None: not this time, use `forward`)
    forward_into: IntoForwardFn | None = None
    # fused forward/backward for runs without a trace (training): `forward_keeping`
    # returns the outputs and what it kept; `backward_kept` turns that into the
    # gradients, so nothing is computed twice (softmax_ce keeps its probabilities)
    forward_keeping: KeepingForwardFn | None = None
    backward_kept: KeptBackwardFn | None = None
    # the gate pattern's key in core/words.py ('distributes', 'swaps', 'adds', 'routes', ...)
    gate: str = "scales"
    # where the op is not differentiable: a mask over the output's entries, and the key of
    # the sentence (core/words.py) that says which one-sided slope gradflow uses there
    kink: Callable[[Arrays], np.ndarray] | None = None
    kink_note: str = ""
    # checks the inputs whose values are already known (those fed by an input or const
    # node, None elsewhere) when the graph changes, so a bad value is refused at once
    check_values: Callable[[tuple[np.ndarray | None, ...]], None] | None = None
    # how tightly its infix template binds (1: + −, 2: · / @, 3: power; None: not infix)
    precedence: int | None = None
    associative: bool = False
    squashes: bool = False  # saturates for large |x| (sigmoid, tanh): gradients vanish there
    torch: str = ""  # an activation's PyTorch module, for the model export ("nn.ReLU()")
    stem: str = ""  # default node names: stem + number (x1, add1); "" means the op name
    attrs: Mapping[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "attrs", {a.name: a.default for a in self.schema})

    @cached_property
    def arity(self) -> int:
        """Number of input ports (0: a leaf, which holds a `value`)."""
        return len(self.input_names)

    @property
    def id_stem(self) -> str:
        """What a new node of this op is called before its number: 'x' for input, 'add'."""
        return self.stem or self.name

    @cached_property
    def is_leaf(self) -> bool:
        """A node with no inputs: an input or a constant."""
        return not self.input_names

    @cached_property
    def ports_attr(self) -> Attr | None:
        """The attribute that sets the number of output ports (copy's `outputs`), if any.

        Cached, like `arity` and `is_leaf`: a 100,000-node graph asks for them millions
        of times, and an Op never changes.
        """
        return next((a for a in self.schema if a.ports), None)

    def constant(self, attrs: Attrs) -> float:
        """The op's constant for its scalar rule and `{c}` texts: its first number attribute."""
        for a in self.schema:
            if a.kind == "number":
                return float(attrs.get(a.name, a.default))
        return 0.0

    def attr(self, name: str) -> Attr:
        """The schema entry `name`, or a GraphError."""
        for a in self.schema:
            if a.name == name:
                return a
        raise GraphError(_('op "{op}" has no attribute "{name}"').format(op=self.name, name=name))

    def n_outputs(self, attrs: Attrs) -> int:
        """Number of output ports a node of this op has with these attributes."""
        ports = self.ports_attr
        return 1 if ports is None else int(attrs.get(ports.name, ports.default))

    def input_differentiable(self, port: int) -> bool:
        """Whether a gradient flows back into input `port` (labels of a loss do not)."""
        return self.differentiable[port] if self.differentiable else True

    def backprop(
        self,
        ins: Arrays,
        outs: Arrays,
        ups: Arrays,
        attrs: Attrs,
        local: tuple[Any, ...] | None = None,
    ) -> tuple[Any, ...]:
        """Gradients sent to each input, given the summed upstream gradient per output.

        `local` may pass the already computed local gradients to avoid computing them twice.
        """
        if self.backward is not None:
            return self.backward(ins, outs, ups, attrs)
        if self.local is None:
            raise GraphError(f"op {self.name} has neither a local rule nor a backward")
        locals_ = self.local(ins, outs, attrs) if local is None else local
        up = ups[0]
        return tuple(
            None if loc is None else reduce_to_shape(up * loc, x.shape)
            for x, loc in zip(ins, locals_, strict=True)
        )
