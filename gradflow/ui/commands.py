"""ui: the undo commands - each one user action, calling GraphDocument methods only.

They are the only callers of the document's private helpers that skip the undo stack
(`_restore_snapshot`, `_apply_positions`, `_apply_attr`): this module and document.py
are one unit, split so each stays small.

Commands never touch canvas items: the document emits signals and the items follow.
Adding a node keeps only that node (AddNodeCommand): undo removes the last-added node and
redo appends it again, which restores the node order exactly, with no copy of the graph -
on a 10,000-node graph the two copies and the diff of a snapshot cost a third of a second.
The other structural edits (delete, connect, disconnect, paste) swap whole graph
snapshots, which restores node and wire order exactly (order matters: it fixes the trace).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from gradflow.core.graph import Graph, Node

if TYPE_CHECKING:
    from gradflow.ui.document import GraphDocument
    from gradflow.ui.snapshot_diff import Touched

Positions = dict[str, "tuple[float, float] | None"]


class _DoneOnce(QUndoCommand):
    """A command whose edit was already applied (and validated) before it was pushed."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._apply()

    def _apply(self) -> None:
        raise NotImplementedError


class SnapshotCommand(_DoneOnce):
    """A structural edit: the graph before and after it (each is the live graph again when
    the stack returns to it; `GraphDocument._restore_snapshot` says why that is safe)."""

    def __init__(
        self,
        document: GraphDocument,
        text: str,
        before: Graph,
        after: Graph,
        touched: Touched | None = None,
    ) -> None:
        super().__init__(text)
        self._document, self._before, self._after = document, before, after
        self._touched = touched  # the nodes and wires the edit changed (None: any)

    def _apply(self) -> None:
        self._document._restore_snapshot(self._after, self._touched)

    def undo(self) -> None:
        self._document._restore_snapshot(self._before, self._touched)


class AddNodeCommand(_DoneOnce):
    """One node added: the node itself (a private copy), not the graph."""

    def __init__(self, document: GraphDocument, text: str, node: Node) -> None:
        super().__init__(text)
        self._document = document
        self._node = Node(node.id, node.op, dict(node.attrs), node.label, node.pos)

    def _apply(self) -> None:
        self._document._add_node_back(self._node)

    def undo(self) -> None:
        self._document._remove_added_node(self._node.id)


class MoveCommand(_DoneOnce):
    """Nodes moved (a drag, or an auto-layout): old and new positions per node."""

    def __init__(self, document: GraphDocument, text: str, old: Positions, new: Positions) -> None:
        super().__init__(text)
        self._document, self._old, self._new = document, old, new

    def _apply(self) -> None:
        self._document._apply_positions(self._new)

    def undo(self) -> None:
        self._document._apply_positions(self._old)


def _attr_text(name: str, title: str, new: Any) -> str:
    """The undo-menu text of an attribute edit: 'Mark x0 as data', 'Set c of a'."""
    if name == "trainable":  # each text a literal, so that pyside6-lupdate finds it
        text = (
            QCoreApplication.translate("Commands", "Mark {node} as trainable")
            if new
            else QCoreApplication.translate("Commands", "Mark {node} as data")
        )
        return text.format(node=title)
    return QCoreApplication.translate("Commands", "Set {name} of {node}").format(
        name=name, node=title
    )


class SetAttrCommand(_DoneOnce):
    """One attribute edit (a value, a constant, the number of copy outputs)."""

    def __init__(
        self, document: GraphDocument, node_id: str, name: str, old: Any, new: Any
    ) -> None:
        title = document.graph.node(node_id).title
        super().__init__(_attr_text(name, title, new))
        self._document, self._node_id, self._name = document, node_id, name
        self._old, self._new = old, new

    def _apply(self) -> None:
        self._document._apply_attr(self._node_id, self._name, self._new)

    def undo(self) -> None:
        self._document._apply_attr(self._node_id, self._name, self._old)
