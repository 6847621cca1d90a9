"""ui: GraphDocument - the only mutation path of the open graph; owns the undo stack.

Every user edit is validated on a private copy first, so a refused edit changes nothing,
then pushed as one undo command. The graph handed to readers is frozen (core refuses any
mutation of it): the only way to change it is a method here, and the helpers that skip
the undo stack are private to the undo commands. After every computational edit the document re-runs
the engine (`run(graph, record=True, partial=True)`) and emits typed signals the canvas
items follow: an edit flows gesture → command → document → core Graph → signal → items.
The undo texts (Edit ▸ Undo "Add mul") are translated in the "Commands" context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from gradflow.core.engine import RunResult, run
from gradflow.core.errors import GradflowError, GraphError
from gradflow.core.gc_pause import paused_gc
from gradflow.core.graph import Edge, Graph, Node
from gradflow.core.graph_bulk import place_all
from gradflow.core.layout import auto_layout
from gradflow.core.rerun import run_after_adding, run_after_removing
from gradflow.core.trace import Trace
from gradflow.core.wire_check import wire_refusal
from gradflow.core.wiring import connect_many
from gradflow.ui.commands import AddNodeCommand, MoveCommand, SetAttrCommand, SnapshotCommand
from gradflow.ui.snapshot_diff import Touched, fresh_label, graph_diff, id_stem

Pos = tuple[float, float]
UNDO_LIMIT = 500


class GraphDocument(QObject):
    """The open graph, its file path, its undo stack and its latest run result."""

    node_added = Signal(str)
    node_removed = Signal(str)
    node_changed = Signal(str)  # op attributes, label or number of ports
    node_moved = Signal(str)
    edge_added = Signal(object)  # Edge
    edge_removed = Signal(object)  # Edge
    graph_replaced = Signal()  # a new document: rebuild everything
    result_changed = Signal(bool)  # True if nodes or wires were added or removed
    path_changed = Signal(object)  # str | None
    modified_changed = Signal(bool)

    def __init__(self, graph: Graph | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._graph = (graph if graph is not None else Graph()).freeze()
        self._path: str | None = None
        self._unsaved_new = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)  # structural steps keep graph snapshots
        self._was_modified = False
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        self._result = self._run()

    # --- reading ----------------------------------------------------------------------------
    @property
    def graph(self) -> Graph:
        """The current graph, read-only (frozen): change it through this document's methods.

        Adding a node (and undoing that) changes it in place, like value, label and
        position edits; the other structural edits replace it with a new graph. A reader
        that needs the graph as it is now, whatever comes next, keeps a `copy()`.
        """
        return self._graph

    @property
    def result(self) -> RunResult:
        """The latest partial run of the graph, recomputed after every edit."""
        return self._result

    @property
    def path(self) -> str | None:
        """The file the document was loaded from or saved to, if any."""
        return self._path

    @property
    def modified(self) -> bool:
        """Whether there are changes not saved to `path`."""
        return self._unsaved_new or not self.undo_stack.isClean()

    def refusal(
        self, src: str, dst: str, src_port: int = 0, dst_port: int = 0, without: Edge | None = None
    ) -> str | None:
        """Why this wire would be refused (the GraphError message), or None if it is fine.

        `without`: judge it as if that wire were already gone (a wire being re-routed).
        """
        return wire_refusal(self._graph, src, dst, src_port, dst_port, without)

    # --- user edits (each pushes one undo command) ---------------------------------------
    def add_node(self, op: str, pos: Pos | None = None, **attrs: Any) -> str:
        """Add a node of `op` at `pos`; returns its id. Raises GraphError and changes nothing."""
        text = QCoreApplication.translate("Commands", "Add {op}").format(op=op)
        try:
            with self._graph.unlocked():  # Graph.add_node changes nothing if it raises
                node_id = self._graph.add_node(op, pos=pos, **attrs)
        except (KeyError, TypeError, ValueError) as err:
            said = QCoreApplication.translate("Commands", "{action} failed: {reason}")
            raise GraphError(said.format(action=text, reason=err)) from None
        self._node_added(node_id)
        node = self._graph.node(node_id)
        self.undo_stack.push(AddNodeCommand(self, text, node))
        return node_id

    def add_edge(self, src: str, dst: str, src_port: int = 0, dst_port: int = 0) -> Edge:
        """Wire an output port to an input port (GraphError: cycle, taken port, shapes)."""
        made: list[Edge] = []
        title = QCoreApplication.translate("Commands", "Connect {src} → {dst}").format(
            src=src, dst=dst
        )
        self._edit(
            title,
            lambda g: made.append(g.connect(src, dst, src_port, dst_port)),
            lambda: ((), tuple(made)),
        )
        return made[0]

    def remove_edge(self, edge: Edge) -> None:
        """Remove one wire."""
        self._edit(
            QCoreApplication.translate("Commands", "Disconnect {wire}").format(wire=edge),
            lambda g: g.disconnect(edge),
            lambda: ((), (edge,)),
        )

    def reroute(self, edge: Edge, dst: str, dst_port: int = 0) -> Edge:
        """Move the target end of a wire to another input port, as one undoable edit."""
        made: list[Edge] = []

        def change(g: Graph) -> None:
            g.disconnect(edge)
            made.append(g.connect(edge.src, dst, edge.src_port, dst_port))

        self._edit(
            QCoreApplication.translate("Commands", "Move wire {src} → {dst}").format(
                src=edge.src, dst=dst
            ),
            change,
            lambda: ((), (edge, *made)),
        )
        return made[0]

    def delete(self, node_ids: Iterable[str] = (), edges: Iterable[Edge] = ()) -> None:
        """Delete nodes (with their wires) and wires, as one undoable edit."""
        node_ids, edges = list(node_ids), list(edges)
        if not node_ids and not edges:
            return

        def change(g: Graph) -> None:
            existing, gone = dict.fromkeys(g.edges), dict.fromkeys(node_ids)
            for e in edges:  # wires of deleted nodes go with them
                if e in existing and e.src not in gone and e.dst not in gone:
                    g.disconnect(e)
            for nid in node_ids:
                g.remove_node(nid)

        graph = self._graph  # the wires that go with the deleted nodes, before they go

        def touched() -> Touched:
            wires = [e for nid in node_ids if nid in graph for e in graph.in_edges(nid) if e]
            wires += [e for nid in node_ids if nid in graph for e in graph.out_edges(nid)]
            return tuple(node_ids), (*edges, *wires)

        count = len(node_ids) + len(edges)
        text = (
            QCoreApplication.translate("Commands", "Delete 1 item")
            if count == 1
            else QCoreApplication.translate("Commands", "Delete {count} items")
        )
        self._edit(text.format(count=count), change, touched)

    def paste(
        self, fragment: Graph, offset: Pos = (30.0, 30.0), text: str | None = None
    ) -> list[str]:
        """Add a copy of `fragment` (ids renamed to stay unique, moved by `offset`);
        `text` names the undo command (default "Paste N nodes", translated)."""
        made: list[str] = []
        wires: list[Edge] = []

        def change(g: Graph) -> None:
            ids: dict[str, str] = {}
            labels = {m.label for m in g if m.label}
            for n in fragment:
                new_id = n.id if n.id not in g.nodes else g.new_id(id_stem(n.id))
                pos = None if n.pos is None else (n.pos[0] + offset[0], n.pos[1] + offset[1])
                label = fresh_label(n.label, labels) if n.label else None
                if label:
                    labels.add(label)
                ids[n.id] = g.add_node(n.op, new_id, label=label, pos=pos, **n.attrs)
            # all wires at once, validated once: a big paste stays linear
            wires.extend(
                Edge(ids[e.src], ids[e.dst], e.src_port, e.dst_port) for e in fragment.edges
            )
            connect_many(g, wires)
            made.extend(ids.values())

        n = len(fragment)
        default = (
            QCoreApplication.translate("Commands", "Paste 1 node")
            if n == 1
            else QCoreApplication.translate("Commands", "Paste {count} nodes")
        )
        self._edit(text or default.format(count=n), change, lambda: (tuple(made), tuple(wires)))
        return made

    def replace_graph(self, graph: Graph, text: str | None = None) -> None:
        """Make a copy of `graph` the whole graph, as one undo command (undo brings back
        the previous canvas; the file and its name stay). `text` names the command."""
        before = self._graph
        after = graph.copy()
        if after.title is None:
            after.title, after.description = before.title, before.description
        self._switch_to(after.freeze())
        text = text or QCoreApplication.translate("Commands", "Replace graph")
        self.undo_stack.push(SnapshotCommand(self, text, before, after))

    def set_attr(self, node_id: str, name: str, value: Any) -> None:
        """Change one attribute (validated first; a bad value raises and changes nothing)."""
        old = self._graph.node(node_id).attrs.get(name)
        self._apply_attr(node_id, name, value)  # Graph.set_attr changes nothing if it raises
        self.undo_stack.push(SetAttrCommand(self, node_id, name, old, value))

    def set_label(self, node_id: str, label: str | None) -> None:
        """Rename a node on the canvas ('' or None: show its id)."""
        label = (label or "").strip() or None
        if self._graph.node(node_id).label != label:
            text = QCoreApplication.translate("Commands", "Rename {node}").format(node=node_id)
            self._edit(text, lambda g: g.set_label(node_id, label), lambda: ((node_id,), ()))

    def set_output(self, node_id: str | None) -> None:
        """Name the output node (None: the only sink)."""
        self._edit(
            QCoreApplication.translate("Commands", "Set output"),
            lambda g: g.set_output(node_id),
            lambda: ((), ()),
        )

    def move_nodes(self, positions: Mapping[str, Pos], text: str | None = None) -> None:
        """Record nodes moved to `positions` as one undo command (nothing if none moved);
        `text` names the command (default "Move N nodes", translated)."""
        old = {nid: self._graph.node(nid).pos for nid in positions}
        new: dict[str, Pos | None] = {
            nid: (float(p[0]), float(p[1])) for nid, p in positions.items()
        }
        if all(old[nid] == new[nid] for nid in new):
            return
        self._apply_positions(new)
        n = len(new)
        default = (
            QCoreApplication.translate("Commands", "Move 1 node")
            if n == 1
            else QCoreApplication.translate("Commands", "Move {count} nodes")
        )
        self.undo_stack.push(MoveCommand(self, text or default.format(count=n), old, new))

    def auto_layout(self) -> None:
        """Place every node left to right by depth (one undo command)."""
        if len(self._graph):
            self.move_nodes(
                auto_layout(self._graph), QCoreApplication.translate("Commands", "Auto-layout")
            )

    # --- whole documents -------------------------------------------------------------------
    def load_graph(self, graph: Graph, path: str | None = None, modified: bool = False) -> None:
        """Replace the graph (a new document: the undo history is cleared)."""
        if any(n.pos is None for n in graph):
            with graph.unlocked():
                place_all(graph, auto_layout(graph))
        self._graph = graph.freeze()  # the document owns it now
        self.undo_stack.clear()
        self._unsaved_new = modified
        self.set_path(path)
        self._result = self._run()
        self.graph_replaced.emit()
        self.result_changed.emit(True)
        self._on_undo_stack_clean_changed(True)

    def set_path(self, path: str | None) -> None:
        """Set the file path (after Save As)."""
        self._path = path
        self.path_changed.emit(path)

    def mark_saved(self, path: str) -> None:
        """The graph was written to `path`: it is now unmodified."""
        self._unsaved_new = False
        self.set_path(path)
        self.undo_stack.setClean()
        self._on_undo_stack_clean_changed(True)

    # --- for the undo commands only (they skip the undo stack) ---------------------------
    def _restore_snapshot(self, snapshot: Graph, touched: Touched | None = None) -> None:
        """Make `snapshot` the graph again, emitting the diff (among `touched` only, if the
        edit named what it changes). No copy: a graph changes in place only through undoable
        commands, and those are undone before the stack gets back to this one, so a graph
        is exactly as it was when it comes back (its compiled plans still hold)."""
        self._switch_to(snapshot, touched)

    def _add_node_back(self, node: Node) -> None:
        """Add `node` again (redo of an add: it was the last node, it is again)."""
        with self._graph.unlocked():
            self._graph.add_node(node.op, node.id, label=node.label, pos=node.pos, **node.attrs)
        self._node_added(node.id)

    def _remove_added_node(self, node_id: str) -> None:
        """Remove the node an add made (undo of an add: it has no wires of its own)."""
        with self._graph.unlocked():
            self._graph.remove_node(node_id)
        self.node_removed.emit(node_id)
        self._result = run_after_removing(self._graph, self._result, node_id) or self._run()
        self.result_changed.emit(True)

    def _apply_positions(self, positions: Mapping[str, Pos | None]) -> None:
        """Set node positions (view hints: the run result does not change)."""
        with self._graph.unlocked():
            for nid, pos in positions.items():
                self._graph.set_pos(nid, pos)
        for nid in positions:
            self.node_moved.emit(nid)

    def _apply_attr(self, node_id: str, name: str, value: Any) -> None:
        """Set one attribute and recompute."""
        before = self._graph.node(node_id).n_outputs
        with self._graph.unlocked():
            self._graph.set_attr(node_id, name, value)
        self.node_changed.emit(node_id)
        self._recompute(structural=self._graph.node(node_id).n_outputs != before)

    # --- internals ------------------------------------------------------------------------
    def _edit(
        self,
        text: str,
        change: Callable[[Graph], None],
        touched: Callable[[], Touched] | None = None,
    ) -> None:
        """Apply `change` to a copy; on success switch to it and push one undo command.

        `touched` (asked after the change) names every node and wire it may have changed,
        so the switch, its undo and its redo compare only those.
        """
        before = self._graph
        after = before.copy()
        try:
            change(after)
        except (KeyError, TypeError, ValueError) as err:  # a malformed fragment
            raise GraphError(
                QCoreApplication.translate("Commands", "{action} failed: {reason}").format(
                    action=text, reason=err
                )
            ) from None
        scope = None if touched is None else touched()
        self._switch_to(after.freeze(), scope)  # kept by the command as it is: see below
        self.undo_stack.push(SnapshotCommand(self, text, before, after, scope))

    def _switch_to(self, new: Graph, touched: Touched | None = None) -> None:
        """Make `new` the graph and emit what changed (only among `touched`, if given);
        structural if wires, nodes, ports or the output changed (a label alone is not)."""
        old, self._graph = self._graph, new
        d = graph_diff(old, new, touched)
        for e in d.removed_edges:
            self.edge_removed.emit(e)
        for nid in d.removed_nodes:
            self.node_removed.emit(nid)
        for nid in d.added_nodes:
            self.node_added.emit(nid)
        for nid in d.changed_nodes:
            self.node_changed.emit(nid)
        for nid in d.moved_nodes:
            self.node_moved.emit(nid)
        for e in d.added_edges:
            self.edge_added.emit(e)
        self._recompute(structural=d.structural)

    def _node_added(self, node_id: str) -> None:
        """Announce a node added in place and the run with it (derived when it is unwired)."""
        self.node_added.emit(node_id)
        self._result = run_after_adding(self._graph, self._result, node_id) or self._run()
        self.result_changed.emit(True)

    def _recompute(self, structural: bool) -> None:
        self._result = self._run()
        self.result_changed.emit(structural)

    def _run(self) -> RunResult:
        try:
            with paused_gc():  # a big graph's run allocates per node: see core.gc_pause
                return run(self._graph, record=True, partial=True)
        except GradflowError as err:  # partial runs report problems; this is a last guard
            return RunResult(None, {}, {}, {}, Trace((), 0), {}, str(err))

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        if self.modified != self._was_modified:
            self._was_modified = self.modified
            self.modified_changed.emit(self._was_modified)
