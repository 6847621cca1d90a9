"""The program bar picture: the window with the lecture's sigmoid neuron typed and built.

    python scripts/program_bar.py docs/images/program-bar.png [WIDTHxHEIGHT]

Offscreen Qt, private settings. A second picture, NAME-error.png, shows a typo underlined.
"""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["GRADFLOW_SETTINGS"] = os.path.join(tempfile.mkdtemp(), "settings.ini")

from PySide6.QtWidgets import QApplication

from gradflow.core.examples import load_example
from gradflow.ui.main_window import MainWindow

NEURON = "w0 = 2; x0 = -1; w1 = -3; x1 = -2; w2 = -3\nz = w0*x0 + w1*x1 + w2\nf = 1 / (1 + exp(-z))"


def main(out: str, size: str = "1280x800") -> None:
    """Write the two pictures."""
    app = QApplication.instance() or QApplication([])
    width, height = (int(v) for v in size.split("x"))
    window = MainWindow()
    window.resize(width, height)
    window.load_graph(load_example("add-mul"))
    window.show()
    bar = window.docks["program"]
    for text, path in (
        (NEURON, out),
        ("x = 2\nf = sigmod(x) + 1", out.replace(".png", "-error.png")),
    ):
        bar.set_text(text)
        bar.build_program()
        for _ in range(20):
            app.processEvents()
        window.grab().save(path)


if __name__ == "__main__":
    main(*sys.argv[1:])
