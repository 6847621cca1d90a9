"""core: the expression language - type a program, get a laid-out graph, and back.

    x = -2; y = 5; z = -4
    q = x + y
    f = q * z

Comment lines at the top give the graph its title (first) and description (the rest).
`build(text)` parses the program (standard library `ast`, a restricted grammar, never
evaluated) into a Graph laid out left to right; `to_program(graph)` prints a graph
back as a program that rebuilds it; `formula(graph, id)` writes one node's formula in
terms of the inputs. Bad programs raise ExpressionError with line and column.
"""

from __future__ import annotations

from gradflow.core.errors import ExpressionError
from gradflow.core.expr_build import build_program
from gradflow.core.expr_print import formula, same_structure, to_program
from gradflow.core.graph import Graph
from gradflow.core.layout import auto_layout
from gradflow.core.ops import get_op

__all__ = ["EXTENSION", "ExpressionError", "build", "formula", "same_structure", "to_program"]
EXTENSION = ".gfx"


def build(text: str, *, explicit_copies: bool = False, layout: bool = True) -> Graph:
    """The graph a program describes, laid out left to right (positions on every node).

    explicit_copies: a name used more than once goes through a copy gate (drawn as the
    lecture's "copy adds"); otherwise its wire simply fans out (gradients summed alike).
    """
    graph = build_program(text)
    _read_header(text, graph)
    if explicit_copies:
        insert_copies(graph)
    if layout:
        for nid, pos in auto_layout(graph).items():
            graph.set_pos(nid, (round(pos[0], 1), round(pos[1], 1)))
    return graph


def _read_header(text: str, graph: Graph) -> None:
    """Comment lines that open a program name it: the first is the title, the rest the
    description (as the bundled `.gfx` examples do)."""
    head = []
    for line in text.lstrip("\ufeff").splitlines():
        if not line.startswith("#"):
            break
        head.append(line[1:].strip())
    head = [h for h in head if h]
    if head:
        graph.title = head[0]
        graph.description = " ".join(head[1:]) or None


def insert_copies(graph: Graph) -> None:
    """Route every output port that feeds several wires through one copy gate."""
    copy_op = next(op for op in _fan_out_ops())
    for node in list(graph):
        if node.spec.ports_attr is not None:
            continue
        for port in range(node.n_outputs):
            edges = graph.out_edges(node.id, port)
            if len(edges) < 2:
                continue
            cid = graph.add_node(copy_op, graph.new_id(f"{node.id}_copy"))
            graph.set_attr(cid, get_op(copy_op).ports_attr.name, len(edges))  # type: ignore[union-attr]
            for e in edges:
                graph.disconnect(e)
            graph.connect(node.id, cid, port, 0)
            for k, e in enumerate(edges):
                graph.connect(cid, e.dst, k, e.dst_port)


def _fan_out_ops() -> list[str]:
    from gradflow.core.ops import REGISTRY

    return [op.name for op in REGISTRY.values() if op.ports_attr is not None and op.arity == 1]
