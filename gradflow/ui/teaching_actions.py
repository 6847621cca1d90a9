"""ui: the File menu's teaching commands - New Exercise, Export Walk-through, Export Worksheet.

New Exercise asks for a level and a seed (a small dialog) and opens the generated graph
as a new unsaved document. The two exports write the whole walk-through - or the blank
worksheet with its answer key - of the open graph as a PDF or an HTML file. The exercise
generator and the handout writers are imported when first used, not with the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from gradflow.core.errors import GradflowError
from gradflow.ui.actions import MenuEntry, make_action
from gradflow.ui.file_actions import FileActions, safe_stem
from gradflow.ui.services import WindowServices
from gradflow.ui.settings import remember_folder
from gradflow.ui.workspace import Workspace

MENU = "&File"
HANDOUT_FILTER = "PDF (*.pdf);;HTML, one file (*.html)"


class ExerciseDialog(QDialog):
    """Level (1-5, with what each practises) and seed of a new exercise."""

    def __init__(self, seed: int, parent: QWidget | None = None) -> None:
        from gradflow.core.exercises import LEVELS, level_name  # (imported when first asked)

        super().__init__(parent)
        self.setWindowTitle(self.tr("New Exercise"))
        form = QFormLayout(self)
        self.level = QComboBox(self)
        self.level.setObjectName("exerciseLevel")
        for level in LEVELS:
            self.level.addItem(f"{level} · {level_name(level)}", level)
        self.seed = QSpinBox(self)
        self.seed.setObjectName("exerciseSeed")
        self.seed.setRange(0, 999_999)
        self.seed.setValue(seed)
        self.seed.setToolTip(self.tr("The same level and seed always give the same exercise"))
        form.addRow(self.tr("&Level:"), self.level)
        form.addRow(self.tr("&Seed:"), self.seed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> tuple[int, int]:
        """(level, seed) as chosen."""
        return int(self.level.currentData()), self.seed.value()


class TeachingActions(QObject):
    """Publishes File ▸ New Exercise…, Export Walk-through… and Export Worksheet…."""

    def __init__(
        self,
        workspace: Workspace,
        files: FileActions,
        services: WindowServices,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace, self._files, self._services = workspace, files, services
        self._seed = 1
        self._entries = [
            MenuEntry(
                MENU,
                make_action(self, self.tr("New E&xercise…"), self.new_exercise, "Ctrl+Shift+N"),
                "new_exercise",
            ),
            MenuEntry(
                MENU,
                make_action(self, self.tr("Export &Walk-through…"), lambda: self.export(False)),
                "export_walkthrough",
            ),
            MenuEntry(
                MENU,
                make_action(self, self.tr("Export Work&sheet…"), lambda: self.export(True)),
                "export_worksheet",
            ),
        ]

    def menu_entries(self) -> list[MenuEntry]:
        """The entries, for the File menu."""
        return list(self._entries)

    def ask_exercise(self) -> tuple[int, int] | None:
        """(level, seed) from the dialog, or None if cancelled (replaced in tests)."""
        dialog = ExerciseDialog(self._seed, self._services.dialog_parent())
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def new_exercise(self) -> bool:
        """Ask for a level and seed, then open that exercise as a new document."""
        chosen = self.ask_exercise()
        if chosen is None:
            return False
        level, seed = chosen
        from gradflow.core.exercises import make_exercise

        try:
            graph = make_exercise(level, seed)
        except GradflowError as err:
            self._files.show_error(self.tr("Cannot make the exercise"), str(err))
            return False
        self._seed = seed + 1  # the dialog offers a fresh one next time
        message = self.tr("{title}: predict each value and gradient (Player ▸ Practice)")
        return self._services.open_graph(graph, message.format(title=graph.title))

    def export(self, blank: bool) -> bool:
        """Write the open graph's walk-through (or worksheet) to a PDF or HTML file."""
        from gradflow.ui.handout import Handout

        graph = self._workspace.document.graph
        title = self.tr("Export Worksheet") if blank else self.tr("Export Walk-through")
        stem = Path(self._files.suggested_name(".pdf")).stem + ("-worksheet" if blank else "")
        suggested = str(
            Path(self._files.suggested_name(".pdf")).with_name(safe_stem(stem) + ".pdf")
        )
        path = self._files.choose_save_path(title, HANDOUT_FILTER, suggested)
        if not path:
            return False
        if not Path(path).suffix:
            path += ".pdf"
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            theme = self._workspace.display.theme
            written = Handout(graph.copy(), None, blank, theme).write(path)
        except GradflowError as err:
            self._files.show_error(self.tr("Cannot export"), str(err))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        remember_folder(self._services.settings, path)
        self._services.show_message(self.tr("Wrote {name}").format(name=written.name), 4000)
        return True
