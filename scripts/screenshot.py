"""scripts: window screenshots for the docs, drawn offscreen with a fresh settings file.

python scripts/screenshot.py OUT EXAMPLE [--dark] [--step N] [--present]
    [--select NODE] [--training EPOCHS] [--size WxH] [--docks PALETTE,INSPECTOR] [--lang ko]
    [--hide DOCK ...]
"""

from __future__ import annotations

import argparse
import os
import tempfile


def parse_args() -> argparse.Namespace:
    """The screenshot's options."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", help="PNG to write")
    p.add_argument("example", help="bundled example to open")
    p.add_argument("--dark", action="store_true", help="dark theme")
    p.add_argument("--step", type=int, help="player step to show")
    p.add_argument("--present", action="store_true", help="presentation mode")
    p.add_argument("--select", help="node to select (the inspector shows it)")
    p.add_argument("--training", type=int, default=0, help="train until this many epochs")
    p.add_argument("--size", default="1280x800", help="window size WxH")
    p.add_argument("--docks", default="160,250", help="palette and inspector widths")
    p.add_argument("--lang", default="en", choices=("en", "ko"), help="interface language")
    p.add_argument("--hide", nargs="*", default=[], help="docks to close, e.g. program")
    return p.parse_args()


def main() -> None:
    """Open the window as asked, wait for it to settle, save its picture."""
    args = parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.NamedTemporaryFile(suffix=".ini", delete=False) as ini:
        os.environ["GRADFLOW_SETTINGS"] = ini.name  # never the user's settings

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(["gradflow"])  # noqa: F841 - must outlive the window

    from gradflow.core.examples import load_example
    from gradflow.ui.fonts import install_hangul_fallbacks
    from gradflow.ui.language import install_language
    from gradflow.ui.main_window import MainWindow

    install_hangul_fallbacks()
    install_language(args.lang)

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    window = MainWindow()
    window.camera.duration_ms = 0  # the camera jumps to each step: nothing caught mid-move
    window.resize(*(int(n) for n in args.size.split("x")))
    window.load_graph(load_example(args.example))
    for name in args.hide:
        window.docks[name].hide()
    window.show()
    spin(200)
    widths = [int(n) for n in args.docks.split(",")]
    window.resizeDocks([window.palette, window.inspector], widths, Qt.Orientation.Horizontal)
    if args.dark:
        window.workspace.set_display(theme="dark")
    spin(200)
    window.view.fit()
    spin(100)
    if args.step is not None:
        window.player.controller.seek(args.step)
    if args.select:
        window.scene.select_nodes([args.select])
    if args.present:
        window.presentation.set_presentation(True)
        spin(400)
        window.view.fit()
    if args.training:
        window.docks["training"].show()
        window.docks["training"].raise_()  # a tab beside the player: bring it to the front
        spin(300)
        window.training.options.epochs.setValue(1000)  # long enough to catch it mid-run
        window.training.start()
        for _ in range(3000):
            spin(20)
            if len(window.training.plots.epochs) >= args.training:
                break
        spin(400)
        window.view.fit()
    spin(300)
    window.grab().save(args.out)
    if args.training:
        window.training.shutdown()


if __name__ == "__main__":
    main()
