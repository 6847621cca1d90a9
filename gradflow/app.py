"""app: start the GUI - `gradflow` and `gradflow open FILE|EXAMPLE` end up here.

The target is loaded before any window exists, so a bad one costs one line on stderr
and exit code 2, never a half-open window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gradflow.core.errors import GradflowError
from gradflow.core.examples import resolve
from gradflow.core.graph import Graph
from gradflow.core.text import error_line

DEFAULT_TARGET = "sigmoid-neuron"


def load_target(target: str | None) -> tuple[Graph, str | None]:
    """The graph to open and its file path (None for a bundled example)."""
    name = target or DEFAULT_TARGET
    graph = resolve(name)
    path = Path(name)
    return graph, str(path.resolve()) if path.is_file() else None


def launch(target: str | None, language: str | None = None, graph: Graph | None = None) -> int:
    """Open the main window on `target` (a .gflow file or an example name), or on `graph`
    (built from a program); the exit code.

    `language` is what `--lang` asked for; without it the language saved from View ▸
    Language, else the system's, is used (gradflow/ui/language.py).
    """
    try:
        graph, path = (graph, None) if graph is not None else load_target(target)
    except GradflowError as err:
        sys.stderr.write(error_line(str(err)))
        return 2
    from PySide6.QtWidgets import QApplication

    from gradflow.ui.fonts import install_hangul_fallbacks
    from gradflow.ui.language import choose_language, install_language
    from gradflow.ui.main_window import MainWindow
    from gradflow.ui.settings import open_settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("gradflow")
    app.setOrganizationName("gradflow")
    from gradflow.core.atomic_write import remove_stray_temporaries
    from gradflow.ui.errors import install_last_resort
    from gradflow.ui.settings import recent_files

    install_hangul_fallbacks()
    install_language(choose_language(language, open_settings()), app)
    window = MainWindow()
    install_last_resort(lambda text: window.show_message(text, 10000))
    for recent in recent_files(window.settings):  # what saves killed mid-way left behind
        remove_stray_temporaries(recent)
    window.load_graph(graph, path)
    window.show()
    window.view.fit()
    return app.exec()
