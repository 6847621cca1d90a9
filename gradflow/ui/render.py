"""ui: headless rendering - the canvas at a given step drawn into a PNG, with no window.

Builds the same GraphScene the window shows, applies `state_at(step)`, fits the graph
into the image with margins and saves it. Teachers use it for slides, the README for
its pictures. Works without a display: the offscreen Qt platform is chosen when none is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gradflow.core.errors import GradflowError
from gradflow.core.explain import caption_at, explain_step
from gradflow.core.graph import Graph
from gradflow.core.layout import auto_layout
from gradflow.core.playback import state_at
from gradflow.core.trace import BackwardStep

OVERVIEW_NODES = 5000  # above this many nodes `render` draws an overview (ui/overview.py)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsTextItem

MARGIN = 40  # pixels around the graph
MAX_SCALE = 2.0  # small graphs are enlarged at most this much
DEFAULT_SIZE = (1280, 720)
MAX_DEFAULT_SIDE = 4096  # the fitted size is capped: a big graph is scaled down to frame it
MAX_FRAMES = 2000  # --frames writes at most this many pictures


class RenderError(GradflowError):
    """A render request that cannot be done (bad step, unwritable file, no run)."""


def ensure_app():  # -> QApplication
    """The running QApplication, or a new one on the offscreen platform without a display."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from gradflow.ui.fonts import install_hangul_fallbacks

    app = QApplication.instance()
    app = app if app is not None else QApplication(["gradflow-render"])
    install_hangul_fallbacks()  # Korean captions and labels never draw as boxes
    return app


def parse_step(text: str | int | None, total: int) -> int:
    """A step number 0..total from 'end', None (the end) or a number; RenderError otherwise."""
    if text is None or text == "end":
        return total
    try:
        k = int(text)
    except (TypeError, ValueError):
        raise RenderError(f'--step must be a number or "end", not "{text}"') from None
    if not 0 <= k <= total:
        raise RenderError(f"--step {k} is out of range: this graph has steps 0..{total}")
    return k


def _laid_out(graph: Graph) -> Graph:
    """`graph` with every node placed (auto-layout for nodes that have no position)."""
    if all(n.pos is not None for n in graph):
        return graph
    graph = graph.copy()
    for nid, pos in auto_layout(graph).items():
        if graph.nodes[nid].pos is None:
            graph.set_pos(nid, pos)
    return graph


class Renderer:
    """One scene of one graph, rendered at any step (reused for --frames)."""

    def __init__(self, graph: Graph, theme: str = "light", caption: bool = False) -> None:
        ensure_app()
        from gradflow.ui.canvas.scene import GraphScene
        from gradflow.ui.canvas.style import THEMES
        from gradflow.ui.document import GraphDocument
        from gradflow.ui.workspace import Workspace

        if theme not in THEMES:
            raise RenderError(f'unknown theme "{theme}"; themes: {", ".join(THEMES)}')
        self.document = GraphDocument(_laid_out(graph))
        self.workspace = Workspace(self.document)
        self.scene = GraphScene(self.workspace)
        self.scene.set_theme(THEMES[theme])
        trace = self.document.result.trace
        self.total = len(trace) if trace is not None else 0
        self._tags: list = []
        # the step's caption under the graph, with `caption`
        self._caption: QGraphicsTextItem | None = None
        self.caption = caption
        self.show_tags = True  # a worksheet hides the gradient sums and routes they show

    @property
    def tag_texts(self) -> list[str]:
        """The notes drawn near the active node (a fan-out's sum, where max routes)."""
        return [t.text for t in self._tags]

    def _show(self, step: int) -> None:
        """Numbers of `step` on the wires; the active node and its tags while mid-run."""
        from gradflow.ui.player.animator import add_step_tags

        for tag in self._tags:
            self.scene.overlay.remove(tag)
        self._tags = []
        if self._caption is not None:
            self.scene.removeItem(self._caption)
            self._caption = None
        trace = self.document.result.trace
        if trace is None:
            return
        graph = self.document.graph
        state = state_at(trace, graph.edges, step)
        self.scene.show_state(state)
        active = state.active if 0 < step < self.total else None
        self.scene.set_active_node(active.node if active is not None else None)
        if isinstance(active, BackwardStep) and self.show_tags:
            exp = explain_step(trace, graph, step - 1)
            self._tags = add_step_tags(self.scene, active, exp)
        if self.caption:
            self._add_caption(caption_at(trace, graph, step))

    @property
    def caption_text(self) -> str:
        """The caption drawn under the graph ('' without `caption`)."""
        return self._caption.toPlainText() if self._caption is not None else ""

    def _add_caption(self, text: str) -> None:
        from PySide6.QtWidgets import QGraphicsTextItem

        from gradflow.ui.canvas.style import font

        bounds = self.scene.itemsBoundingRect()
        item = QGraphicsTextItem(text)
        item.setFont(font(self.scene.metrics.number_pt))
        item.setDefaultTextColor(self.scene.theme.node_text)
        item.setTextWidth(max(bounds.width(), 480.0))
        item.setPos(bounds.left(), bounds.bottom() + 12)
        self.scene.addItem(item)
        self._caption = item

    def image(self, step: int, size: tuple[int, int] | None = None):  # -> QImage
        """The canvas after `step` steps, as a QImage of `size` (default: fitted, 16:9)."""
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QImage, QPainter

        from gradflow.ui.canvas.render_options import render_options

        self._show(step)
        source = self.scene.itemsBoundingRect()
        width, height = size or _natural_size(source.width(), source.height())
        img = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(self.scene.theme.background)
        painter = QPainter(img)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        target = _fitted(source.width(), source.height(), width, height)
        with render_options(self.scene):  # no grid, no selection, vector shapes
            self.scene.render(painter, QRectF(*target), source, Qt.AspectRatioMode.KeepAspectRatio)
        painter.end()
        return img

    def save(self, step: int, out: str | os.PathLike[str], size=None) -> Path:
        """Render `step` and write a PNG to `out`; RenderError if it cannot be written."""
        path = Path(out)
        if path.parent and not path.parent.is_dir():
            raise RenderError(f"cannot write {path}: folder {path.parent} does not exist")
        if not self.image(step, size).save(str(path), "PNG"):
            raise RenderError(f"cannot write {path}")
        return path


