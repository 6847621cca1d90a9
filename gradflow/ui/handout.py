"""ui: handouts - a whole walk-through (or a blank worksheet) as a PDF or one HTML file.

Each step is a page: the canvas at that step drawn by the headless Renderer (as the
player shows it, active node highlighted), with the step's caption and explanation
beneath (core/handout_text.py). A title page shows the graph and its description; a
worksheet (`blank=True`) hides every gradient in its pictures, leaves the backward
terms as blanks and ends with an answer key. PDF through Qt's own QPdfWriter and
QTextDocument; HTML as one self-contained file with the pictures as data URIs.
"""

from __future__ import annotations

import base64
import os
from html import escape
from pathlib import Path

from gradflow.core.errors import GradflowError
from gradflow.core.graph import Graph
from gradflow.core.handout_text import HandoutPage, pages, parse_steps
from gradflow.core.i18n import _
from gradflow.ui.fonts import CSS_FONT_STACK
from gradflow.ui.render import Renderer, RenderError

PICTURE = (1600, 760)  # pixels of each step's picture
PROGRAM_LINES = 14  # of the program on the title page
SUFFIXES = (".pdf", ".html")


class Handout:
    """The pages of one graph's walk-through, ready to write as PDF or HTML."""

    def __init__(
        self, graph: Graph, steps: str | None = None, blank: bool = False, theme: str = "light"
    ) -> None:
        self.renderer = Renderer(graph, theme)
        self.graph = self.renderer.document.graph
        trace = self.renderer.document.result.trace
        if trace is None or len(trace) == 0:
            raise RenderError(_("this graph has no steps to show"))
        self.trace = trace
        self.blank = blank
        self.steps = parse_steps(steps, len(trace))
        self.pages: list[HandoutPage] = pages(trace, self.graph, self.steps, blank)
        if blank:
            self.renderer.scene.set_display(True, False)
            self.renderer.show_tags = False

    @property
    def title(self) -> str:
        """The graph's title (or 'Walk-through'), with 'worksheet' for a blank one."""
        title = self.graph.title or _("Walk-through")
        return _("{title} - worksheet").format(title=title) if self.blank else title

    def picture_png(self, step: int) -> bytes:
        """The canvas after `step` steps, as PNG bytes."""
        from PySide6.QtCore import QBuffer, QIODevice

        image = self.renderer.image(step, PICTURE, fit=True)  # the whole graph each page
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(buffer.data().data())

    def intro_lines(self) -> list[str]:
        """What the title page says under the title."""
        n, nf = len(self.trace), self.trace.n_forward
        lines = [self.graph.description or ""]
        lines.append(
            _("{n} steps: {f} forward, {b} backward; this handout shows {k}.").format(
                n=n, f=nf, b=n - nf, k=len(self.steps)
            )
        )
        if self.blank:
            lines.append(
                _("Fill in each blank: upstream × local = downstream. The key is at the end.")
            )
        return [line for line in lines if line]

    def program(self) -> str | None:
        """The graph as an expression-language program (at most PROGRAM_LINES lines), if any."""
        from gradflow.core.expr_print import to_program

        try:
            lines = to_program(self.graph).splitlines()
        except GradflowError:
            return None
        if len(lines) > PROGRAM_LINES:
            lines = [*lines[: PROGRAM_LINES - 1], "…"]
        return "\n".join(lines)

    def program_html(self) -> str:
        """The program as a preformatted block ('' when the graph has none)."""
        text = self.program()
        return f"<pre>{escape(text)}</pre>" if text else ""

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write a .pdf or .html file, by its suffix; RenderError if it cannot be written."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            raise RenderError(
                _("a handout is a .pdf or an .html file, not {name}").format(name=path.name)
            )
        if not path.parent.is_dir():
            raise RenderError(
                _("cannot write {path}: folder {folder} does not exist").format(
                    path=path, folder=path.parent
                )
            )
        if suffix == ".pdf":
            from gradflow.ui.handout_pdf import write_pdf

            write_pdf(self, path)
        else:
            try:
                path.write_text(self.html(), encoding="utf-8")
            except OSError as err:
                raise RenderError(f"cannot write {path}: {err.strerror or err}") from None
        return path

    # --- HTML ---------------------------------------------------------------------------------
    def page_html(self, page: HandoutPage) -> str:
        """A step's text as HTML: caption, gate pattern, the sentences (or blanks)."""
        colour = "#1b7f3b" if page.phase == "forward" else "#c0392b"
        parts = [f'<p style="color:{colour}"><b>{escape(page.caption)}</b></p>']
        if page.pattern:
            parts.append(f"<p><i>{escape(page.pattern)}</i></p>")
        parts.append("<ul>" + "".join(f"<li>{escape(s)}</li>" for s in page.lines) + "</ul>")
        return "".join(parts)

    def key_html(self) -> str:
        """The answer key: what the walk-through says at each blank step."""
        # the texts outside the f-strings: Babel does not look for `_` inside them
        step, key = _("Step {k}"), _("Answer key")
        rows = [
            f"<h3>{escape(step.format(k=p.step))}</h3><ul>"
            + "".join(f"<li>{escape(s)}</li>" for s in p.answer)
            + "</ul>"
            for p in self.pages
            if p.answer
        ]
        return f"<h2>{escape(key)}</h2>" + "".join(rows)

    def html(self) -> str:
        """The whole handout as one self-contained HTML document."""
        sections = [self._html_section(self._title_html(), 0)]
        for page in self.pages:
            sections.append(self._html_section(self._picture_tag(page.step) + self.page_html(page)))
        if self.blank:
            sections.append(self._html_section(self.key_html()))
        total = len(sections)
        body = "".join(
            s.replace("{page}", _("page {i} of {n}").format(i=i, n=total))
            for i, s in enumerate(sections, 1)
        )
        return (
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{escape(self.title)}</title><style>{_CSS}</style></head>"
            f"<body>{body}</body></html>\n"
        )

    def _title_html(self) -> str:
        intro = "".join(f"<p>{escape(line)}</p>" for line in self.intro_lines())
        return f"<h1>{escape(self.title)}</h1>{intro}{self.program_html()}{self._picture_tag(0)}"

    def _picture_tag(self, step: int) -> str:
        data = base64.b64encode(self.picture_png(step)).decode("ascii")
        alt = _("the graph after step {k}").format(k=step)
        return f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}">'

    @staticmethod
    def _html_section(inner: str, _index: int = 1) -> str:
        return f'<section class="page">{inner}<footer>{{page}}</footer></section>'


_CSS = (
    f"body{{font-family:{CSS_FONT_STACK},sans-serif;margin:0 auto;max-width:60em}}"
    ".page{padding:1.5em;border-bottom:1px solid #ccc;page-break-after:always}"
    "img{width:100%;height:auto;border:1px solid #ddd}"
    "footer{color:#777;text-align:center;font-size:small}"
)
