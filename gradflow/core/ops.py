"""core: the op registry - one entry per op feeds the engine, palette, inspector and files.

The entries live in `ops_gates` and `ops_layers`, each op one `Op(...)` carrying its
ports, attribute schema, numpy and scalar rules, texts, gate pattern, symbol, palette
group and program syntax (see `op_spec.Op`). `register` adds an op from anywhere (a
plug-in, a test); every part of gradflow then knows it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from gradflow.core.errors import GraphError
from gradflow.core.op_spec import Attr, Op, ScalarRule
from gradflow.core.ops_gates import GATES, MAX_COPY_OUTPUTS
from gradflow.core.ops_layers import LAYERS

__all__ = [
    "CATEGORIES",
    "MAX_COPY_OUTPUTS",
    "NODE_KEYS",
    "REGISTRY",
    "Attr",
    "Op",
    "ScalarRule",
    "categories",
    "get_op",
    "ops_in_category",
    "register",
    "registered",
    "unknown_op_message",
]

CATEGORIES = ("inputs", "gates", "activations", "tensor ops", "losses")
NODE_KEYS = ("id", "op", "label", "pos")
_REGISTRY: dict[str, Op] = {op.name: op for op in (*GATES, *LAYERS)}
REGISTRY: Mapping[str, Op] = _REGISTRY  # read-only to everyone but `register`
_revision = [0]


def register(op: Op) -> None:
    """Add `op` to the registry; a GraphError if the name is taken or not a plain name."""
    if not op.name.isidentifier():
        raise GraphError(f'an op name must be a plain name, not "{op.name}"')
    if op.name in _REGISTRY:
        raise GraphError(f'an op "{op.name}" is already registered')
    _REGISTRY[op.name] = op
    _revision[0] += 1


def unregister(name: str) -> None:
    """Remove a registered op (graphs that use it can no longer be built or loaded)."""
    get_op(name)
    del _REGISTRY[name]
    _revision[0] += 1


def revision() -> int:
    """Changes whenever an op is registered or removed (for caches built from the registry)."""
    return _revision[0]


@contextmanager
def registered(op: Op) -> Iterator[Op]:
    """`with registered(op):` - the op is known inside the block only."""
    register(op)
    try:
        yield op
    finally:
        unregister(op.name)


def unknown_op_message(name: object) -> str:
    """'unknown op "mull" (did you mean "mul"?)'; the hint only when a registered name is close."""
    message = f'unknown op "{name}"'
    close = difflib.get_close_matches(name, _REGISTRY, n=1) if isinstance(name, str) else []
    return f'{message} (did you mean "{close[0]}"?)' if close else message


def get_op(name: str) -> Op:
    """The registered op called `name`; a GraphError naming the op (and the closest) if none."""
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise GraphError(unknown_op_message(name)) from None


def categories() -> tuple[str, ...]:
    """The palette groups: the standard ones, then any a registered op brings."""
    extra = [op.category for op in _REGISTRY.values() if op.category not in CATEGORIES]
    return CATEGORIES + tuple(dict.fromkeys(extra))


def ops_in_category(category: str) -> tuple[Op, ...]:
    """The registered ops of one palette category, in registry order."""
    return tuple(op for op in _REGISTRY.values() if op.category == category)
