"""ui.training: the templates picture - each first-layer row of W as a tile, its name below.

`templates_image` lays out what `gradflow.nn.templates` computed (uint8 RGB tiles) in a
grid, each tile scaled up without smoothing so pixels stay square, with the class (or
unit) name under it. The dock's Templates view shows this image and `gradflow train
--templates PNG` saves it, so both are the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

GAP = 8
LABEL_H = 18


def templates_image(
    rgb: np.ndarray, names: Sequence[str], tile_px: int = 64, columns: int | None = None
) -> QImage:
    """A white picture of the tiles `rgb` (n, h, w, 3), `columns` per row (5 for ten)."""
    n, h, w = rgb.shape[:3]
    cols = columns or (5 if n == 10 else max(1, min(n, math.ceil(math.sqrt(n * 2)))))
    rows = math.ceil(n / cols)
    scale = max(1, tile_px // max(h, w))
    tw, th = w * scale, h * scale
    cell_w, cell_h = tw + GAP, th + LABEL_H + GAP
    image = QImage(cols * cell_w + GAP, rows * cell_h + GAP, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont()
    font.setPixelSize(12)
    painter.setFont(font)
    painter.setPen(QColor("#222"))
    for i in range(n):
        x, y = GAP + (i % cols) * cell_w, GAP + (i // cols) * cell_h
        tile = np.ascontiguousarray(rgb[i])
        qt_tile = QImage(tile.data, w, h, 3 * w, QImage.Format.Format_RGB888)
        painter.drawImage(QRect(x, y, tw, th), qt_tile)  # nearest: no smooth transform set
        painter.drawText(
            QRect(x - GAP // 2, y + th, tw + GAP, LABEL_H), Qt.AlignmentFlag.AlignCenter, names[i]
        )
    painter.end()
    return image


def save_templates_png(
    path: str | Path, rgb: np.ndarray, names: Sequence[str], tile_px: int = 64
) -> None:
    """Write the templates picture to `path` as PNG (OSError if it cannot be written)."""
    image = templates_image(rgb, names, tile_px)
    # the stub types the format as bytes, but PySide6 accepts only str here
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"cannot write {path}")
