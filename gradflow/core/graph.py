"""core: the graph model - nodes, ports and edges, with every mutation validated.

A mutation that fails raises GraphError with a readable message and leaves the graph
exactly as it was. `revision` counts changes that affect computation (not positions or
labels), so the engine can cache its plan per revision. A frozen graph refuses every
mutation: its owner (the editor's document) hands it out read-only and changes it only
inside `unlocked()`; `copy()` is always a free, unfrozen graph.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np

from gradflow.core import limits
from gradflow.core.errors import GraphError
from gradflow.core.graph_items import Edge, Node, Shape, check_attr, check_label, check_pos
from gradflow.core.i18n import _
from gradflow.core.op_spec import MAX_NDIM, as_value
from gradflow.core.ops import MAX_COPY_OUTPUTS, get_op
from gradflow.core.text import name_problem
from gradflow.core.topo import downstream, reaches, topological_order

__all__ = ["MAX_COPY_OUTPUTS", "MAX_NDIM", "Edge", "Graph", "Node", "Shape", "as_value"]


class Graph:
    """A computational graph: ordered nodes, a flat edge list and an optional named output.

    Adjacency and output shapes are kept up to date incrementally, so building a graph of
    100,000 nodes edge by edge stays linear.
    """

    def __init__(self) -> None:
        self._nodes: dict[str, Node] = {}
        self._edges: dict[Edge, None] = {}  # an ordered set
        self._in: dict[str, list[Edge | None]] = {}
        self._out: dict[str, list[Edge]] = {}
        self._shapes: dict[str, tuple[Shape | None, ...]] = {}
        self._output: str | None = None
        self.title: str | None = None  # document metadata, kept through save and load
        self.description: str | None = None
        self.revision = 0
        # Changes with wiring, ops, attributes and shapes, but not with a new value of the
        # same shape and dtype: plans that depend only on structure are cached by it.
        self.structure_revision = 0
        self._topo_cache: tuple[int, tuple[str, ...]] | None = None
        self._id_hints: dict[str, int] = {}
        # Shapes are bounded by `limits.max_elements()` per node (and ten times that in
        # all); a graph that bounds its memory otherwise (the trainer's) turns this off.
        self.bounded = True
        self._sizes: dict[str, int] = {}
        self._total_size = 0
        self.shape_derivations = 0  # how many node shapes were worked out (tests count them)
        self._frozen = False  # read-only while its owner says so (see unlocked)

    # --- reading -------------------------------------------------------------------------
    @property
    def nodes(self) -> Mapping[str, Node]:
        """Nodes by id, in insertion order (read-only view)."""
        return self._nodes

    @property
    def edges(self) -> tuple[Edge, ...]:
        """All edges, in the order they were made."""
        return tuple(self._edges)

    @property
    def output(self) -> str | None:
        """The node named as output, or None to use the only sink."""
        return self._output

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __iter__(self) -> Iterator[Node]:
        return iter(self._nodes.values())

    def __len__(self) -> int:
        return len(self._nodes)

    def node(self, node_id: str) -> Node:
        """The node with this id, or a GraphError."""
        try:
            return self._nodes[node_id]
        except (KeyError, TypeError):
            raise GraphError(_('there is no node "{node}"').format(node=node_id)) from None

    def in_edges(self, node_id: str) -> tuple[Edge | None, ...]:
        """The edge into each input port of a node (None where the port is free)."""
        self.node(node_id)
        return tuple(self._in[node_id])

    def out_edges(self, node_id: str, port: int | None = None) -> tuple[Edge, ...]:
        """Edges leaving a node (from one output port, or from all), in creation order."""
        self.node(node_id)
        return tuple(e for e in self._out[node_id] if port is None or e.src_port == port)

    def missing_inputs(self) -> tuple[tuple[str, int], ...]:
        """Every (node id, input port) that has no wire yet."""
        return tuple(
            (nid, p) for nid, ports in self._in.items() for p, e in enumerate(ports) if e is None
        )

    def sinks(self) -> tuple[str, ...]:
        """Nodes whose outputs feed nothing."""
        return tuple(nid for nid, outs in self._out.items() if not outs)

    def output_node(self) -> str:
        """The output: the named one, else the only sink; a GraphError otherwise."""
        if self._output is not None:
            return self._output
        sinks = self.sinks()
        if len(sinks) == 1:
            return sinks[0]
        if not sinks:
            raise GraphError(_("the graph is empty: add a node first"))
        shown = ", ".join(self._nodes[s].title for s in sinks[:4])
        more = ", ..." if len(sinks) > 4 else ""
        said = _("the graph has {count} ends ({ends}): choose the output node")
        raise GraphError(said.format(count=len(sinks), ends=shown + more))

    def topo_order(self) -> tuple[str, ...]:
        """Node ids in topological order; ties keep insertion order. Cached per structure."""
        if self._topo_cache is not None and self._topo_cache[0] == self.structure_revision:
            return self._topo_cache[1]
        order = topological_order(self._nodes, self._edges)
        self._topo_cache = (self.structure_revision, order)
        return order

    def new_id(self, stem: str) -> str:
        """An id not yet used, made from `stem` and a number (`add1`, `add2`...)."""
        # Numbers below the hint are known to be taken, so building a big graph stays
        # linear; any removal forgets the hints, keeping "lowest free number" exact.
        i = self._id_hints.get(stem, 1)
        while f"{stem}{i}" in self._nodes:
            i += 1
        self._id_hints[stem] = i
        return f"{stem}{i}"

    def shapes(self) -> Mapping[str, tuple[Shape | None, ...]]:
        """Output shapes per node and port; None where an input upstream is still missing."""
        return self._shapes

    def copy(self) -> Graph:
        """An independent copy (arrays are shared: values are never mutated in place)."""
        g = Graph()
        for n in self._nodes.values():
            g._nodes[n.id] = Node(n.id, n.op, dict(n.attrs), n.label, n.pos)
        g._edges = dict(self._edges)
        g._in = {k: list(v) for k, v in self._in.items()}
        g._out = {k: list(v) for k, v in self._out.items()}
        g._shapes = dict(self._shapes)
        g._sizes, g._total_size, g.bounded = dict(self._sizes), self._total_size, self.bounded
        g._output = self._output
        g.title, g.description = self.title, self.description
        return g

    # --- mutations -------------------------------------------------------------------------
    @property
    def frozen(self) -> bool:
        """Whether mutations are refused (a graph handed out read-only by its owner)."""
        return self._frozen

    def freeze(self) -> Graph:
        """Refuse every mutation from now on (outside `unlocked()`); returns the graph."""
        self._frozen = True
        return self

    @contextmanager
    def unlocked(self) -> Iterator[Graph]:
        """For the owner of a frozen graph only: allow mutations inside the block."""
        frozen, self._frozen = self._frozen, False
        try:
            yield self
        finally:
            self._frozen = frozen

    def _check_writable(self) -> None:
        if self._frozen:
            raise GraphError(
                _("this graph is read-only: change it through its owner (the document)")
            )

    def add_node(
        self,
        op: str,
        node_id: str | None = None,
        *,
        label: str | None = None,
        pos: tuple[float, float] | None = None,
        **attrs: Any,
    ) -> str:
        """Add a node of `op` (attributes default from the registry); returns its id."""
        self._check_writable()
        spec = get_op(op)
        if node_id is None:
            node_id = self.new_id(spec.id_stem)
        if not isinstance(node_id, str) or not node_id.strip():
            raise GraphError(_("a node id must be a non-empty string"))
        problem = name_problem(node_id)
        if problem:
            raise GraphError(_("a node id {problem}").format(problem=problem))
        if node_id in self._nodes:
            raise GraphError(_('a node "{node}" already exists').format(node=node_id))
        values = {k: check_attr(spec, k, v) for k, v in {**spec.attrs, **attrs}.items()}
        node = Node(node_id, op, values, check_label(label), check_pos(pos))
        self._nodes[node_id] = node
        self._in[node_id] = [None] * node.n_inputs
        self._out[node_id] = []
        try:
            self._set_shape(node_id, self._node_shape(node))
        except GraphError:
            del self._nodes[node_id], self._in[node_id], self._out[node_id]
            raise
        self._changed()
        return node_id

    def remove_node(self, node_id: str) -> tuple[Edge, ...]:
        """Remove a node and its wires; returns the wires removed (for undo)."""
        self._check_writable()
        self.node(node_id)
        removed = tuple(e for e in self._in[node_id] if e is not None) + tuple(self._out[node_id])
        for e in removed:
            self._unlink(e)
        del self._nodes[node_id], self._in[node_id], self._out[node_id]
        self._id_hints.clear()
        self._set_shape(node_id, None)
        if self._output == node_id:
            self._output = None
        self._update_shapes([e.dst for e in removed if e.dst != node_id])
        self._changed()
        return removed

    def connect(self, src: str, dst: str, src_port: int = 0, dst_port: int = 0) -> Edge:
        """Wire an output port to a free input port; refuses cycles, taken ports and bad shapes."""
        self._check_writable()
        edge = self.check_wire(src, dst, src_port, dst_port)
        a, b = self._nodes[src], self._nodes[dst]
        if src == dst or reaches(self._out, dst, src):
            said = _("connecting {src} → {dst} would make a cycle")
            raise GraphError(said.format(src=a.title, dst=b.title))
        self._link(edge)
        try:
            self._update_shapes([dst])
        except GraphError as err:
            self._unlink(edge)
            self._update_shapes([dst])
            said = _("cannot connect {src} → {dst}: {reason}")
            raise GraphError(said.format(src=a.title, dst=b.title, reason=err)) from None
        self._changed()
        return edge

    def check_wire(self, src: str, dst: str, src_port: int = 0, dst_port: int = 0) -> Edge:
        """The edge, if both ends exist and the input port is free (cycles, shapes unchecked)."""
        a, b = self.node(src), self.node(dst)
        if not isinstance(src_port, int) or not 0 <= src_port < a.n_outputs:
            said = _("{node} has no output port {port}")
            raise GraphError(said.format(node=a.title, port=src_port))
        if not isinstance(dst_port, int) or not 0 <= dst_port < b.n_inputs:
            said = _("{node} has no input port {port}")
            raise GraphError(said.format(node=b.title, port=dst_port))
        if self._in[dst][dst_port] is not None:
            name = b.spec.input_names[dst_port]
            said = _("input {name} of {node} is already connected")
            raise GraphError(said.format(name=name, node=b.title))
        return Edge(src, dst, src_port, dst_port)

    def disconnect(self, edge: Edge) -> None:
        """Remove one wire."""
        self._check_writable()
        if edge not in self._edges:
            raise GraphError(_("there is no wire {wire}").format(wire=edge))
        self._unlink(edge)
        self._update_shapes([edge.dst])
        self._changed()

    def set_attr(self, node_id: str, name: str, raw: Any) -> None:
        """Change an op attribute (validated by the op's schema); shapes rechecked."""
        self._check_writable()
        node = self.node(node_id)
        attr = node.spec.attr(name)
        value = attr.check(raw)
        if attr.ports and any(e.src_port >= value for e in self._out[node_id]):
            said = _("{node}: disconnect its higher outputs first")
            raise GraphError(said.format(node=node.title))
        old = node.attrs[name]
        # a new value of the same shape and dtype changes no shape and no plan structure
        same_kind = attr.kind == "tensor" and old.shape == value.shape and old.dtype == value.dtype
        node.attrs[name] = value
        try:
            if same_kind:  # shapes stand; consumers that check values look again
                for e in self._out[node_id]:
                    if self._nodes[e.dst].spec.check_values is not None:
                        self._node_shape(self._nodes[e.dst])
            else:
                self._update_shapes([node_id])
        except GraphError:
            node.attrs[name] = old
            self._update_shapes([node_id])
            raise
        self._changed(structure=not same_kind)

    def set_label(self, node_id: str, label: str | None) -> None:
        """Change the label shown on a node (does not affect computation)."""
        self._check_writable()
        node = self.node(node_id)
        node.label = check_label(label or None)

    def set_pos(self, node_id: str, pos: tuple[float, float] | None) -> None:
        """Move a node on the canvas (does not affect computation)."""
        self._check_writable()
        self.node(node_id).pos = check_pos(pos)

    def set_output(self, node_id: str | None) -> None:
        """Name the output node, or None to use the only sink."""
        self._check_writable()
        if node_id is not None:
            self.node(node_id)
        self._output = node_id
        self._changed()

    # --- helpers -----------------------------------------------------------------------------
    def _changed(self, structure: bool = True) -> None:
        self.revision += 1
        if structure:
            self.structure_revision += 1

    def _link(self, edge: Edge) -> None:
        self._edges[edge] = None
        self._in[edge.dst][edge.dst_port] = edge
        self._out[edge.src].append(edge)

    def _unlink(self, edge: Edge) -> None:
        del self._edges[edge]
        self._in[edge.dst][edge.dst_port] = None
        self._out[edge.src].remove(edge)

    def _node_shape(self, node: Node) -> tuple[Shape | None, ...]:
        self.shape_derivations += 1
        spec = node.spec
        ins: list[Shape] = []
        for e in self._in[node.id]:
            shape = None if e is None else self._shapes[e.src][e.src_port]
            if shape is None:
                return (None,) * spec.n_outputs(node.attrs)
            ins.append(shape)
        try:
            shapes = spec.shape(tuple(ins), node.attrs)
            if spec.check_values is not None:
                spec.check_values(self._known_inputs(node.id))
        except GraphError as err:
            raise GraphError(f"{node.title}: {err}") from None
        return shapes

    def _known_inputs(self, node_id: str) -> tuple[np.ndarray | None, ...]:
        """The values of a node's inputs that come straight from leaves (else None)."""
        known: list[np.ndarray | None] = []
        for e in self._in[node_id]:
            src = None if e is None else self._nodes[e.src]
            leaf = src is not None and src.spec.arity == 0 and "value" in src.attrs
            known.append(src.attrs["value"] if leaf and src is not None else None)
        return tuple(known)

    def _set_shape(self, node_id: str, shapes: tuple[Shape | None, ...] | None) -> None:
        """Store a node's output shapes (None: forget the node), keeping the sizes bounded."""
        size = 0 if shapes is None else sum(math.prod(s) for s in shapes if s is not None)
        total = self._total_size - self._sizes.get(node_id, 0) + size
        if self.bounded and shapes is not None and size > limits.max_elements():
            limits.check_node(self._nodes[node_id].title, shapes)  # one output is too big
            if total > self._total_size:
                limits.check_total(total)
        self._total_size = total
        if shapes is None:
            self._sizes.pop(node_id, None)
            self._shapes.pop(node_id, None)
        else:
            self._sizes[node_id] = size
            self._shapes[node_id] = shapes

    def _update_shapes(self, starts: list[str]) -> None:
        """Recompute the shapes of `starts` and everything downstream, in dependency order."""
        affected = downstream(self._out, starts)
        if not affected:
            return
        order = topological_order(
            affected, [e for nid in affected for e in self._out[nid] if e.dst in affected]
        )
        for nid in order:
            self._set_shape(nid, self._node_shape(self._nodes[nid]))
