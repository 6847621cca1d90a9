"""ui: what `gradflow render` frames and adds - the player's camera shot, a caption, SVG, GIF.

`camera_source` gives the scene rectangle the player's camera shows at a step in an image
of a given size (the active node, its wires and numbers at a readable zoom), so a slide
made with `--step N --size WxH` looks like the window at that step. `draw_caption` draws
the step's caption under a picture; `save_svg` writes the same drawing as SVG
(QSvgGenerator); `save_gif` turns frames into one animated GIF with Pillow.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from gradflow.core.errors import GradflowError
from gradflow.core.i18n import _

CAPTION_PT = 12.0
CAPTION_PAD = 10
GIF_MS = 900  # per frame: the player's step at 1x


def camera_source(frame: QRectF, size: tuple[int, int], readable: float) -> QRectF:
    """The scene rectangle an image of `size` shows to frame `frame` like the camera:
    the shot the player's camera moves to (`fresh_shot`: the frame centred, at the
    largest zoom that fits it, at most 100 % and never below `readable`)."""
    from gradflow.ui.canvas.camera import fresh_shot

    w, h = size
    shot = fresh_shot(frame, (float(w), float(h)), readable)
    sw, sh = w / shot.zoom, h / shot.zoom
    c = shot.centre
    return QRectF(c.x() - sw / 2, c.y() - sh / 2, sw, sh)


def caption_height(text: str, width: int) -> int:
    """Pixels the caption band needs under a picture `width` wide."""
    metrics = QFontMetricsF(caption_font())
    box = metrics.boundingRect(
        QRectF(0, 0, width - 2 * CAPTION_PAD, 10000), Qt.TextFlag.TextWordWrap, text
    )
    return int(box.height()) + 2 * CAPTION_PAD


def draw_caption(painter: QPainter, text: str, band: QRectF, colour: QColor) -> None:
    """The caption, wrapped, in `band` (the strip under the picture)."""
    painter.setFont(caption_font())
    painter.setPen(colour)
    inner = band.adjusted(CAPTION_PAD, CAPTION_PAD, -CAPTION_PAD, -CAPTION_PAD)
    painter.drawText(inner, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft, text)


def caption_font() -> QFont:
    """The font of the caption under a picture (Hangul from the installed fallbacks)."""
    font = QFont()
    font.setPointSizeF(CAPTION_PT)
    return font


def save_svg(path: Path, size: tuple[int, int], paint: Callable[[QPainter], None]) -> None:
    """Write what `paint` draws on a `size` canvas as an SVG file."""
    from PySide6.QtSvg import QSvgGenerator

    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(*size))
    gen.setViewBox(QRectF(0, 0, *size))
    gen.setTitle("gradflow")
    painter = QPainter(gen)
    paint(painter)
    painter.end()
    if not path.is_file():
        raise GradflowError(f"cannot write {path}")


def save_gif(path: str | os.PathLike[str], frames: Sequence[QImage], ms: int = GIF_MS) -> Path:
    """One animated GIF of `frames` (Pillow's encoder), each shown `ms` milliseconds."""

    out = Path(path)
    if not frames:
        raise GradflowError(_("no frames to write"))
    pictures = [_to_pillow(img) for img in frames]
    try:
        pictures[0].save(
            out, save_all=True, append_images=pictures[1:], duration=ms, loop=0, disposal=1
        )
    except OSError as err:
        raise GradflowError(f"cannot write {out}: {err.strerror or err}") from None
    return out


def _to_pillow(img: QImage):  # -> PIL.Image.Image
    from PIL import Image

    rgb = img.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())
    stride = rgb.bytesPerLine()
    picture = Image.frombuffer("RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", stride, 1)
    return picture.convert("P", palette=Image.Palette.ADAPTIVE, colors=255)
