"""core: the builder exercises grow their graphs with - named inputs, labelled gates, formula.

Every gate gets a label in the lecture's notation (`q = x + y`) and the builder keeps
each node's expression, so the finished graph can say what it computes
(`f = (x + y) · z`). Positions come from the layered auto-layout.
"""

from __future__ import annotations

from typing import Any

from gradflow.core.formatting import format_array
from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.core.layout import auto_layout
from gradflow.core.ops import get_op


class ExerciseBuilder:
    """A Graph grown node by node, with a readable label and expression per node."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.expr: dict[str, str] = {}
        self.inputs: list[str] = []

    def input(self, name: str, value: Any) -> str:
        """An input variable `name` holding `value`."""
        self.graph.add_node("input", name, label=name, value=value)
        self.expr[name] = name
        self.inputs.append(name)
        return name

    def gate(self, op: str, name: str, *sources: str | tuple[str, int], **attrs: Any) -> str:
        """A node `name` of `op` fed by `sources` (node ids, or (id, output port) pairs)."""
        ports = [s if isinstance(s, tuple) else (s, 0) for s in sources]
        shown = [self._shown(src) for src, _ in ports]
        spec = get_op(op)
        template = spec.template or op + "({0})"
        fans_out = spec.ports_attr is not None  # a copy: labelled by what it copies
        c = format_array(attrs["c"]) if "c" in attrs else "c"
        label = _fill(template, shown, c)
        self.graph.add_node(op, name, label=f"{name} = {label}" if not fans_out else None, **attrs)
        if fans_out:
            self.graph.set_label(name, f"copy {shown[0]}")
        for i, (src, port) in enumerate(ports):
            self.graph.connect(src, name, port, i)
        inner = [self._inner(src, op, template, i) for i, (src, _) in enumerate(ports)]
        self.expr[name] = inner[0] if fans_out else _fill(template, inner, c)
        return name

    def finish(self, output: str, title: str, task: str) -> Graph:
        """The graph with `output` named, laid out, titled and described."""
        graph = self.graph
        graph.set_output(output)
        for nid, pos in auto_layout(graph).items():
            graph.set_pos(nid, (round(pos[0], 1), round(pos[1], 1)))
        values = ", ".join(
            f"{name} = {format_array(graph.node(name).attrs['value'])}" for name in self.inputs
        )
        graph.title = title
        graph.description = _("{output} = {formula} at {values}. {task}").format(
            output=output, formula=self.expr[output], values=values, task=task
        )
        return graph

    def _shown(self, node_id: str) -> str:
        """How a label names an input: the node's name (a copy shows what it copies)."""
        node = self.graph.node(node_id)
        if node.spec.ports_attr is not None:  # a copy: several outputs of one input
            src = self.graph.in_edges(node_id)[0]
            return self._shown(src.src) if src is not None else node_id
        return node_id

    def _inner(self, node_id: str, op: str, template: str, slot: int) -> str:
        """An operand's expression, in parentheses where the op would otherwise bind it wrong."""
        text = self.expr[node_id]
        inner_spec, outer_spec = self.graph.node(node_id).spec, get_op(op)
        inner = inner_spec.precedence
        key = "{" + str(slot) + "}"
        if inner is None or f"({key})" in template or f"({key}," in template:
            return text
        if f", {key})" in template:
            return text
        outer = 4 if outer_spec.precedence is None else outer_spec.precedence
        # functions and powers bind tighter than any infix op
        same = inner_spec is outer_spec and outer_spec.associative and slot == 0
        return (
            text
            if inner > outer or same or (inner == outer and outer_spec.associative)
            else f"({text})"
        )


def _fill(template: str, names: list[str], c: str) -> str:
    out = template
    for i, name in enumerate(names):
        out = out.replace("{" + str(i) + "}", name)
    return out.replace("{c}", c)
