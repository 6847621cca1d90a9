"""Big graphs in `gradflow render`: the default size is capped, and past the overview
threshold the graph is drawn from positions (no canvas items), with a note."""

from __future__ import annotations

from PySide6.QtGui import QImage

from gradflow.core.graph import Graph
from gradflow.ui import render
from gradflow.ui.render_cli import main


def _column(n: int) -> Graph:
    """A chain laid out top to bottom: the tall shape that made 200,000-pixel PNGs."""
    g = Graph()
    g.add_node("input", "x0", value=1.0, pos=(0.0, 0.0))
    for i in range(1, n):
        g.add_node("neg", f"x{i}", pos=(0.0, 120.0 * i))
        g.connect(f"x{i - 1}", f"x{i}")
    return g


def test_the_default_size_of_a_tall_graph_is_capped():
    w, h = render._natural_size(300.0, 1_000_000.0)
    assert render.MAX_DEFAULT_SIDE - 1 <= h <= render.MAX_DEFAULT_SIDE
    assert 16 <= w < 300
    assert render._natural_size(400.0, 300.0) == (880, 680)  # small graphs as before


def test_a_graph_past_the_threshold_is_an_overview(qtbot, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(render, "OVERVIEW_NODES", 50)
    made: list[object] = []
    monkeypatch.setattr(render, "Renderer", lambda *a, **k: made.append(a))  # not used
    from gradflow.core.fileformat import save

    path = tmp_path / "tall.gflow"
    save(_column(400), path)
    assert main([str(path), "--out", str(tmp_path / "o.png")]) == 0
    assert made == []
    img = QImage(str(tmp_path / "o.png"))
    assert render.MAX_DEFAULT_SIDE - 1 <= img.height() <= render.MAX_DEFAULT_SIDE
    colours = {img.pixel(img.width() // 2, y) for y in range(0, img.height(), 7)}
    assert len(colours) > 2  # background, wire and node boxes were drawn
    err = capsys.readouterr().err
    assert "400 nodes, drawn as an overview without numbers" in err


def test_frames_of_a_huge_graph_are_refused_in_one_line(qtbot, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(render, "OVERVIEW_NODES", 50)
    from gradflow.core.fileformat import save

    path = tmp_path / "tall.gflow"
    save(_column(60), path)
    code = main([str(path), "--out", str(tmp_path / "o.png"), "--frames", str(tmp_path / "f")])
    assert code == 2
    assert capsys.readouterr().err.startswith("gradflow: error: --frames draws every step")
    assert not (tmp_path / "o.png").exists()  # refused before anything was written
