"""scripts: pictures of the training dock's views (docs/training.md), offscreen.

python scripts/training_views.py --run digits --tab Templates --size 1280x800 --out x.png
Runs: spiral, linear-spiral, xor, digits, line, sine, plane, compare (linear vs ReLU),
step (one Step on the spiral), net-2-8-3 (a 2-8-3 ReLU net on the spiral, 5 epochs).
The window is grabbed once the run has finished. --open-network S then presses Open
network as graph with a batch of S samples (the Program dock hidden to give it room);
--neuron shows that in the neuron view at player --step N, sample --sample K.
"""

from __future__ import annotations

import argparse
import os
import tempfile

RUNS = {
    "spiral": {"dataset": "spiral", "hidden": (32, 32), "activation": "relu", "epochs": 40},
    "linear-spiral": {"dataset": "spiral", "hidden": (32, 32), "activation": "linear"},
    "xor": {"dataset": "xor", "hidden": (16, 16), "activation": "relu", "epochs": 30},
    "digits": {"dataset": "digits", "hidden": (), "epochs": 20, "weight_decay": 0.01},
    "line": {"dataset": "line", "task": "regression", "hidden": (), "samples": 200},
    "sine": {"dataset": "sine", "task": "regression", "hidden": (32,), "epochs": 60},
    "plane": {"dataset": "plane", "task": "regression", "hidden": (), "epochs": 30},
    "net-2-8-3": {"dataset": "spiral", "hidden": (8,), "activation": "relu", "epochs": 5},
}


def main() -> None:
    """Train as asked in the dock, then save a picture of the window."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--run", default="spiral")
    p.add_argument("--tab", default=None)
    p.add_argument("--size", default="1280x800")
    p.add_argument("--history", type=int, default=None, help="scrub back to this snapshot")
    p.add_argument("--out", required=True)
    p.add_argument("--open-network", type=int, default=0, help="batch of the network graph")
    p.add_argument("--neuron", action="store_true", help="show the neuron view")
    p.add_argument("--step", type=int, default=None, help="player step to show")
    p.add_argument("--sample", type=int, default=1, help="the neuron view's sample")
    args = p.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.NamedTemporaryFile(suffix=".ini", delete=False) as ini:
        os.environ["GRADFLOW_SETTINGS"] = ini.name

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(["gradflow"])  # noqa: F841 - must outlive the window

    from gradflow.core.examples import load_example
    from gradflow.nn.config import TrainConfig
    from gradflow.ui.main_window import MainWindow

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    window = MainWindow()
    window.resize(*(int(n) for n in args.size.split("x")))
    window.load_graph(load_example("sigmoid-neuron"))
    window.show()
    spin(200)
    window.docks["training"].show()
    window.docks["training"].raise_()  # a tab beside the player: bring it to the front
    panel = window.training
    spin(500)
    chapter = panel.chapter
    chapter.controls.speed.setCurrentIndex(chapter.controls.speed.count() - 1)
    if args.run == "compare":
        chapter.compare_linear_and_relu()
        for _ in range(3000):
            spin(20)
            if len(chapter.runs.records) >= 2 and panel.worker is None:
                break
        spin(300)
    elif args.run == "step":
        panel.options.set_config(TrainConfig(**RUNS["spiral"]))
        chapter.step()
        for _ in range(500):
            spin(20)
            if chapter.controls.iteration_button.isEnabled():
                break
    else:
        panel.options.set_config(TrainConfig(**RUNS[args.run]))
        panel.start()
        for _ in range(3000):
            spin(20)
            if panel.worker is None:
                break
    if args.history is not None:
        chapter.controls.history.setValue(args.history)
    tabs = panel.plots.view_tabs
    if args.tab:
        for i in range(tabs.count()):
            if tabs.tabText(i) == args.tab:
                tabs.setCurrentIndex(i)
                panel.plots.grid.show_cell(tabs)  # a low dock shows the plots in pages
    spin(400)
    if args.open_network:
        window.docks["program"].hide()
        panel.network_samples.setValue(args.open_network)
        panel.open_network_requested.emit(panel.trainer.network_graph(args.open_network))
        window.docks["player"].raise_()  # the player's tab in front: the graph is to walk
        spin(300)
    if args.neuron:
        window.neuron.view.duration_ms = 0  # each line's final look, not a sweep half done
        window.neuron.toggle.trigger()
        window.neuron.panel.sample_spin.setValue(args.sample)
    if args.step is not None:
        window.camera.duration_ms = 0
        window.player.driver.animate = False
        window.player.controller.seek(args.step)
    spin(400)
    if not args.neuron and args.step is None:
        window.view.fit()
    spin(300)
    window.grab().save(args.out)
    panel.shutdown()


if __name__ == "__main__":
    main()
