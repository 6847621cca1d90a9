"""core: a graph printed as a program of the expression language, and a node's formula.

`to_program` writes one statement per node, named by the node's id, in topological
order with the output last when nothing consumes it (else an `output =` line); nodes
whose ids are automatic (`add3`) and that feed one wire are written inline. The
program is rebuilt and compared with the graph; if inlining changed anything, the fully
spelled-out program is used, so the result always rebuilds the same graph, node for
node. `formula` writes what a node computes in terms of the inputs: `f = (x + y) * z`.
"""

from __future__ import annotations

import ast
import keyword
import re

import numpy as np

from gradflow.core import expr_syntax as syn
from gradflow.core.errors import ExpressionError
from gradflow.core.formatting import format_shape
from gradflow.core.graph import Graph, Node
from gradflow.core.i18n import _

MAX_FORMULA = 400
LINE = 72  # inputs share a line up to this width
MAX_FORMULA_NODES = 200


def _form_for(node: Node) -> syn.Form:
    own = [f for f in syn.forms() if f.op == node.op]
    order = {t: i for i, t in enumerate(node.spec.syntax)}
    own.sort(key=lambda f: order[f.text])
    fits = [f for f in own if syn.printable(f, node.attrs, node.spec.attrs)]
    if not fits:
        raise ExpressionError(
            _('node "{node}" ({op}) cannot be written in a program').format(
                node=node.id, op=node.op
            )
        )
    negative = [f for f in fits if "{-" in f.text]
    return negative[0] if negative else fits[0]


def _name_ok(node_id: str) -> bool:
    return (
        node_id.isidentifier() and not keyword.iskeyword(node_id) and not node_id.startswith("__")
    )


def _auto(node: Node) -> bool:
    return re.fullmatch(re.escape(node.op) + r"\d+", node.id) is not None


class _Printer:
    def __init__(self, graph: Graph, inline: bool) -> None:
        self.graph, self.inline = graph, inline
        self.counter: dict[str, int] = {}
        self.inlined: set[str] = set()
        for node in graph:
            if not _name_ok(node.id):
                raise ExpressionError(
                    _('node id "{node}" is not a name a program can use').format(node=node.id)
                )
        missing = graph.missing_inputs()
        if missing:
            nid, port = missing[0]
            name = graph.node(nid).spec.input_names[port]
            raise ExpressionError(
                _("input {port} of {node} is not connected: a program cannot say that").format(
                    port=name, node=nid
                )
            )

    def order(self, output: str | None) -> list[str]:
        """Topological order, with the output moved last when nothing consumes it."""
        topo = list(self.graph.topo_order())
        if output is not None and not self.graph.out_edges(output):
            topo.remove(output)
            topo.append(output)
        return topo

    def can_inline(self, node: Node, output: str | None) -> bool:
        outs = self.graph.out_edges(node.id)
        return (
            self.inline
            and _auto(node)
            and node.id != output
            and len(outs) == 1
            and node.n_outputs == 1
        )

    def expr(self, node: Node) -> ast.expr:
        form = _form_for(node)
        inputs = [self.ref(e.src, e.src_port) for e in self.graph.in_edges(node.id) if e]
        return syn.render(form, inputs, node.attrs)

    def ref(self, src: str, port: int) -> ast.expr:
        node = self.graph.node(src)
        if src in self.inlined:
            return self.expr(node)
        if node.spec.ports_attr is None:
            return ast.Name(src, ast.Load())
        k = self.counter.get(src, 0)
        if port == k:
            self.counter[src] = k + 1
            return ast.Name(src, ast.Load())
        return ast.Subscript(ast.Name(src, ast.Load()), ast.Constant(port), ast.Load())

    def program(self) -> str:
        try:
            output = self.graph.output_node()
        except Exception:
            output = None
        order = self.order(output)
        self.inlined = {n for n in order if self.can_inline(self.graph.node(n), output)}
        lines: list[str] = []
        leaves = False  # the last line holds leaves: more may join it, "; " between
        for nid in order:
            if nid in self.inlined:
                continue
            node = self.graph.node(nid)
            statement = f"{nid} = {ast.unparse(self.expr(node))}"
            if node.spec.is_leaf and leaves and len(lines[-1]) + len(statement) < LINE:
                lines[-1] += "; " + statement
            else:
                lines.append(statement)
            leaves = node.spec.is_leaf
        if output is not None and order[-1] != output:
            lines.append(f"output = {output}")
        return "\n".join(lines) + "\n"


def to_program(graph: Graph) -> str:
    """The program that rebuilds `graph` (ids as names); ExpressionError if none can."""
    from gradflow.core.expr_build import build_program

    for inline in (True, False):
        text = _Printer(graph, inline).program()
        try:
            again = build_program(text)
        except ExpressionError:
            continue
        if same_structure(graph, again):
            return text
    raise ExpressionError(_("this graph cannot be written as a program"))


def same_structure(a: Graph, b: Graph) -> bool:
    """Same nodes (ids, ops, attributes), same wires with ports, same output node."""
    if list(a.nodes) != list(b.nodes) and sorted(a.nodes) != sorted(b.nodes):
        return False
    for nid, node in a.nodes.items():
        other = b.nodes[nid]
        if node.op != other.op or set(node.attrs) != set(other.attrs):
            return False
        for key, value in node.attrs.items():
            if not np.array_equal(np.asarray(value), np.asarray(other.attrs[key])):
                return False
    if set(a.edges) != set(b.edges):
        return False
    try:
        return a.output_node() == b.output_node()
    except Exception:
        return False


def formula(graph: Graph, node_id: str) -> str:
    """`f = (x + y) * z`: what a node computes, written in terms of the graph's inputs.

    Empty when it would be too long to read (a shared subexpression is written out
    each time it is used, so the work is bounded too).
    """
    node = graph.node(node_id)
    if node.spec.is_leaf:
        value = np.asarray(node.attrs["value"])
        shown = ast.unparse(syn.number_ast(value)) if value.size <= 6 else format_shape(value.shape)
        return f"{_shown(node)} = {shown}"
    budget = [MAX_FORMULA_NODES]
    try:
        tree = _inline_all(graph, node, budget)
    except (ExpressionError, RecursionError, _TooLong):
        return ""
    text = ast.unparse(tree)
    if len(text) > MAX_FORMULA:
        return ""
    return f"{_shown(node)} = {text}"


class _TooLong(Exception):
    pass


def _shown(node: Node) -> str:
    label = (node.label or "").split("=")[0].strip()
    return label if _name_ok(label) else node.id


def _inline_all(graph: Graph, node: Node, budget: list[int]) -> ast.expr:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLong
    if node.spec.is_leaf:
        return ast.Name(_shown(node), ast.Load())
    inputs: list[ast.expr] = []
    for e in graph.in_edges(node.id):
        if e is None:
            inputs.append(ast.Name("?", ast.Load()))
            continue
        inputs.append(_inline_all(graph, graph.node(e.src), budget))
    if node.spec.ports_attr is not None:  # a copy shows what it copies
        return inputs[0]
    return syn.render(_form_for(node), inputs, node.attrs)
