"""Handouts: the PDF opens in Poppler with one page per step plus the title page; HTML embeds
one picture per step; worksheets hide the gradients and end with the key; menu commands."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest

from gradflow import cli
from gradflow.core.engine import run
from gradflow.core.examples import load_example


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])


def _text(pdf, page: int) -> str:
    args = ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", text).replace("ﬁ", "fi")  # the PDF's ligatures


def test_pdf_has_a_title_page_and_one_page_per_step_that_poppler_renders(tmp_path, capsys):
    out = tmp_path / "walk.pdf"
    assert cli.main(["handout", "add-mul", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}: 10 steps\n"
    assert _pages(out) == 11
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(out), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 11
    assert all(p.stat().st_size > 2000 for p in pngs)  # pictures, not blank pages
    title = _text(out, 1)
    assert "(x + y) · z" in title
    assert "page 1 of 11" in title
    step6 = _text(out, 7)
    assert "Step 6/10 · backward through mul f" in step6
    assert "to q: upstream 1 (∂f/∂f) × local -4 = downstream -4 (∂f/∂q)" in step6
    assert "page 7 of 11" in step6


def test_steps_choose_the_pages(tmp_path):
    out = tmp_path / "part.pdf"
    assert cli.main(["handout", "gate-patterns", "--out", str(out), "--steps", "10-13"]) == 0
    assert _pages(out) == 5
    assert "Step 10/18" in _text(out, 2)


def test_a_worksheet_leaves_the_gradients_blank_and_ends_with_the_key(tmp_path):
    out = tmp_path / "sheet.pdf"
    assert cli.main(["handout", "gate-patterns", "--out", str(out), "--blank"]) == 0
    pages = _pages(out)
    assert pages > 19
    sheet = _text(out, 14)  # step 13: backward through mul p
    assert "fill in the gradients" in sheet
    assert "upstream ________ × local ________ = ________" in sheet
    assert "-20" not in sheet  # neither in the words nor on the picture's wires
    key = "".join(_text(out, k) for k in range(20, pages + 1))
    assert "Answer key" in key
    assert "upstream 5 (∂f/∂p) × local -4 (∂p/∂(copy x)[0]) = downstream -20" in " ".join(
        key.split()
    )


def test_html_is_one_file_with_one_embedded_picture_per_step(tmp_path):
    out = tmp_path / "walk.html"
    assert cli.main(["handout", "gate-patterns", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', html)
    n = len(run(load_example("gate-patterns")).trace)
    assert len(images) == n + 1  # the title page shows the graph too
    assert all(src.startswith("data:image/png;base64,iVBOR") for src in images)
    assert not re.search(r"(src|href)=\"(?!data:)", html)  # nothing outside the file
    assert html.count('<section class="page">') == n + 1
    assert "m = max(z, w)" in html  # the title page prints the graph's program
    assert f"page {n + 1} of {n + 1}" in html


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--out", "walk.txt"], "a handout is a .pdf or an .html file"),
        (["--out", "walk.pdf", "--steps", "40"], "out of range"),
        (["--out", "no/such/dir/walk.pdf"], "does not exist"),
    ],
)
def test_bad_requests_exit_2_with_one_line(tmp_path, capsys, monkeypatch, argv, says):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["handout", "add-mul", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert says in err


def test_file_menu_exports_a_walkthrough_and_a_worksheet(window, tmp_path):
    window.load_graph(load_example("add-mul"))
    targets = iter([str(tmp_path / "walk"), str(tmp_path / "sheet.html")])
    window.files.choose_save_path = lambda *_a: next(targets)
    window.menu_actions["export_walkthrough"].trigger()
    assert _pages(tmp_path / "walk.pdf") == 11
    window.menu_actions["export_worksheet"].trigger()
    assert "Answer key" in (tmp_path / "sheet.html").read_text(encoding="utf-8")
    assert window.statusBar().currentMessage() == "Wrote sheet.html"
    assert window.errors == []


def test_file_new_exercise_opens_the_generated_graph(window):
    window.teaching.ask_exercise = lambda: (3, 17)
    window.menu_actions["new_exercise"].trigger()
    assert window.document.graph.title == "Exercise 3.17: fan-out"
    assert window.document.path is None
    assert "Exercise 3.17" in window.windowTitle()


def test_a_korean_worksheet_key_reads_korean(tmp_path):
    """The key's heading and step titles were made inside f-strings, where Babel does not
    look: they stayed English in a Korean worksheet."""
    out = tmp_path / "sheet.html"
    assert cli.main(["--lang", "ko", "handout", "gate-patterns", "--out", str(out), "--blank"]) == 0
    html = out.read_text(encoding="utf-8")
    key = html.split("<h2>")[-1]
    assert key.startswith("정답</h2>")
    assert "<h3>13단계</h3>" in key
    assert "Answer key" not in html
    assert "<h3>Step " not in html
