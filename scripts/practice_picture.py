"""Remake docs/images/practice-gate-patterns-max.png: practice mode on gate-patterns, every
step answered right up to the max gate's backward step, then a wrong gradient for w and the
first hint. Usage: python scripts/practice_picture.py [WxH] [OUT.png]"""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GRADFLOW_SETTINGS", os.path.join(tempfile.mkdtemp(), "settings.ini"))

import numpy as np
from PySide6.QtWidgets import QApplication


def main(size: str = "1280x800", out: str = "docs/images/practice-gate-patterns-max.png") -> None:
    """Drive the window as a student would (answers set in the boxes) and save the picture."""
    app = QApplication.instance() or QApplication([])
    from gradflow.core.examples import load_example
    from gradflow.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(*(int(n) for n in size.split("x")))
    window.show()
    window.load_graph(load_example("gate-patterns"))
    dock = window.docks["player"]
    dock.driver.animate = False
    window.menu_actions["practice"].trigger()
    mode, panel, controller = dock.practice, dock.practice_panel, dock.controller
    while controller.index < 11:
        question = mode.question(controller.index + 1)
        if question is None:
            controller.step_forward()
            continue
        for box, unknown in zip(panel.inputs, question.asked, strict=True):
            box.set_answer(unknown.expected)
        mode.check_answer()
        app.processEvents()
    panel.inputs[0].set_answer(np.float64(-12))
    panel.inputs[1].set_answer(np.float64(-12))  # max routes: w should get 0
    mode.check_answer()
    mode.give_hint()
    window.camera.finish()  # the eased move to the asked node (max m) ends
    for _ in range(5):
        app.processEvents()
    window.grab().save(out)
    sys.stdout.write(f"wrote {out}\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