def _natural_size(w: float, h: float) -> tuple[int, int]:
    """The width of a slide, the graph's own height - both at most MAX_DEFAULT_SIDE (a tall
    graph is scaled down to fit: a 10,000-node tree once made a 1280 x 204,731 PNG)."""
    room = MAX_DEFAULT_SIDE - 2 * MARGIN
    scale = min(MAX_SCALE, (DEFAULT_SIZE[0] - 2 * MARGIN) / max(w, 1.0), room / max(h, 1.0))
    return int(w * scale + 2 * MARGIN), int(h * scale + 2 * MARGIN)


def _fitted(w: float, h: float, width: int, height: int) -> tuple[float, float, float, float]:
    """The target rectangle: the graph scaled to fit inside the margins, centred."""
    avail_w, avail_h = max(1, width - 2 * MARGIN), max(1, height - 2 * MARGIN)
    scale = min(avail_w / max(w, 1.0), avail_h / max(h, 1.0), MAX_SCALE * 2)
    tw, th = w * scale, h * scale
    return (width - tw) / 2, (height - th) / 2, tw, th


def render_png(
    graph: Graph,
    out: str | os.PathLike[str],
    step: str | int | None = "end",
    size: tuple[int, int] | None = None,
    theme: str = "light",
    caption: bool = False,
) -> Path:
    """Draw `graph` at `step` ('end' or 0..len(trace)) into the PNG file `out`; with
    `caption`, the step's caption under it (in the current language).

    A graph of more than OVERVIEW_NODES nodes is drawn as an overview (no numbers).
    """
    if len(graph) > OVERVIEW_NODES:
        return _render_overview(graph, out, step, size, theme)
    renderer = Renderer(graph, theme, caption)
    return renderer.save(parse_step(step, renderer.total), out, size)


def _render_overview(
    graph: Graph,
    out: str | os.PathLike[str],
    step: str | int | None,
    size: tuple[int, int] | None,
    theme: str,
) -> Path:
    from gradflow.ui.canvas.style import THEMES
    from gradflow.ui.overview import overview_image

    if theme not in THEMES:
        raise RenderError(f'unknown theme "{theme}"; themes: {", ".join(THEMES)}')
    ensure_app()
    graph = _laid_out(graph)
    parse_step(step, 2 * len(graph))  # checked for form only: the overview shows no step
    xs = [n.pos[0] for n in graph if n.pos is not None]
    ys = [n.pos[1] for n in graph if n.pos is not None]
    width, height = size or _natural_size(max(xs) - min(xs) + 200, max(ys) - min(ys) + 200)
    path = Path(out)
    if path.parent and not path.parent.is_dir():
        raise RenderError(f"cannot write {path}: folder {path.parent} does not exist")
    image = overview_image(graph, width, height, theme, MARGIN)
    # the stub types the format as bytes, but PySide6 accepts only str here
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise RenderError(f"cannot write {path}")
    return path


def render_frames(
    graph: Graph,
    folder: str | os.PathLike[str],
    size: tuple[int, int] | None = None,
    theme: str = "light",
) -> list[Path]:
    """One PNG per step, frame_000.png (nothing shown) to frame_NNN.png (the whole run)."""
    if len(graph) > OVERVIEW_NODES:
        raise RenderError(
            f"--frames draws every step; this graph has {len(graph):,} nodes, over the "
            f"{OVERVIEW_NODES:,} a frame-by-frame picture can show (render one step instead)"
        )
    renderer = Renderer(graph, theme)
    if renderer.total + 1 > MAX_FRAMES:
        raise RenderError(
            f"--frames would write {renderer.total + 1:,} pictures, over the {MAX_FRAMES:,} limit"
        )
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise RenderError(f"cannot create folder {folder}: {err.strerror}") from None
    source = renderer.scene.itemsBoundingRect()
    size = size or _natural_size(source.width(), source.height())  # one size for all frames
    return [
        renderer.save(k, folder / f"frame_{k:03d}.png", size) for k in range(renderer.total + 1)
    ]
