"""ui: a Handout printed to PDF with Qt's own QPdfWriter - one page per step, numbered.

The title page, then one landscape A4 page per step (picture above, the step's words
below, laid out by QTextDocument), then, for a worksheet, the answer key over as many
pages as it needs. Every page carries "page i of n" at the bottom.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from gradflow.core.i18n import _
from gradflow.ui.render import RenderError

if TYPE_CHECKING:
    from gradflow.ui.handout import Handout

DPI = 150
TEXT_PT = 11
PICTURE_SHARE = 0.62  # of a step page's height, above the words


class _Pages:
    """A painter on a PDF writer that numbers each page it finishes."""

    def __init__(self, writer: QPdfWriter, total: int) -> None:
        self.writer, self.total, self.number = writer, total, 1
        self.painter = QPainter()
        if not self.painter.begin(writer):
            raise RenderError(_("cannot write the PDF file"))
        self.width, self.height = float(writer.width()), float(writer.height())
        self.footer = self.painter.fontMetrics().height() * 2.0

    @property
    def body(self) -> QRectF:
        """The page's area above the footer."""
        return QRectF(0, 0, self.width, self.height - self.footer)

    def next(self) -> None:
        """Number this page and start the next one."""
        self._number()
        self.writer.newPage()
        self.number += 1

    def finish(self) -> None:
        """Number the last page and close the file."""
        self._number()
        self.painter.end()

    def _number(self) -> None:
        p = self.painter
        p.save()
        p.setPen(QColor("#777777"))
        text = _("page {i} of {n}").format(i=self.number, n=self.total)
        rect = QRectF(0, self.height - self.footer, self.width, self.footer)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        p.restore()


def _document(html: str, width: float, writer: QPdfWriter) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setPointSizeF(TEXT_PT)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def _draw_text(pages: _Pages, doc: QTextDocument, top: float) -> None:
    p = pages.painter
    p.save()
    p.translate(0, top)
    doc.drawContents(p, QRectF(0, 0, pages.width, pages.body.height() - top))
    p.restore()


def _draw_picture(pages: _Pages, png: bytes, area: QRectF) -> float:
    """Draw the picture centred in `area`, as large as fits; returns its bottom edge."""
    # the stub types the format as bytes, but PySide6 accepts only str here
    image = QImage.fromData(png, "PNG")  # type: ignore[arg-type]
    size = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(
        area.x() + (area.width() - size.width()) / 2, area.y(), size.width(), size.height()
    )
    pages.painter.drawImage(target, image)
    return target.bottom()


def write_pdf(handout: Handout, path: Path) -> None:
    """Write `handout` to the PDF file `path`."""
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setTitle(handout.title)
    writer.setCreator("gradflow")
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(14, 12, 14, 10),
        QPageLayout.Unit.Millimeter,
    )
    writer.setPageLayout(layout)
    key = _document(handout.key_html(), 1.0, writer) if handout.blank else None
    pages = _Pages(writer, 0)
    if key is not None:
        key.setTextWidth(pages.width)
        key.setPageSize(QSizeF(pages.width, pages.body.height()))
    pages.total = 1 + len(handout.pages) + (key.pageCount() if key is not None else 0)
    try:
        _title_page(handout, pages, writer)
        for page in handout.pages:
            pages.next()
            area = QRectF(0, 0, pages.width, pages.body.height() * PICTURE_SHARE)
            bottom = _draw_picture(pages, handout.picture_png(page.step), area)
            doc = _document(handout.page_html(page), pages.width, writer)
            _draw_text(pages, doc, bottom + pages.footer / 2)
        if key is not None:
            _key_pages(key, pages)
    finally:
        if pages.painter.isActive():
            pages.finish()
    if not path.is_file() or path.stat().st_size == 0:
        raise RenderError(f"cannot write {path}")


def _title_page(handout: Handout, pages: _Pages, writer: QPdfWriter) -> None:
    head = f"<h1>{_esc(handout.title)}</h1>" + "".join(
        f"<p>{_esc(line)}</p>" for line in handout.intro_lines()
    )
    head += handout.program_html()
    doc = _document(head, pages.width, writer)
    _draw_text(pages, doc, 0)
    top = doc.size().height() + pages.footer / 2
    area = QRectF(0, top, pages.width, pages.body.height() - top)
    _draw_picture(pages, handout.picture_png(0), area)


def _key_pages(key: QTextDocument, pages: _Pages) -> None:
    height = pages.body.height()
    for i in range(key.pageCount()):
        pages.next()
        p = pages.painter
        p.save()
        p.translate(0, -i * height)
        key.drawContents(p, QRectF(0, i * height, pages.width, height))
        p.restore()


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
