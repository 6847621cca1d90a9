"""ui: export the canvas (or the selection) as a PNG or SVG picture."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem

from gradflow.ui.canvas.scene import GraphScene

NO_CACHE = QGraphicsItem.CacheMode.NoCache


@contextmanager
def _clean(scene: GraphScene, selection_only: bool) -> Iterator[QRectF]:
    """No grid, no selection outline, and (selection_only) nothing unselected."""
    selected = scene.selectedItems()
    rect = scene.items_rect(selection_only and bool(selected))
    hidden, inner = [], None
    if selection_only and selected:
        sel = dict.fromkeys(scene.selected_node_ids())
        inner = [e for e in scene.edges() if e.src in sel and e.dst in sel]
        wires = [scene.edge_item(e) for e in inner]
        keep = [scene.wires, *(scene.node_item(n) for n in sel), *wires]
        keep += [label for w in wires for label in w.labels()]
        hidden = [i for i in scene.items() if i.parentItem() is None and i not in keep]
    grid, detail = scene.grid_visible, scene.detail
    scene.grid_visible = False
    scene.set_detail(True)
    scene.wires.set_subset(inner)
    for item in hidden:
        item.setVisible(False)
    scene.clearSelection()
    # cached items would be pasted in as bitmaps: draw them afresh as vector shapes
    cached = [(i, i.cacheMode()) for i in scene.items() if i.cacheMode() != NO_CACHE]
    for item, _mode in cached:
        item.setCacheMode(NO_CACHE)
    try:
        yield rect
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)
        for item in hidden:
            item.setVisible(True)
        for item in selected:
            item.setSelected(True)
        scene.grid_visible = grid
        scene.set_detail(detail)
        scene.wires.set_subset(None)


def render_image(scene: GraphScene, scale: float = 2.0, selection_only: bool = False) -> QImage:
    """The canvas drawn into an image, `scale` pixels per scene unit."""
    with _clean(scene, selection_only) as rect:
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


def export_png(scene: GraphScene, path: str | Path, selection_only: bool = False) -> None:
    """Write the canvas (or the selection) as a PNG at twice the scene resolution."""
    if not render_image(scene, 2.0, selection_only).save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")


def export_svg(scene: GraphScene, path: str | Path, selection_only: bool = False) -> None:
    """Write the canvas (or the selection) as an SVG drawing (vector shapes and text)."""
    with _clean(scene, selection_only) as rect:
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle("gradflow graph")
        painter = QPainter(generator)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), scene.theme.background)
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        ok = painter.end()
    if not ok or not Path(path).is_file():
        raise OSError(f"cannot write {path}")
