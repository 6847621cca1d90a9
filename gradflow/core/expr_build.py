"""core: a program of the expression language built into a Graph - checked, never run.

The text is parsed by the standard library's `ast.parse` (which only builds a syntax
tree; nothing is compiled or evaluated) and then walked under a restricted grammar:
assignments `name = ...` (one name), `output = name`, and expressions made of names,
numbers, lists of numbers, the operators + - * / ** @, unary -, parentheses, `c[k]`
for output k of a copy, and the functions the registry's `syntax` forms define.
Anything else is an ExpressionError at its line and column. A fresh Graph is built
statement by statement, so a program that fails leaves nothing behind.
"""

from __future__ import annotations

import ast
import difflib
import keyword
from dataclasses import dataclass
from typing import Any

from gradflow.core import expr_syntax as syn
from gradflow.core.errors import ExpressionError, GraphError
from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.core.ops import get_op

MAX_CHARS = 100_000
MAX_DEPTH = 120
MAX_NODES = 20_000
OUTPUT = "output"


@dataclass
class _Ref:
    """What a name stands for: a node, and its port (None: the next free port of a copy)."""

    node: str
    port: int | None = 0


class Builder:
    """Builds one program; `graph` is complete once `build()` returns."""

    def __init__(self, text: str) -> None:
        self.text, self.lines = text, text.splitlines() or [""]
        self.graph = Graph()
        self.env: dict[str, _Ref] = {}
        self.next_port: dict[str, int] = {}
        self.last: str | None = None
        self.output: str | None = None

    # --- errors -----------------------------------------------------------------------------
    def error(self, node: ast.AST | None, message: str) -> ExpressionError:
        line = getattr(node, "lineno", 1) or 1
        col = (getattr(node, "col_offset", 0) or 0) + 1
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return ExpressionError(message, line, col, source)

    # --- the program ------------------------------------------------------------------------
    def build(self) -> Graph:
        if len(self.text) > MAX_CHARS:
            raise self.error(None, _("the program is longer than {n} characters").format(
                n=MAX_CHARS))  # fmt: skip
        tree = self._parse()
        if not tree.body:
            raise self.error(None, _("the program is empty: expected name = expression"))
        for stmt in tree.body:
            self._statement(stmt)
        out = self.output or self.last
        if out is None:
            raise self.error(tree.body[-1], _("expected an assignment name = expression"))
        self.graph.set_output(out)
        return self.graph

    def _parse(self) -> ast.Module:
        try:
            return ast.parse(self.text, mode="exec")
        except SyntaxError as err:
            line, col = err.lineno or 1, err.offset or 1
            msg = (err.msg or "invalid syntax").split(" (")[0]
            if "Exceeds the limit" in msg:
                msg = _("a number has too many digits")
            node = ast.Pass(lineno=line, col_offset=col - 1)
            raise self.error(node, _("syntax error: {msg}").format(msg=msg)) from None
        except (RecursionError, MemoryError, ValueError):
            raise self.error(None, _("the program is nested too deeply to read")) from None

    def _statement(self, stmt: ast.stmt) -> None:
        if not isinstance(stmt, ast.Assign):
            what = type(stmt).__name__.lower()
            raise self.error(stmt, _("expected name = expression, not a {what} statement").format(
                what=what))  # fmt: skip
        if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
            raise self.error(stmt.targets[0], _("expected one name before ="))
        name = stmt.targets[0].id
        self._check_name(stmt.targets[0], name)
        value = stmt.value
        if name == OUTPUT:
            if not isinstance(value, ast.Name) or value.id not in self.env:
                raise self.error(value, _("expected a name defined above after output ="))
            self.output = self.env[value.id].node
            return
        if isinstance(value, ast.Name) and value.id in self.env:
            self.env[name] = self.env[value.id]  # another name for the same node
            self.last = self.env[name].node
            return
        node_id = self._leaf(value, name)
        if node_id is None:
            self._check_names(value)
            ref = self._expr(value, name, 0)
            node_id = ref.node
            self.env[name] = ref
        else:
            self.env[name] = _Ref(node_id)
        self.last = node_id

    def _check_names(self, value: ast.expr) -> None:
        """Unknown names first: a misspelt name is a clearer message than a form's."""
        funcs = {id(n.func) for n in ast.walk(value) if isinstance(n, ast.Call)}
        for sub in ast.walk(value):
            if isinstance(sub, ast.Name) and id(sub) not in funcs and sub.id not in self.env:
                self._name(sub)

    def _check_name(self, where: ast.AST, name: str) -> None:
        if name.startswith("__") or keyword.iskeyword(name):
            raise self.error(where, _('"{name}" cannot be used as a name').format(name=name))

    # --- leaves -----------------------------------------------------------------------------
    def _leaf(self, value: ast.expr, name: str) -> str | None:
        for form in syn.leaf_forms():
            found = syn.match(form, value)
            if found is not None:
                return self._add(value, form.op, name, found[1])
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            names = [f.top[1] for f in syn.leaf_forms() if f.top[0] is ast.Call]
            if value.func.id in names:
                raise self.error(value, _("{f}(...) takes one number or list of numbers").format(
                    f=value.func.id))  # fmt: skip
        return None

    def _add(self, where: ast.AST, op: str, name: str | None, attrs: dict[str, Any]) -> str:
        if len(self.graph) >= MAX_NODES:
            raise self.error(where, _("the program makes more than {n} nodes").format(n=MAX_NODES))
        node_id = self._unique(name) if name else self.graph.new_id(op)
        try:
            return self.graph.add_node(op, node_id, **attrs)
        except GraphError as err:
            raise self.error(where, str(err)) from None

    def _unique(self, name: str) -> str:
        if name not in self.graph:
            return name
        k = 2
        while f"{name}_{k}" in self.graph:
            k += 1
        return f"{name}_{k}"

    # --- expressions ------------------------------------------------------------------------
    def _expr(self, node: ast.expr, name: str | None, depth: int) -> _Ref:
        if depth > MAX_DEPTH:
            raise self.error(node, _("nested too deeply (more than {n} levels)").format(
                n=MAX_DEPTH))  # fmt: skip
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.Subscript):
            return self._port(node)
        value = syn.literal(node)
        if value is not None:
            constant = next(f for f in syn.leaf_forms() if not get_op(f.op).gradient)
            return _Ref(self._add(node, constant.op, None, {"value": value}))
        self._check_allowed(node)
        for form in syn.forms():
            if get_op(form.op).is_leaf:
                continue
            found = syn.match(form, node)
            if found is None:
                continue
            inputs, attrs = found
            refs = [self._expr(arg, None, depth + 1) for arg in inputs]
            node_id = self._add(node, form.op, name, attrs)
            for port, ref in enumerate(refs):
                self._connect(node, ref, node_id, port)
            ports = get_op(form.op).ports_attr
            return _Ref(node_id, None if ports is not None else 0)
        raise self._no_form(node)

    def _check_allowed(self, node: ast.expr) -> None:
        if isinstance(node, (ast.BinOp, ast.UnaryOp)):
            return
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise self.error(node, _("expected a function name before ("))
            known = syn.function_names()
            if node.func.id not in known:
                close = difflib.get_close_matches(node.func.id, known, n=1)
                hint = _(' (did you mean "{name}"?)').format(name=close[0]) if close else ""
                raise self.error(node, _('unknown function "{name}"').format(name=node.func.id)
                                 + hint)  # fmt: skip
            if node.keywords:
                raise self.error(node.keywords[0], _("expected plain arguments, not name=value"))
            return
        what = {
            ast.Attribute: _("attribute access (.)"), ast.Lambda: _("a lambda"),
            ast.Constant: _("text or a value that is not a number"),
            ast.Compare: _("a comparison"), ast.BoolOp: _("and/or"), ast.IfExp: _("if/else"),
        }.get(type(node), _("this kind of expression"))  # fmt: skip
        raise self.error(
            node,
            _(
                "{what} is not part of the language; expected a number, "
                "a name, an operator or a function call"
            ).format(what=what),
        )

    def _no_form(self, node: ast.expr) -> ExpressionError:
        kind: type = type(node)
        if isinstance(node, (ast.BinOp, ast.UnaryOp)):
            key = type(node.op).__name__
        else:
            kind, key = ast.Call, node.func.id  # type: ignore[attr-defined]
        shapes = [f for f in syn.forms() if f.top == (kind, key)]
        shown = " or ".join(dict.fromkeys(_readable(f.text) for f in shapes))
        if not shown:
            return self.error(node, _("this operator is not part of the language"))
        if any("_at_" in ast.dump(f.pattern) for f in shapes):
            shown += _(" (c: a number written in the program)")
        return self.error(node, _("expected {forms}").format(forms=shown))

    def _name(self, node: ast.Name) -> _Ref:
        ref = self.env.get(node.id)
        if ref is None:
            close = difflib.get_close_matches(node.id, list(self.env), n=1)
            hint = _(' (did you mean "{name}"?)').format(name=close[0]) if close else ""
            if node.id in syn.function_names():
                hint = _(" ({name} is a function: write {name}(x))").format(name=node.id)
            raise self.error(node, _('unknown name "{name}"').format(name=node.id) + hint)
        if ref.port is not None:
            return ref
        port = self.next_port.get(ref.node, 0)
        self.next_port[ref.node] = port + 1
        return _Ref(ref.node, port)

    def _port(self, node: ast.Subscript) -> _Ref:
        k = syn.literal(node.slice)
        if not isinstance(node.value, ast.Name) or not isinstance(k, int) or k < 0:
            raise self.error(node, _("expected name[k] with a whole number k ≥ 0"))
        ref = self.env.get(node.value.id)
        if ref is None:
            return self._name(node.value)  # the unknown-name error
        if ref.port is not None:
            raise self.error(node, _('"{name}" has one output: write {name}').format(
                name=node.value.id))  # fmt: skip
        return _Ref(ref.node, k)

    def _connect(self, where: ast.AST, ref: _Ref, dst: str, port: int) -> None:
        src = self.graph.node(ref.node)
        want = (ref.port or 0) + 1
        ports = src.spec.ports_attr
        try:
            if ports is not None and want > src.n_outputs:
                self.graph.set_attr(src.id, ports.name, want)
            self.graph.connect(ref.node, dst, ref.port or 0, port)
        except GraphError as err:
            raise self.error(where, str(err)) from None


def _readable(text: str) -> str:
    """A form as a user reads it: holes become a, b and c."""
    out = text.split(" trainable=")[0]
    for i, letter in enumerate("ab"):
        out = out.replace("{" + str(i) + "}", letter)
    return syn._HOLE.sub(lambda m: "-" + m.group(2) if m.group(1) else m.group(2), out)


def build_program(text: str) -> Graph:
    """The graph a program describes (not laid out); ExpressionError at the first problem."""
    if not isinstance(text, str):
        raise ExpressionError(_("a program is text"))
    return Builder(text).build()
