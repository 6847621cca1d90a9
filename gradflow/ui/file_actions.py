"""ui: File menu behaviour - new, open, examples, save, the unsaved-changes prompt, export.

Dialogs go through small methods (`ask_save_changes`, `choose_open_path`,
`choose_save_path`, `show_error`) so tests can replace them. File dialogs start in the
folder last used (remembered in the settings), and suggested names are plain file
names: the example's name, else the graph's title made safe ("‖W x‖²" is no file name).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from gradflow.core.errors import GradflowError
from gradflow.core.examples import list_examples, load_example
from gradflow.core.fileformat import EXTENSION, load, save
from gradflow.core.graph import Graph
from gradflow.core.graph_bulk import place_all
from gradflow.core.layout import auto_layout
from gradflow.ui.actions import MenuEntry, make_action
from gradflow.ui.canvas.scene import GraphScene
from gradflow.ui.document import GraphDocument
from gradflow.ui.errors import USER_ERRORS, user_message
from gradflow.ui.open_progress import OpenProgress
from gradflow.ui.services import WindowServices
from gradflow.ui.settings import (
    add_recent_file,
    last_folder,
    recent_files,
    remember_folder,
    remove_recent_file,
)
from gradflow.ui.workspace import Workspace

Key = QKeySequence.StandardKey
MENU = "&File"
Button = QMessageBox.StandardButton


class FileActions(QObject):
    """Opens and saves the window's document; never loses unsaved changes silently."""

    def __init__(
        self,
        workspace: Workspace,
        scene: GraphScene,
        services: WindowServices,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = workspace.document
        self._scene = scene
        self._services = services
        self._example: str | None = None  # the example the current graph came from
        self._document.graph_replaced.connect(self._on_document_graph_replaced)
        self.recent_menu = QMenu(self.tr("Open &Recent"))
        self.examples_menu = QMenu(self.tr("Open &Example"))
        self.examples_menu.setToolTipsVisible(True)
        # filled when first opened: reading the examples is not needed for the first frame
        self.examples_menu.aboutToShow.connect(self.fill_examples_menu)
        export = f"{MENU}/E&xport Image"  # a key; the shown title is translated
        self._entries = [
            MenuEntry(MENU, make_action(self, self.tr("&New"), self.new, Key.New), "new"),
            MenuEntry(MENU, make_action(self, self.tr("&Open…"), self.open, Key.Open), "open"),
            MenuEntry(MENU, menu=self.examples_menu),
            MenuEntry(MENU, menu=self.recent_menu),
            MenuEntry(MENU),
            MenuEntry(MENU, make_action(self, self.tr("&Save"), self.save, Key.Save), "save"),
            MenuEntry(
                MENU, make_action(self, self.tr("Save &As…"), self.save_as, Key.SaveAs), "save_as"
            ),
            MenuEntry(
                export, make_action(self, "PNG…", lambda: self.export_image("png")), "export_png"
            ),
            MenuEntry(
                export, make_action(self, "SVG…", lambda: self.export_image("svg")), "export_svg"
            ),
            MenuEntry(MENU),
            MenuEntry(
                MENU, make_action(self, self.tr("&Quit"), services.close_window, Key.Quit), "quit"
            ),
        ]
        self.set_recent_files(recent_files(services.settings))

    def menu_entries(self) -> list[MenuEntry]:
        """The File menu."""
        return list(self._entries)

    def set_recent_files(self, paths: list[str]) -> None:
        """Refill File ▸ Open Recent."""
        self.recent_menu.clear()
        for path in paths:
            act = self.recent_menu.addAction(Path(path).name)
            act.setToolTip(path)
            act.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(paths))

    def document_name(self) -> str:
        """The file name, else the graph's title, else 'Untitled'."""
        return document_name(self._document)

    def suggested_name(self, suffix: str) -> str:
        """A file name to offer in a save or export dialog (a full path once saved)."""
        path = self._document.path
        if path:
            return str(Path(path).with_suffix(suffix))
        return f"{self._example or safe_stem(self.document_name())}{suffix}"

    def _on_document_graph_replaced(self) -> None:
        self._example = None

    # --- dialogs (replaced in tests) -------------------------------------------------------
    def ask_save_changes(self) -> Button:
        """Save, Discard or Cancel, asked when unsaved changes would be lost."""
        box = QMessageBox(self._services.dialog_parent())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("Save the changes to “{name}”?").format(name=self.document_name()))
        box.setInformativeText(self.tr("If you don't save, your changes will be lost."))
        box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
        box.setDefaultButton(Button.Save)
        box.setEscapeButton(Button.Cancel)
        return Button(box.exec())

    def choose_open_path(self) -> str | None:
        """A file to open, or None."""
        folder = last_folder(self._services.settings)
        path, _ = QFileDialog.getOpenFileName(
            self._services.dialog_parent(), self.tr("Open graph"), folder, self._filter()
        )
        return path or None

    def choose_save_path(self, title: str, filter_text: str, suggested: str) -> str | None:
        """A file to write, or None."""
        start = str(Path(last_folder(self._services.settings)) / suggested)  # if not absolute
        path, _ = QFileDialog.getSaveFileName(
            self._services.dialog_parent(), title, start, filter_text
        )
        return path or None

    def _filter(self) -> str:
        """The file dialogs' filter for graph files."""
        return self.tr("gradflow graphs (*{ext});;All files (*)").format(ext=EXTENSION)

    def show_error(self, title: str, text: str) -> None:
        """One clear message box."""
        QMessageBox.warning(self._services.dialog_parent(), title, text)

    # --- actions -------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True if it is fine to drop the current graph (saved, discarded or unchanged)."""
        if not self._document.modified:
            return True
        answer = self.ask_save_changes()
        if answer == Button.Save:
            return self.save()
        return answer == Button.Discard

    def new(self) -> None:
        """An empty graph."""
        if self.maybe_save():
            self._document.load_graph(Graph())

    def open(self) -> None:
        """Ask for a file and open it."""
        if not self.maybe_save():
            return
        path = self.choose_open_path()
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True) -> bool:
        """Open `path`; a broken file shows one message and leaves the graph untouched."""
        if ask and not self.maybe_save():
            return False
        progress = OpenProgress(self._services.dialog_parent(), path)
        name = Path(path).name
        try:
            progress.step(0, self.tr("Reading {name}…").format(name=name))
            graph = load(path)
            if any(n.pos is None for n in graph):  # what the document would do, as a step
                progress.step(1, self.tr("Laying out {count} nodes…").format(count=len(graph)))
                place_all(graph, auto_layout(graph))
            progress.step(2, self.tr("Running the graph and drawing it…"))
            self._document.load_graph(graph, str(Path(path).resolve()))
        except (GradflowError, *USER_ERRORS) as err:
            progress.finish()
            text = str(err) if isinstance(err, GradflowError) else user_message(err, name)
            self.show_error(self.tr("Cannot open graph"), text)
            if not Path(path).exists():  # a broken file stays listed: it may be fixed
                self.set_recent_files(remove_recent_file(self._services.settings, path))
            return False
        progress.finish()
        self.set_recent_files(add_recent_file(self._services.settings, path))
        remember_folder(self._services.settings, path)
        return True

    def fill_examples_menu(self) -> None:
        """List every bundled example in the menu, its description as the tooltip (once)."""
        if self.examples_menu.actions():
            return
        try:
            listed = list_examples()
        except GradflowError:
            listed = []
        for name, description in listed:
            act = self.examples_menu.addAction(name)
            act.setToolTip(description)
            act.triggered.connect(lambda _c=False, n=name: self.open_example(n))

    def open_example(self, name: str) -> bool:
        """Open a bundled example (as an unsaved, untitled copy)."""
        if not self.maybe_save():
            return False
        try:
            graph = load_example(name)
        except GradflowError as err:
            self.show_error(self.tr("Cannot open example"), str(err))
            return False
        self._document.load_graph(graph)
        self._example = name
        return True

    def save(self) -> bool:
        """Save to the current file (or ask for one)."""
        path = self._document.path
        return self.save_to(path) if path else self.save_as()

    def save_as(self) -> bool:
        """Ask for a file and save to it."""
        path = self.choose_save_path(
            self.tr("Save graph"), self._filter(), self.suggested_name(EXTENSION)
        )
        if not path:
            return False
        if not Path(path).suffix:
            path += EXTENSION
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the graph to `path` atomically."""
        try:
            save(self._document.graph, path)
        except GradflowError as err:
            self.show_error(self.tr("Cannot save graph"), str(err))
            return False
        self._document.mark_saved(str(Path(path).resolve()))
        remember_folder(self._services.settings, path)
        self.set_recent_files(add_recent_file(self._services.settings, path))
        self._services.show_message(self.tr("Saved {}").format(Path(path).name), 4000)
        return True

    def export_image(self, kind: str) -> bool:
        """Export the canvas - or the selection, if any - as 'png' or 'svg'."""
        scene = self._scene
        selection = bool(scene.selected_node_ids())
        filter_text = self.tr("{kind} image (*.{ext})").format(kind=kind.upper(), ext=kind)
        suggested = self.suggested_name(f".{kind}")
        title = self.tr("Export {kind}").format(kind=kind.upper())
        path = self.choose_save_path(title, filter_text, suggested)
        if not path:
            return False
        if not Path(path).suffix:
            path += f".{kind}"
        from gradflow.ui.export import export_png, export_svg  # (and QtSvg) when first used

        try:
            (export_png if kind == "png" else export_svg)(scene, path, selection)
        except OSError as err:
            self.show_error(self.tr("Cannot export"), str(err))
            return False
        remember_folder(self._services.settings, path)
        done = (
            self.tr("Exported the selection to {name}")
            if selection
            else self.tr("Exported the canvas to {name}")
        )
        self._services.show_message(done.format(name=Path(path).name), 4000)
        return True


def document_name(document: GraphDocument) -> str:
    """The document's file name, else its graph's title, else 'Untitled'."""
    if document.path:
        return Path(document.path).name
    return document.graph.title or QCoreApplication.translate("FileActions", "Untitled")


def safe_stem(name: str) -> str:
    """A file name from a title, without the characters file systems refuse ('a/b' -> 'a-b')."""
    stem = re.sub(r'[\\/:*?"<>|]+', "-", name).strip(" .-")
    return stem or "graph"
