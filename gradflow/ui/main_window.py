"""ui: MainWindow - canvas in the centre, palette and inspector docks, menus, playhead.

The window shows `state_at(result.trace, graph.edges, playhead)` on the scene whenever
the run result or the playhead changes (the whole run while the playhead is None).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from gradflow.core.errors import GraphError
from gradflow.core.graph import Graph
from gradflow.core.ops import get_op
from gradflow.core.playback import PlaybackState, state_at
from gradflow.ui.canvas.scene import GraphScene
from gradflow.ui.canvas.style import DARK, LIGHT, NODE_WIDTH, node_height, window_palette
from gradflow.ui.canvas.view import GraphView
from gradflow.ui.clipboard import clipboard_fragment, copy_nodes
from gradflow.ui.document import GraphDocument
from gradflow.ui.file_actions import FileActions
from gradflow.ui.inspector import Inspector
from gradflow.ui.menus import build_menus
from gradflow.ui.palette import Palette
from gradflow.ui.player import install_player
from gradflow.ui.settings import open_settings, recent_files
from gradflow.ui.training import TrainingPanel

PASTE_STEP = 40.0
GAP = 8.0  # the least room kept around a node added at the centre of the view


class MainWindow(QMainWindow):
    """The gradflow editor window for one document."""

    playhead_changed = Signal(object)  # int | None

    def __init__(self, document: GraphDocument | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = open_settings()
        self._system_palette = self.palette()
        self.document = document or GraphDocument()
        self.scene = GraphScene(self.document, self)
        self.view = GraphView(self.scene)
        self.setCentralWidget(self.view)
        self.palette = Palette()
        self.inspector = Inspector(self.document, self.scene)
        self.files = FileActions(self)
        self._playhead: int | None = None
        self._pastes = 0
        self.notice = QLabel()
        self.statusBar().addPermanentWidget(self.notice)
        self.menu_actions = build_menus(self)
        self.add_dock(self.palette, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.add_dock(self.inspector, Qt.DockWidgetArea.RightDockWidgetArea)
        self.player = install_player(self)
        self.training = TrainingPanel(self)
        self.add_dock(self.training, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.splitDockWidget(self.player, self.training, Qt.Orientation.Horizontal)
        self.training.hide()  # wide and tall: shown on request (View ▸ Docks ▸ Training)
        self.training.toggleViewAction().setShortcut("Ctrl+T")
        self.training.visibilityChanged.connect(self._on_training_visibility_changed)
        self._fitted_once = False
        self.training.open_network_requested.connect(self._on_training_open_network)
        self.resize(1280, 800)
        self.resizeDocks([self.palette, self.inspector], [160, 250], Qt.Orientation.Horizontal)
        self.scene.edit_refused.connect(self._on_scene_edit_refused)
        self.palette.op_activated.connect(self.add_op_at_centre)
        self.document.result_changed.connect(self._on_document_result_changed)
        self.document.modified_changed.connect(self.setWindowModified)
        self.document.path_changed.connect(lambda _p: self._update_title())
        self.document.graph_replaced.connect(self._update_title)
        self._restore_settings()
        self.set_recent_files(recent_files(self.settings))
        self._update_title()
        self.refresh_state()

    # --- playhead (the player drives it) -------------------------------------------------------
    @property
    def playhead(self) -> int | None:
        """Steps of the trace shown (None: the whole run)."""
        return self._playhead

    def set_playhead(self, k: int | None) -> None:
        """Show the state after `k` steps (clamped), or the whole run for None."""
        if k is not None:
            trace = self.document.result.trace
            k = max(0, min(int(k), len(trace) if trace is not None else 0))
        if k != self._playhead:
            self._playhead = k
            self.playhead_changed.emit(k)
        self.refresh_state()

    def current_state(self) -> PlaybackState | None:
        """What the canvas shows now."""
        trace = self.document.result.trace
        if trace is None:
            return None
        k = len(trace) if self._playhead is None else self._playhead
        return state_at(trace, self.document.graph.edges, k)

    # --- documents -------------------------------------------------------------------------------
    def load_graph(self, graph: Graph, path: str | None = None) -> None:
        """Replace the document's graph (a new document), then fit it in view.

        The whole run shows at once (the playhead at the end): nothing blanks.
        """
        self.document.load_graph(graph, path)
        self.set_playhead(None)
        self.view.fit()

    def document_name(self) -> str:
        """The file name, else the graph's title, else 'Untitled'."""
        if self.document.path:
            return Path(self.document.path).name
        return self.document.graph.title or "Untitled"

    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea) -> None:
        """Add a dock and a toggle for it in View ▸ Docks."""
        self.addDockWidget(area, dock)
        self.docks_menu.addAction(dock.toggleViewAction())

    def set_recent_files(self, paths: list[str]) -> None:
        """Refill File ▸ Open Recent."""
        self.recent_menu.clear()
        for path in paths:
            act = self.recent_menu.addAction(Path(path).name)
            act.setToolTip(path)
            act.triggered.connect(lambda _c=False, p=path: self.files.open_path(p))
        self.recent_menu.setEnabled(bool(paths))

    # --- edit actions ----------------------------------------------------------------------------
    def add_op_at_centre(self, op: str) -> str | None:
        """Add a node of `op` at the centre of the view (moved down while a node is there)."""
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        pos = self.scene.snapped(QPointF(centre))
        spec = get_op(op)
        height = node_height(max(spec.arity, spec.n_outputs(spec.attrs)))
        corner = QPointF(NODE_WIDTH / 2 + GAP, height / 2 + GAP)

        def crowded(at: QPointF) -> bool:
            room = QRectF(at - corner, at + corner)
            return any(room.intersects(i.sceneBoundingRect()) for i in self.scene.node_items())

        while crowded(pos):
            pos += QPointF(0, 80)
        try:
            node_id = self.document.add_node(op, pos=(pos.x(), pos.y()))
        except GraphError as err:
            self._on_scene_edit_refused(str(err))
            return None
        self.scene.select_nodes([node_id])
        return node_id

    def copy(self) -> bool:
        """Copy the selected nodes (and the wires between them)."""
        done = copy_nodes(self.document.graph, self.scene.selected_node_ids())
        self._pastes = 0
        return done

    def cut(self) -> None:
        """Copy, then delete the selection."""
        if self.copy():
            self.scene.delete_selection()

    def paste(self) -> list[str]:
        """Paste the clipboard's nodes, renamed to stay unique, at an offset."""
        part = clipboard_fragment()
        if part is None:
            self.statusBar().showMessage("The clipboard holds no gradflow nodes", 4000)
            return []
        self._pastes += 1
        step = PASTE_STEP * self._pastes
        try:
            made = self.document.paste(part, (step, step))
        except GraphError as err:
            self._on_scene_edit_refused(str(err))
            return []
        self.scene.select_nodes(made)
        return made

    def select_all(self) -> None:
        """Select every node and wire."""
        for item in self.scene.items():
            if item.flags() & item.GraphicsItemFlag.ItemIsSelectable:
                item.setSelected(True)

    def set_show_values(self, on: bool) -> None:
        """Show or hide the values on the wires."""
        self.scene.set_display(on, self.menu_actions["grads"].isChecked())

    def set_show_grads(self, on: bool) -> None:
        """Show or hide the gradients on the wires."""
        self.scene.set_display(self.menu_actions["values"].isChecked(), on)

    def set_dark(self, on: bool) -> None:
        """Dark or light canvas (remembered)."""
        theme = DARK if on else LIGHT
        self.scene.set_theme(theme)
        self.setPalette(window_palette(theme, self._system_palette))
        self.settings.setValue("theme", "dark" if on else "light")

    # --- internals -------------------------------------------------------------------------------
    def refresh_state(self) -> None:
        """Show the current state on the canvas, the inspector and the status bar."""
        state = self.current_state()
        self.scene.show_state(state)
        self.inspector.set_state(state)
        result = self.document.result
        if result.notice:
            self.notice.setText(f"⚠ {result.notice}")
        elif result.output_note:
            self.notice.setText(f"ⓘ {result.output_note}")
        elif result.problems:
            n = len(result.problems)
            self.notice.setText(f"⚠ {n} node{'s' if n > 1 else ''} not computed yet")
        else:
            self.notice.setText(f"{len(self.document.graph)} nodes · computed")

    def _on_document_result_changed(self, structural: bool) -> None:
        # a value edit keeps the playhead; a structural one shows the whole new run, so
        # every number that can be computed stays on screen
        if self._playhead is not None and not structural:
            self.set_playhead(self._playhead)
        elif self._playhead is not None:
            self.set_playhead(None)
        else:
            self.refresh_state()

    def _on_training_visibility_changed(self, visible: bool) -> None:
        if not visible and not self.training.isFloating():
            # give the canvas back the height the training dock took from the bottom area
            height = self.player.sizeHint().height()
            self.resizeDocks([self.player], [height], Qt.Orientation.Vertical)

    def _on_training_open_network(self, graph: Graph) -> None:
        if self.files.maybe_save():
            self.load_graph(graph)
            self.statusBar().showMessage(
                "The network as a graph: one training step on a small batch - step through it",
                8000,
            )

    def _on_scene_edit_refused(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document_name()}[*] — gradflow")
        self.setWindowModified(self.document.modified)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        if self.settings.value("theme") == "dark":
            self.menu_actions["dark"].setChecked(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted_once:  # the view has its real size only once shown
            self._fitted_once = True
            QTimer.singleShot(0, self.view.fit)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.training.shutdown()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        event.accept()
