"""ui: headless rendering - the canvas at a given step drawn into a PNG or SVG, no window.

Builds the same GraphScene the window shows, applies `state_at(step)` and draws it: at a
given size a step mid-run is framed as the player's camera frames it (ui/render_frame.py),
otherwise (or with `fit`) the whole graph is fitted into the picture with margins; the
step's caption can go under it. `render_walk.py` writes every step (frames, a GIF).
Teachers use it for slides, the README for its pictures. Works without a display: the
offscreen Qt platform is chosen when none is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from gradflow.core.errors import GradflowError
from gradflow.core.explain import caption_at, explain_step
from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.core.layout import auto_layout
from gradflow.core.playback import state_at
from gradflow.core.trace import BackwardStep
from gradflow.ui.render_frame import camera_source, caption_height, draw_caption, save_svg

OVERVIEW_NODES = 5000  # above this many nodes `render` draws an overview (ui/overview.py)

MARGIN = 40  # pixels around the graph
MAX_SCALE = 2.0  # small graphs are enlarged at most this much
DEFAULT_SIZE = (1280, 720)
MAX_DEFAULT_SIDE = 4096  # the fitted size is capped: a big graph is scaled down to frame it


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
    if app is None:
        from gradflow.core import i18n
        from gradflow.ui.language import install_language

        app = QApplication(["gradflow-render"])
        install_language(i18n.language(), app)  # the command's --lang for Qt's texts too
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
        self.caption = caption  # the step's caption under the picture, by default
        self.caption_text = ""  # the caption drawn last ('' when none was)
        self.show_tags = True  # a worksheet hides the gradient sums and routes they show
        self.min_band = 0  # the caption strip's least height (one size for every frame)

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
        self.scene.layout_labels_now()

    def step_caption(self, step: int) -> str:
        """The player's caption at `step`."""
        trace = self.document.result.trace
        return caption_at(trace, self.document.graph, step) if trace is not None else ""

    def source_rect(self, size: tuple[int, int] | None = None, fit: bool = False):
        """(the scene rectangle a picture of `size` shows of the step drawn last, whether
        it is the camera's shot): with a size and a step mid-run, the shot the player's
        camera takes of it in a viewport of that size, unless `fit`; else the whole graph."""
        from gradflow.ui.canvas.camera import readable_zoom, step_frame

        active = self.scene.active_node
        if size is not None and not fit and active is not None:
            frame = step_frame(self.scene, active)
            return camera_source(frame, size, readable_zoom(self.scene)), True
        return self.scene.itemsBoundingRect(), False

    def _sizes(self, step: int, size, caption: bool) -> tuple[int, int, int]:
        """(width, height of the whole picture, height of the graph part)."""
        source = self.scene.itemsBoundingRect()
        width, height = size or _natural_size(source.width(), source.height())
        text = self.step_caption(step) if caption else ""
        band = max(caption_height(text, width), self.min_band) if text else 0
        return width, height + band, height

    def paint(self, painter, step: int, size=None, fit: bool = False, caption=None) -> None:
        """Draw the canvas after `step` steps with `painter` (see `image`)."""
        from PySide6.QtCore import QRectF, Qt

        from gradflow.ui.canvas.render_options import render_options

        caption = self.caption if caption is None else caption
        self._show(step)
        width, total_h, height = self._sizes(step, size, caption)
        painter.fillRect(QRectF(0, 0, width, total_h), self.scene.theme.background)
        painter.setRenderHints(_hints())
        source, camera = self.source_rect(size, fit)
        if camera:  # the shot has the picture's shape: it fills it
            target = QRectF(0, 0, width, height)
        else:
            target = QRectF(*_fitted(source.width(), source.height(), width, height))
        self.scene.set_view_zoom(target.width() / max(source.width(), 1.0))
        with render_options(self.scene):  # no grid, no selection, vector shapes
            self.scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        self.caption_text = self.step_caption(step) if caption else ""
        if self.caption_text:
            band = QRectF(0, height, width, total_h - height)
            draw_caption(painter, self.caption_text, band, self.scene.theme.node_text)

    def image(self, step: int, size=None, fit: bool = False, caption=None):  # -> QImage
        """The canvas after `step` steps as a QImage of `size` (default: fitted, 16:9).

        With a size, a step mid-run is framed as the player's camera frames it (the
        active node and its numbers readable), unless `fit` shows the whole graph;
        `caption` (default: the renderer's) adds the step's caption under the picture.
        """
        from PySide6.QtGui import QImage, QPainter

        caption = self.caption if caption is None else caption
        self._show(step)
        width, total_h = self._sizes(step, size, caption)[:2]
        img = QImage(width, total_h, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(img)
        self.paint(painter, step, size, fit, caption)
        painter.end()
        return img

    def save(self, step: int, out: str | os.PathLike[str], size=None, fit=False, caption=None):
        """Render `step` to `out`, .png or .svg by its extension (RenderError otherwise);
        returns the path written."""
        path = Path(out)
        kind = path.suffix.lower()
        if kind not in (".png", ".svg"):
            raise RenderError(
                _("cannot write {name}: the picture must end in .png or .svg").format(
                    name=path.name
                )
            )
        if path.parent and not path.parent.is_dir():
            raise RenderError(f"cannot write {path}: folder {path.parent} does not exist")
        if kind == ".svg":
            caption = self.caption if caption is None else caption
            self._show(step)
            width, total_h = self._sizes(step, size, caption)[:2]
            save_svg(path, (width, total_h), lambda p: self.paint(p, step, size, fit, caption))
        elif not self.image(step, size, fit, caption).save(str(path), "PNG"):
            raise RenderError(f"cannot write {path}")
        return path


def _hints():  # -> QPainter.RenderHint
    from PySide6.QtGui import QPainter

    return QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing


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
    fit: bool = False,
) -> Path:
    """Draw `graph` at `step` ('end' or 0..len(trace)) into `out` (.png or .svg); with
    `caption`, the step's caption under it (in the current language). With a `size`, a
    step mid-run is framed like the player's camera unless `fit`.

    A graph of more than OVERVIEW_NODES nodes is drawn as an overview (no numbers).
    """
    if len(graph) > OVERVIEW_NODES:
        return _render_overview(graph, out, step, size, theme)
    renderer = Renderer(graph, theme, caption)
    return renderer.save(parse_step(step, renderer.total), out, size, fit)


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
