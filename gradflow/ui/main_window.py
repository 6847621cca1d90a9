"""ui: MainWindow - puts the parts together: workspace, canvas, registered docks, menus.

The window is the composition root and nothing else: it makes one Workspace, the canvas
(scene and view), the edit/file/view/help commands and every dock in the dock registry,
hands each of them the workspace (and itself as WindowServices), and builds the menu bar
from the entries the parts publish. Only the app entry imports this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QStackedWidget, QWidget
from shiboken6 import isValid

from gradflow.core.graph import Graph
from gradflow.ui import dock_registry
from gradflow.ui.actions import MenuEntry, build_menu_bar, named_actions
from gradflow.ui.canvas.camera import StepCamera
from gradflow.ui.canvas.minimap import Minimap
from gradflow.ui.canvas.scene import GraphScene
from gradflow.ui.canvas.style import THEMES, window_palette
from gradflow.ui.canvas.view import GraphView
from gradflow.ui.dock_context import DockContext
from gradflow.ui.dock_heights import DockHeights
from gradflow.ui.document import GraphDocument
from gradflow.ui.edit_actions import EditActions
from gradflow.ui.file_actions import FileActions, document_name
from gradflow.ui.gui_gc import install_gui_collector
from gradflow.ui.indicator_style import install_outlined_indicators, is_dark
from gradflow.ui.inspector import Inspector
from gradflow.ui.language import LanguageActions
from gradflow.ui.lazy_dock import LazyDock
from gradflow.ui.limit_actions import LimitActions
from gradflow.ui.menus import HelpActions
from gradflow.ui.neuron_actions import NeuronActions
from gradflow.ui.palette import Palette
from gradflow.ui.player.dock import PlayerDock
from gradflow.ui.precision import PrecisionActions
from gradflow.ui.presentation import Presentation
from gradflow.ui.settings import open_settings
from gradflow.ui.teaching_actions import TeachingActions
from gradflow.ui.view_actions import ViewActions
from gradflow.ui.workspace import DisplayOptions, Workspace

if TYPE_CHECKING:
    from gradflow.ui.training.panel import TrainingPanel

DOCKS_MENU = "&View/&Docks"


class MainWindow(QMainWindow):
    """The gradflow editor window for one document (it is also the parts' WindowServices)."""

    def __init__(self, document: GraphDocument | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        install_gui_collector()  # cycles with Qt objects freed on this thread only
        self.settings = open_settings()
        self._system_palette = QMainWindow.palette(self)  # `palette` is the dock here
        if is_dark(self._system_palette):  # else once a dark theme is shown (see below)
            install_outlined_indicators()
        self.workspace = Workspace(document, self)
        self.scene = GraphScene(self.workspace, self, lazy=True)
        self.view = GraphView(self.scene)
        centre = QStackedWidget()  # the canvas, or the neuron view of the same network
        centre.addWidget(self.view)
        self.setCentralWidget(centre)
        self.notice = QLabel()
        self.statusBar().addPermanentWidget(self.notice)
        self.files = FileActions(self.workspace, self.scene, self, self)
        self.edit = EditActions(self.workspace, self.scene, self.view, self, self)
        self.view_actions = ViewActions(self.workspace, self.scene, self.view, self)
        ctx = DockContext(self.workspace, self, self.scene, self.view, self.edit)
        self.docks: dict[str, QDockWidget] = {}
        self.limits = LimitActions(self, self)
        self.teaching = TeachingActions(self.workspace, self.files, self, self)
        entries = self.files.menu_entries()
        entries[-2:-2] = [MenuEntry("&File"), *self.teaching.menu_entries()]  # before Quit
        entries += self.edit.menu_entries()
        entries += self.limits.menu_entries()
        entries += self.view_actions.menu_entries()
        self.neuron = NeuronActions(self.workspace, centre, self.view, self)
        entries += self.neuron.menu_entries()
        self.precision = PrecisionActions(self.workspace, self)
        entries += self.precision.menu_entries()
        self.camera = StepCamera(self.workspace, self.scene, self.view, self)
        self.minimap = Minimap(self.view)
        entries += self.camera.menu_entries()
        self.languages = LanguageActions(self.settings, self)
        entries += self.languages.menu_entries()
        entries += self._build_docks(ctx)
        player = self.docks.get("player")
        if isinstance(player, PlayerDock):  # the camera frames what a practice question asks
            player.asking.connect(self.camera.frame_question)
        kept = [self.docks[s.name] for s in dock_registry.DOCKS if s.presenting]
        self.presentation = Presentation(self.workspace, self, self.view, self, kept)
        entries = _before_docks_menu(entries, self.presentation.menu_entries())
        entries += HelpActions(self).menu_entries()
        self.menus = build_menu_bar(self.menuBar(), entries)
        self.menus["View"].setToolTipsVisible(True)  # a disabled toggle says why
        self.menu_actions: dict[str, QAction] = named_actions(entries)
        self.resize(1280, 800)
        self._size_docks()
        self.dock_heights = DockHeights(self, self.docks)  # canvas and bottom docks share
        self._fitted_once = False
        self.scene.edit_refused.connect(lambda text: self.show_message(text, 10000))
        self.workspace.state_changed.connect(self._on_workspace_state_changed)
        self.workspace.display_changed.connect(self._on_workspace_display_changed)
        self.document.modified_changed.connect(self.setWindowModified)
        self.document.path_changed.connect(lambda _p: self._update_title())
        self.document.graph_replaced.connect(self._update_title)
        self._restore_settings()
        self._update_title()
        self.workspace.set_playhead(self.workspace.playhead)  # show the first state

    # --- the parts ---------------------------------------------------------------------------
    @property
    def document(self) -> GraphDocument:
        """The workspace's document."""
        return self.workspace.document

    @property
    def palette(self) -> Palette:  # type: ignore[override]  # QWidget.palette() is the colours
        """The palette dock."""
        dock = self.docks["palette"]
        assert isinstance(dock, Palette)
        return dock

    @property
    def inspector(self) -> Inspector:
        """The inspector dock."""
        dock = self.docks["inspector"]
        assert isinstance(dock, Inspector)
        return dock

    @property
    def player(self) -> PlayerDock:
        """The player dock."""
        dock = self.docks["player"]
        assert isinstance(dock, PlayerDock)
        return dock

    @property
    def training(self) -> TrainingPanel:
        """The training dock's content (built now if the dock was never shown; its frame,
        with the toggle, is `docks["training"]`)."""
        dock = self.docks["training"]
        assert isinstance(dock, LazyDock)
        return cast("TrainingPanel", dock.content())

    def menu(self, path: str) -> QMenu:
        """The menu at a plain path: "File", "View/Docks", "File/Open Recent"."""
        return self.menus[path]

    def load_graph(self, graph: Graph, path: str | None = None) -> None:
        """Replace the document's graph (a new document), shown whole: the playhead at the
        end of the run, the graph fitted in view (nothing blanks)."""
        self.document.load_graph(graph, path)
        self.workspace.set_playhead(None)

    # --- WindowServices -----------------------------------------------------------------------
    def show_message(self, text: str, ms: int = 4000) -> None:
        """Show `text` in the status bar for `ms` milliseconds."""
        self.statusBar().showMessage(text, ms)

    def clear_message(self, text: str | None = None) -> None:
        """Clear the status bar (only while it shows `text`, when given)."""
        if text is None or self.statusBar().currentMessage() == text:
            self.statusBar().clearMessage()

    def open_file(self, path: str) -> bool:
        """Open a .gflow file, asking to save unsaved changes first."""
        return self.files.open_path(path)

    def open_graph(self, graph: Graph, message: str = "") -> bool:
        """Show `graph` as a new unsaved document, asking to save unsaved changes first."""
        if not self.files.maybe_save():
            return False
        self.load_graph(graph)
        if message:
            self.show_message(message, 8000)
        return True

    def dialog_parent(self) -> QWidget:
        """Dialogs are centred on the window."""
        return self

    def close_window(self) -> None:
        """Close (asking to save first)."""
        self.close()

    # --- internals -------------------------------------------------------------------------------
    def _build_docks(self, ctx: DockContext) -> list[MenuEntry]:
        """Every registered dock, its View ▸ Docks toggle and the menu entries it publishes."""
        entries: list[MenuEntry] = []
        toggles: list[MenuEntry] = []
        for spec in dock_registry.DOCKS:
            if isinstance(spec.factory, str):  # only the frame now: the content waits
                dock: QDockWidget = LazyDock(spec.factory, spec.title, ctx)
            else:
                dock = spec.factory(ctx)
            dock.setObjectName(spec.name)
            self.docks[spec.name] = dock
            beside = self.docks.get(spec.split_with) if spec.split_with else None
            self.addDockWidget(spec.area, dock)
            if beside is not None:
                self.splitDockWidget(beside, dock, Qt.Orientation.Horizontal)
            tab = self.docks.get(spec.tab_with) if spec.tab_with else None
            if tab is not None:
                self.tabifyDockWidget(tab, dock)
            if not spec.visible:
                dock.hide()
            toggle = dock.toggleViewAction()
            if tab is not None:  # shown from the menu or its key: bring its tab forward
                toggle.triggered.connect(lambda on, d=dock: d.raise_() if on else None)
            if spec.shortcut:
                toggle.setShortcut(spec.shortcut)
            toggles.append(MenuEntry(DOCKS_MENU, toggle, f"dock_{spec.name}"))
            publish = getattr(dock, "menu_entries", None)
            if callable(publish):
                entries += publish()
            if spec.area == Qt.DockWidgetArea.BottomDockWidgetArea:
                dock.visibilityChanged.connect(
                    lambda visible, d=dock: self._on_bottom_dock_visibility_changed(d, visible)
                )
        return toggles + entries

    def _size_docks(self) -> None:
        sized = [(self.docks[s.name], s.width) for s in dock_registry.DOCKS if s.width]
        if sized:
            self.resizeDocks(
                [d for d, _ in sized], [w for _, w in sized], Qt.Orientation.Horizontal
            )

    def _on_bottom_dock_visibility_changed(self, dock: QDockWidget, visible: bool) -> None:
        if visible or not (isValid(self) and isValid(dock)) or dock.isFloating():
            return  # (docks report hiding while the window is being destroyed, too)
        # give the canvas back the height the dock took from the bottom area
        area = Qt.DockWidgetArea.BottomDockWidgetArea
        rest = [
            d
            for d in self.docks.values()
            if d is not dock and d.isVisible() and self.dockWidgetArea(d) == area
        ]
        if rest:
            self.resizeDocks(rest, [d.sizeHint().height() for d in rest], Qt.Orientation.Vertical)

    def _on_workspace_state_changed(self, _state: object) -> None:
        result = self.document.result
        if result.notice:
            self.notice.setText(f"⚠ {result.notice}")
        elif result.output_note:
            self.notice.setText(f"ⓘ {result.output_note}")
        elif result.problems:
            n = len(result.problems)
            waiting = (
                self.tr("1 node not computed yet")
                if n == 1
                else self.tr("{n} nodes not computed yet").format(n=n)
            )
            self.notice.setText(f"⚠ {waiting}")
        else:
            n = len(self.document.graph)
            done = self.tr("1 node · computed") if n == 1 else self.tr("{n} nodes · computed")
            self.notice.setText(done.format(n=n))

    def _on_workspace_display_changed(self, new: DisplayOptions, old: DisplayOptions) -> None:
        if new.theme != old.theme:
            palette = window_palette(THEMES[new.theme], self._system_palette)
            if is_dark(palette):  # check boxes that show on it: the style's outline added
                install_outlined_indicators()  # (Python drawing every primitive: not before)
            self.setPalette(palette)
        self.workspace.save_display(self.settings)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{document_name(self.document)}[*] — gradflow")
        self.setWindowModified(self.document.modified)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None and self.restoreState(state):
            self.dock_heights.keep_once = True  # the dock heights the user left
        self.workspace.restore_display(self.settings)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted_once:  # the view has its real size only once shown
            self._fitted_once = True
            QTimer.singleShot(0, self.view.fit)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        for dock in self.docks.values():
            shutdown = getattr(dock, "shutdown", None)
            if callable(shutdown):
                shutdown()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        event.accept()


def _before_docks_menu(entries: list[MenuEntry], more: list[MenuEntry]) -> list[MenuEntry]:
    """`entries` with `more` put just before the first View ▸ Docks entry."""
    at = next((i for i, e in enumerate(entries) if e.key == "View/Docks"), len(entries))
    return [*entries[:at], *more, MenuEntry("&View"), *entries[at:]]
