"""ui: export the canvas (or the selection) as a PNG or SVG picture."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from gradflow.ui.canvas.render_options import RenderOptions, render_options
from gradflow.ui.canvas.scene import GraphScene


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


def export_png(scene: GraphScene, path: str | Path, selection_only: bool = False) -> None:
    """Write the canvas (or the selection) as a PNG at twice the scene resolution."""
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
    with render_options(scene, RenderOptions(selection_only=selection_only)) as rect:
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(svg_title(scene))
        painter = QPainter(generator)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), scene.theme.background)
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        ok = painter.end()
    if not ok or not Path(path).is_file():
        raise OSError(QCoreApplication.translate("Export", "cannot write {path}").format(path=path))
