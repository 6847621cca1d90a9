"""ui: export the canvas (or the selection) as a PNG or SVG picture.

A big canvas (lazy items, canvas/scene_items.py) has items only near the view; drawing
it through the scene would make an item for every node to be drawn, and a picture at
the scene's own scale (a 3,000-node chain is 600,000 units wide). There the picture is
the overview `gradflow render` draws past 5,000 nodes - boxes in their category colours
and straight wires, from the positions in the document - at most 4,096 pixels a side.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from gradflow.ui.canvas import scene_items
from gradflow.ui.canvas.render_options import RenderOptions, render_options
from gradflow.ui.canvas.scene import GraphScene
from gradflow.ui.overview import overview_extent, overview_image, paint_overview

MARGIN = 40  # pixels round an overview picture
MAX_SIDE = 4096  # an overview picture's longest side, at most (as `gradflow render`'s)


def render_image(scene: GraphScene, scale: float = 2.0, selection_only: bool = False) -> QImage:
    """The canvas drawn into an image, `scale` pixels per scene unit."""
    with render_options(scene, RenderOptions(selection_only=selection_only)) as rect:
        size = QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(scene.theme.background)
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        scene.render(painter, QRectF(image.rect()), rect, Qt.AspectRatioMode.KeepAspectRatio)
        painter.end()
    return image


def overview_ids(scene: GraphScene, selection_only: bool) -> list[str] | None:
    """The nodes to draw as an overview, or None to draw the scene's items: on a big
    canvas, every node - or the selection, if it holds more nodes than get items at once
    and some of them have none."""
    live = scene.live
    if not live.lazy:
        return None
    if not selection_only:
        return list(scene.document.graph.nodes)
    ids = scene.selected_node_ids()
    return ids if live.held.nodes and len(ids) > scene_items.MAX_LIVE else None


def _overview_size(scene: GraphScene, ids: list[str]) -> tuple[int, int, float]:
    """(width, height, scale): twice the scene's size, each side at most MAX_SIDE."""
    w, h = overview_extent(scene.document.graph, ids)
    room = MAX_SIDE - 2 * MARGIN
    scale = min(2.0, room / max(w, 1.0), room / max(h, 1.0))
    return int(w * scale) + 2 * MARGIN, int(h * scale) + 2 * MARGIN, scale


def export_png(scene: GraphScene, path: str | Path, selection_only: bool = False) -> None:
    """Write the canvas (or the selection) as a PNG at twice the scene resolution."""
    ids = overview_ids(scene, selection_only)
    if ids is not None:
        width, height, _scale = _overview_size(scene, ids)
        graph, theme = scene.document.graph, scene.theme
        image = overview_image(graph, width, height, theme, MARGIN, ids)
    else:
        image = render_image(scene, 2.0, selection_only)
    # the stub types the format as bytes, but PySide6 accepts only str here
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(QCoreApplication.translate("Export", "cannot write {path}").format(path=path))


def svg_title(scene: GraphScene) -> str:
    """The SVG's <title>: the graph's own title, else "gradflow graph" translated."""
    title = scene.document.graph.title
    return title or QCoreApplication.translate("Export", "gradflow graph")


def export_svg(scene: GraphScene, path: str | Path, selection_only: bool = False) -> None:
    """Write the canvas (or the selection) as an SVG drawing (vector shapes and text)."""
    ids = overview_ids(scene, selection_only)
    if ids is not None:
        width, height, _scale = _overview_size(scene, ids)
        svg = _svg(path, QRectF(0, 0, width, height), svg_title(scene))
        painter = QPainter(svg)
        paint_overview(painter, scene.document.graph, width, height, scene.theme, MARGIN, ids)
        _finish_svg(painter, path)
        return
    with render_options(scene, RenderOptions(selection_only=selection_only)) as rect:
        box = QRectF(0, 0, rect.width(), rect.height())
        svg = _svg(path, box, svg_title(scene))
        painter = QPainter(svg)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(box, scene.theme.background)
        scene.render(painter, box, rect)
        _finish_svg(painter, path)


def _svg(path: str | Path, box: QRectF, title: str) -> QSvgGenerator:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(box.size().toSize())
    generator.setViewBox(box)
    generator.setTitle(title)
    return generator


def _finish_svg(painter: QPainter, path: str | Path) -> None:
    ok = painter.end()
    if not ok or not Path(path).is_file():
        raise OSError(QCoreApplication.translate("Export", "cannot write {path}").format(path=path))
