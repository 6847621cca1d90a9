"""ui: the Edit menu - undo/redo, cut/copy/paste, delete, select all, auto-layout, add a node.

Ctrl+Z / Ctrl+Shift+Z also say in the status bar what they did (the canvas may not show
it). Pasted nodes land a step further away each time, so repeated pastes do not stack.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF
from PySide6.QtGui import QAction, QKeySequence

from gradflow.core.errors import GradflowError, GraphError
from gradflow.core.geometry import NODE_WIDTH, node_height
from gradflow.core.ops import get_op
from gradflow.ui.actions import MenuEntry, make_action
from gradflow.ui.canvas.node_item import NodeItem
from gradflow.ui.canvas.scene import GraphScene
from gradflow.ui.canvas.style import GRID
from gradflow.ui.canvas.view import GraphView
from gradflow.ui.clipboard import clipboard_fragment, copy_nodes
from gradflow.ui.errors import user_message
from gradflow.ui.services import WindowServices
from gradflow.ui.workspace import Workspace

Key = QKeySequence.StandardKey
MENU = "&Edit"
PASTE_STEP = GRID  # each paste lands one grid step further down and right
GAP = 8.0  # the least room kept around a node added at the centre of the view
CROWDED_STEP = 80.0  # a node added where one already is goes this far down instead
STRIP_STEPS = 200  # how far down a free spot is looked for (then it goes there anyway)


class EditActions(QObject):
    """The edit commands of one window, on its workspace and canvas."""

    def __init__(
        self,
        workspace: Workspace,
        scene: GraphScene,
        view: GraphView,
        services: WindowServices,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace, self._scene, self._view = workspace, scene, view
        self._services = services
        self._pastes = 0
        stack = workspace.document.undo_stack
        self.undo = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo.setShortcuts(Key.Undo)
        self.redo = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo.setShortcuts(Key.Redo)  # Ctrl+Shift+Z and Ctrl+Y wherever the platform has both
        # These run after the stack's own slots: the undone edit is now the one to redo.
        self.undo.triggered.connect(
            lambda: services.show_message(self.tr("Undone: {}").format(stack.redoText()), 4000)
        )
        self.redo.triggered.connect(
            lambda: services.show_message(self.tr("Redone: {}").format(stack.undoText()), 4000)
        )
        self._actions: list[tuple[str, QAction | None]] = [
            ("undo", self.undo),
            ("redo", self.redo),
            ("", None),
            ("cut", make_action(self, self.tr("Cu&t"), self.cut, Key.Cut)),
            ("copy", make_action(self, self.tr("&Copy"), self.copy, Key.Copy)),
            ("paste", make_action(self, self.tr("&Paste"), self.paste, Key.Paste)),
            ("delete", make_action(self, self.tr("&Delete"), scene.delete_selection, Key.Delete)),
            (
                "select_all",
                make_action(self, self.tr("Select &All"), self.select_all, Key.SelectAll),
            ),
            ("", None),
            (
                "layout",
                make_action(
                    self, self.tr("Auto-&layout"), workspace.document.auto_layout, "Ctrl+Shift+L"
                ),
            ),
        ]

    def menu_entries(self) -> list[MenuEntry]:
        """The Edit menu."""
        return [MenuEntry(MENU, action, name) for name, action in self._actions]

    def add_op_at_centre(self, op: str) -> str | None:
        """Add a node of `op` at the centre of the view (moved down while a node is there)."""
        view, scene = self._view, self._scene
        centre = view.mapToScene(view.viewport().rect().center())
        pos = scene.snapped(QPointF(centre))
        spec = get_op(op)
        height = node_height(max(spec.arity, spec.n_outputs(spec.attrs)))
        corner = QPointF(NODE_WIDTH / 2 + GAP, height / 2 + GAP)

        # one query of the scene's index for the strip below the centre, then a walk
        # down it: asking for every candidate spot (or every node) took seconds at 10k nodes
        strip = QRectF(pos - corner, pos + corner + QPointF(0, CROWDED_STEP * STRIP_STEPS))
        taken = [i.sceneBoundingRect() for i in scene.items(strip) if isinstance(i, NodeItem)]
        for _step in range(STRIP_STEPS):
            room = QRectF(pos - corner, pos + corner)
            if not any(room.intersects(r) for r in taken):
                break
            pos += QPointF(0, CROWDED_STEP)
        try:
            node_id = self._workspace.document.add_node(op, pos=(pos.x(), pos.y()))
        except GraphError as err:
            self._services.show_message(str(err), 10000)
            return None
        self._workspace.set_selection([node_id])
        return node_id

    def copy(self) -> bool:
        """Copy the selected nodes (and the wires between them)."""
        done = copy_nodes(self._workspace.document.graph, list(self._workspace.selection))
        self._pastes = 0
        return done

    def cut(self) -> None:
        """Copy, then delete the selection."""
        if self.copy():
            self._scene.delete_selection()

    def paste(self) -> list[str]:
        """Paste the clipboard's nodes, renamed to stay unique, at an offset."""
        try:
            part = clipboard_fragment()
        except GradflowError as err:
            self._services.show_message(user_message(err, self.tr("Cannot paste")), 10000)
            return []
        if part is None:
            self._services.show_message(self.tr("The clipboard holds no gradflow nodes"), 4000)
            return []
        self._pastes += 1
        step = PASTE_STEP * self._pastes
        try:
            made = self._workspace.document.paste(part, (step, step))
        except (GradflowError, MemoryError, RecursionError) as err:
            self._services.show_message(user_message(err, self.tr("Cannot paste")), 10000)
            return []
        self._workspace.set_selection(made)
        return made

    def select_all(self) -> None:
        """Select every node and wire (on a big graph by id: far ones have no item)."""
        self._scene.live.held.select_all()
