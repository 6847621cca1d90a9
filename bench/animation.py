"""bench: the player on a 500-node canvas - frames per second and key-press-to-frame time.

A 500-node scalar graph (a ladder of add and tanh gates, laid out on a grid) is opened in
a MainWindow on the offscreen platform with the player installed and the whole graph in
view. Three figures, each printed against its budget (60 fps, 16 ms):

1. playing: the player animates a fixed number of steps in real time; the canvas
   viewport's paint events are counted, giving the frames actually painted per second
   (Qt drives animations at ~60 Hz, so this is at most ~60);
2. frame cost: the same animation frames drawn one by one into a QImage of the viewport's
   size (pulses moved by hand), giving the frame rate the painting alone could sustain;
3. step latency: a → key press is sent to the settled canvas and the time until the
   viewport has painted the step's first frame (active node lit, pulses set off) is
   measured, median and worst of many presses; then the same for a step that reveals its
   numbers at once (animation off), which redraws the wires' labels.
4. camera: the same key presses with View ▸ Follow Step on and the view zoomed in to a
   readable zoom, so most steps move the view: the time until the first painted frame
   of the step, with the camera's move eased (its first frame) and with it jumping
   (the whole view repainted at its new place).

The frame cost and the latencies are medians of many samples taken after a warm-up (the
first frames fill Qt's caches and glyph tables), so a run says something on a machine
shared with other work. The script also runs on the trees before the workspace (#8):
`python bench/compare.py animation --same-script ...` runs this copy for both trees.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GRADFLOW_SETTINGS", os.path.join(tempfile.mkdtemp(), "bench.ini"))

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gradflow.core.graph import Graph

N_NODES = 500
COLUMNS = 25
PLAY_STEPS = 12
LATENCY_PRESSES = 60  # timed presses, after WARM_PRESSES untimed ones
WARM_PRESSES = 10
FRAME_SAMPLES = 9  # the frame cost: the median of this many runs of FRAMES_PER_SAMPLE
FRAMES_PER_SAMPLE = 40
WARM_FRAMES = 20
FPS_BUDGET = 60.0
STEP_BUDGET_MS = 16.0


def ladder_graph(n_nodes: int = N_NODES) -> Graph:
    """Two inputs, then add and tanh gates in turn, each add fed by the two nodes before it."""
    g = Graph()
    ids = [g.add_node("input", "a", value=0.5), g.add_node("input", "b", value=-0.25)]
    while len(ids) < n_nodes:
        if len(ids) % 2 == 0:
            nid = g.add_node("add")
            g.connect(ids[-1], nid, dst_port=0)
            g.connect(ids[-2], nid, dst_port=1)
        else:
            nid = g.add_node("tanh")
            g.connect(ids[-1], nid)
        ids.append(nid)
    for i, nid in enumerate(ids):  # a snake over a grid, so wires stay short
        row, col = divmod(i, COLUMNS)
        col = col if row % 2 == 0 else COLUMNS - 1 - col
        g.set_pos(nid, (col * 180.0, row * 110.0))
    return g


class PaintCounter(QObject):
    """Counts paint events of one widget."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def setup():
    """A shown window with the ladder graph, the player installed, the whole graph in view."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from gradflow.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1600, 1000)
    window.load_graph(ladder_graph())
    dock = getattr(window, "player", None)
    if dock is None:  # a tree before the dock registry (196a08b): the player is installed
        from gradflow.ui.player import install_player  # type: ignore[attr-defined]

        dock = install_player(window)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.view.fit()
    app.processEvents()
    return app, window, dock


def follow_step(window, on: bool) -> None:
    """View ▸ Follow Step on or off (a tree without the camera has nothing to turn off)."""
    workspace = getattr(window, "workspace", None)
    if workspace is not None:
        workspace.set_display(follow_step=on)


def wait_until(app, condition, timeout_ms: int = 20000) -> None:
    """Process events until `condition()` holds."""
    clock = QElapsedTimer()
    clock.start()
    while not condition():
        if clock.elapsed() > timeout_ms:
            raise TimeoutError("the player did not get there in time")
        app.processEvents()


def bench_playing(app, window, dock) -> tuple[float, int, int]:
    """(painted frames per second while pulses travel, paints, animation ticks).

    The clock runs only while a step is animating: the reveal between two steps is
    measured by the latency figures below.
    """
    counter = PaintCounter(window.view.viewport())
    follow_step(window, False)  # the whole graph stays in view
    dock.driver.animate = True
    dock.controller.pause()
    dock.controller.seek(0)
    wait_until(app, lambda: not dock.driver.animator.running)
    ticks0, paints0 = dock.driver.animator.frames, counter.count
    elapsed = 0.0
    for _ in range(PLAY_STEPS):
        dock.controller.step_forward()
        start = time.perf_counter()
        wait_until(app, lambda: not dock.driver.animator.running)
        elapsed += time.perf_counter() - start
    paints = counter.count - paints0
    return paints / elapsed, paints, dock.driver.animator.frames - ticks0


def bench_frame_cost(app, window, dock) -> list[float]:
    """Milliseconds per frame the painting alone costs, one figure per sample: pulses
    moved by hand, the whole view drawn into a QImage, after WARM_FRAMES untimed frames."""
    dock.driver.animate = True
    dock.controller.seek(dock.controller.index + 1)
    pulses = dock.driver.animator.pulses()
    viewport = window.view.viewport()
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
    frames = WARM_FRAMES + FRAME_SAMPLES * FRAMES_PER_SAMPLE
    samples, start = [], time.perf_counter()
    for i in range(frames):
        for p in pulses:
            p.set_progress((i % FRAMES_PER_SAMPLE) / FRAMES_PER_SAMPLE)
        painter = QPainter(image)
        window.view.render(painter)
        painter.end()
        done = i + 1 - WARM_FRAMES
        if done == 0:
            start = time.perf_counter()
        elif done > 0 and done % FRAMES_PER_SAMPLE == 0:
            now = time.perf_counter()
            samples.append((now - start) * 1000 / FRAMES_PER_SAMPLE)
            start = now
    dock.driver.animator.finish()
    return samples


def bench_step_latency(app, window, dock, animate: bool) -> list[float]:
    """Milliseconds from a → key press on the canvas to the viewport's next painted frame.

    Animated, that frame is the step's first (node lit, pulses set off); not animated, it
    is the frame with the numbers revealed at once.
    """
    counter = PaintCounter(window.view.viewport())
    follow_step(window, False)  # the canvas alone (the camera: below)
    dock.driver.animate = animate
    dock.controller.seek(0)
    window.view.setFocus()
    times = []
    for _ in range(WARM_PRESSES + LATENCY_PRESSES):
        app.processEvents()
        before = counter.count
        start = time.perf_counter()
        QTest.keyClick(window.view, Qt.Key.Key_Right)
        wait_until(app, lambda b=before: counter.count > b)
        times.append((time.perf_counter() - start) * 1000)
        if animate:
            dock.driver.animator.finish()  # the next press starts from a settled canvas
            app.processEvents()
    dock.driver.animator.finish()
    return times[WARM_PRESSES:]


def bench_camera_latency(app, window, dock, eased: bool) -> list[float]:
    """Milliseconds from a → key press to the next painted frame while the camera follows."""
    camera = window.camera
    camera.duration_ms = 320 if eased else 0
    window.workspace.set_display(follow_step=True)
    dock.driver.animate = True
    dock.controller.seek(0)
    first = window.scene.node_items()[0].sceneBoundingRect().center()
    window.view.look_at(first, 1.0)
    counter = PaintCounter(window.view.viewport())
    window.view.setFocus()
    times = []
    for _ in range(LATENCY_PRESSES):
        app.processEvents()
        before = counter.count
        start = time.perf_counter()
        QTest.keyClick(window.view, Qt.Key.Key_Right)
        wait_until(app, lambda b=before: counter.count > b)
        times.append((time.perf_counter() - start) * 1000)
        dock.driver.animator.finish()
        camera.finish()
        app.processEvents()
    return times


def main() -> int:
    """Run the three measurements and print them against the budgets."""
    app, window, dock = setup()
    n = len(window.document.graph)
    print(
        f"canvas: {n} nodes, {len(window.document.graph.edges)} wires, "
        f"trace of {dock.controller.length} steps, viewport "
        f"{window.view.viewport().width()}×{window.view.viewport().height()}"
    )
    fps, paints, ticks = bench_playing(app, window, dock)
    print(
        f"playing {PLAY_STEPS} animated steps: {fps:6.1f} painted frames/s while pulses travel "
        f"({paints} paints, {ticks} animation ticks) = {fps / FPS_BUDGET:.2f}× the 60 fps budget"
    )
    samples = bench_frame_cost(app, window, dock)
    ms = statistics.median(samples)
    cost_fps = 1000 / ms
    print(
        f"full redraw of the whole view into a QImage: {cost_fps:6.1f} frames/s = "
        f"{ms:.2f} ms per frame = {cost_fps / FPS_BUDGET:.2f}× the 60 fps budget "
        f"(median of {len(samples)} samples of {FRAMES_PER_SAMPLE} frames, "
        f"{min(samples):.2f}-{max(samples):.2f} ms)"
    )
    times = bench_step_latency(app, window, dock, animate=True)
    med, worst = statistics.median(times), max(times)
    print(
        f"step latency (→ key to first animated frame, {len(times)} presses): median {med:.2f} ms, "
        f"worst {worst:.2f} ms = {med / STEP_BUDGET_MS:.2f}× the 16 ms budget (median)"
    )
    times = bench_step_latency(app, window, dock, animate=False)
    med, worst = statistics.median(times), max(times)
    print(
        f"reveal latency (animation off, numbers at once): median {med:.2f} ms, "
        f"worst {worst:.2f} ms = {med / STEP_BUDGET_MS:.2f}× the 16 ms budget (median)"
    )
    for eased in (True, False) if hasattr(window, "camera") else ():
        times = bench_camera_latency(app, window, dock, eased)
        med, worst = statistics.median(times), max(times)
        how = "eased move" if eased else "jump"
        print(
            f"step latency with the camera following ({how}, at 100 % zoom): median "
            f"{med:.2f} ms, worst {worst:.2f} ms = {med / STEP_BUDGET_MS:.2f}× the 16 ms budget"
        )
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
