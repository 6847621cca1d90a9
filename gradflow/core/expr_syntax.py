"""core: the expression language's forms, read from the op registry's `syntax` entries.

Each op lists the program forms that build it, written as Python-like text with holes:
`{0}`, `{1}` for its inputs, `{c}` (any attribute name) for a number written in the
program, `{-c}` for its negative; a form may end with fixed attributes (`data({value})
trainable=False`). The first form is the one printed. Forms are parsed once (they are
our own text) into small `ast` patterns; a user's expression is matched against them
structurally, and printing fills a pattern back in - nothing is ever evaluated.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradflow.core import ops

_HOLE = re.compile(r"\{(-?)(\w+)\}")
_FIXED = re.compile(r"\s+(\w+)=(True|False|-?[0-9.]+)$")


@dataclass(frozen=True)
class Form:
    """One way to write an op: its pattern, its holes, and attributes it fixes."""

    op: str
    text: str
    pattern: ast.expr
    inputs: int
    fixed: Mapping[str, Any]

    @property
    def top(self) -> tuple[type, str]:
        """What the pattern's outermost node is: (ast class, operator or function name)."""
        p = self.pattern
        if isinstance(p, ast.BinOp):
            return ast.BinOp, type(p.op).__name__
        if isinstance(p, ast.UnaryOp):
            return ast.UnaryOp, type(p.op).__name__
        if isinstance(p, ast.Call) and isinstance(p.func, ast.Name):
            return ast.Call, p.func.id
        return type(p), ""


def _compile(op: str, text: str) -> Form:
    fixed: dict[str, Any] = {}
    body = text
    while (m := _FIXED.search(body)) is not None:
        raw = m.group(2)
        fixed[m.group(1)] = raw == "True" if raw in ("True", "False") else float(raw)
        body = body[: m.start()]

    def hole(m: re.Match[str]) -> str:
        name = m.group(2)
        if name.isdigit():
            return f"_in{name}"
        return ("_ng_" if m.group(1) else "_at_") + name

    source = _HOLE.sub(hole, body)
    pattern = ast.parse(source, mode="eval").body
    inputs = len({n for n in re.findall(r"_in(\d+)", source)})
    return Form(op, text, pattern, inputs, fixed)


_cache: dict[int, tuple[Form, ...]] = {}


def forms() -> tuple[Form, ...]:
    """Every form of every registered op: fewer input holes first (constants fold first)."""
    rev = ops.revision()
    if rev not in _cache:
        _cache.clear()
        found = [_compile(op.name, t) for op in ops.REGISTRY.values() for t in op.syntax]
        _cache[rev] = tuple(sorted(found, key=lambda f: f.inputs))
    return _cache[rev]


def leaf_forms() -> tuple[Form, ...]:
    """The forms of ops without inputs: what `name = 2`, `const(...)`, `param(...)` build."""
    return tuple(f for f in forms() if ops.get_op(f.op).is_leaf)


def function_names() -> tuple[str, ...]:
    """Every function the language knows, for 'did you mean' hints."""
    return tuple(dict.fromkeys(f.top[1] for f in forms() if f.top[0] is ast.Call))


def literal(node: ast.expr) -> Any | None:
    """The number or (nested) list of numbers a literal writes, else None."""
    if isinstance(node, ast.Constant):
        v = node.value
        ok = isinstance(v, (int, float)) and not isinstance(v, bool)
        return v if ok else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = literal(node.operand)
        if isinstance(v, (int, float)):
            return -v if isinstance(node.op, ast.USub) else v
        return None
    if isinstance(node, ast.List) and node.elts:
        items = [literal(e) for e in node.elts]
        return None if any(i is None for i in items) else items
    return None


def match(form: Form, node: ast.expr) -> tuple[list[ast.expr], dict[str, Any]] | None:
    """(input expressions, attributes) if `node` is written in `form`, else None."""
    inputs: dict[int, ast.expr] = {}
    attrs: dict[str, Any] = dict(form.fixed)
    if not _unify(form.pattern, node, inputs, attrs):
        return None
    return [inputs[i] for i in range(form.inputs)], attrs


def _unify(pat: ast.AST, node: ast.AST, inputs: dict[int, ast.expr], attrs: dict[str, Any]) -> bool:
    if isinstance(pat, ast.Name) and pat.id.startswith(("_in", "_at_", "_ng_")):
        if pat.id.startswith("_in"):
            inputs[int(pat.id[3:])] = node  # type: ignore[assignment]
            return True
        value = literal(node)  # type: ignore[arg-type]
        if value is None:
            return False
        negate = pat.id.startswith("_ng_")
        if negate and not isinstance(value, (int, float)):
            return False
        attrs[pat.id[4:]] = -value if negate else value
        return True
    if isinstance(pat, ast.Constant):
        return literal(node) == pat.value  # type: ignore[arg-type]
    if type(pat) is not type(node):
        return False
    if isinstance(pat, ast.BinOp) and isinstance(node, ast.BinOp):
        return (
            type(pat.op) is type(node.op)
            and _unify(pat.left, node.left, inputs, attrs)
            and _unify(pat.right, node.right, inputs, attrs)
        )
    if isinstance(pat, ast.UnaryOp) and isinstance(node, ast.UnaryOp):
        return type(pat.op) is type(node.op) and _unify(pat.operand, node.operand, inputs, attrs)
    if isinstance(pat, ast.Call) and isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Name)
            and node.func.id == pat.func.id  # type: ignore[attr-defined]
            and not node.keywords
            and len(node.args) == len(pat.args)
            and all(_unify(p, n, inputs, attrs) for p, n in zip(pat.args, node.args, strict=True))
        )
    return False


def number_ast(value: Any) -> ast.expr:
    """A number or nested list as program text: whole floats as integers, exact digits."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, list):
        return ast.List([number_ast(v) for v in value], ast.Load())
    x = float(value)
    text: int | float = int(x) if x.is_integer() and abs(x) < 1e16 else x
    if x < 0 or (x == 0 and str(x).startswith("-")):
        return ast.UnaryOp(ast.USub(), ast.Constant(-text if x else 0.0))
    return ast.Constant(text)


def render(form: Form, inputs: list[ast.expr], attrs: Mapping[str, Any]) -> ast.expr:
    """The form filled in: its holes replaced by input expressions and attribute numbers."""

    class Fill(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.expr:
            if node.id.startswith("_in"):
                return inputs[int(node.id[3:])]
            if node.id.startswith("_at_"):
                return number_ast(attrs[node.id[4:]])
            if node.id.startswith("_ng_"):
                return number_ast(-float(attrs[node.id[4:]]))
            return node

    import copy

    return Fill().visit(copy.deepcopy(form.pattern))  # type: ignore[no-any-return]


def printable(form: Form, attrs: Mapping[str, Any], defaults: Mapping[str, Any]) -> bool:
    """Whether `form` rebuilds exactly these attributes (fixed ones, and the defaults of
    the attributes it does not write)."""
    written = {m.group(2) for m in _HOLE.finditer(form.text) if not m.group(2).isdigit()}
    for name, default in defaults.items():
        if name in written:
            negated = {m.group(2) for m in _HOLE.finditer(form.text) if m.group(1)}
            if name in negated and not float(attrs[name]) < 0:
                return False  # a {-c} form prints only a negative constant
            continue
        want = form.fixed.get(name, default)
        have = attrs[name]
        if isinstance(have, np.ndarray) or isinstance(want, np.ndarray):
            if not np.array_equal(np.asarray(have), np.asarray(want)):
                return False
        elif have != want:
            return False
    return True
