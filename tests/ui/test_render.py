"""Tests for headless rendering: `gradflow render` and the PNGs it writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.ui.render import Renderer, RenderError, parse_step, render_png
from gradflow.ui.render_cli import main
from gradflow.ui.render_walk import render_frames, render_gif


def _pixels(path) -> bytes:
    img = QImage(str(path))
    assert not img.isNull()
    return bytes(img.convertToFormat(QImage.Format.Format_RGB32).constBits())


def test_render_writes_a_png_that_changes_with_the_step(qtbot, tmp_path) -> None:
    graph = load_example("add-mul")
    start = render_png(graph, tmp_path / "start.png", 0, (640, 360))
    end = render_png(graph, tmp_path / "end.png", "end", (640, 360))
    assert start.stat().st_size > 1000
    assert QImage(str(end)).size().toTuple() == (640, 360)
    assert _pixels(start) != _pixels(end)


def test_render_shows_the_state_at_that_step(qtbot, tmp_path) -> None:
    renderer = Renderer(load_example("add-mul"))
    renderer.image(5)
    edges = {f"{e.src}→{e.dst}": renderer.scene.edge_item(e) for e in renderer.document.graph.edges}
    assert edges["q→f"].value_label.text() == "3"
    assert edges["q→f"].grad_label.text() == ""
    renderer.image(renderer.total)
    assert edges["x→q"].grad_label.text() == "-4"
    assert edges["z→f"].grad_label.text() == "3"


def test_a_backward_step_render_shows_the_fan_out_sum(qtbot, tmp_path) -> None:
    renderer = Renderer(load_example("gate-patterns"))
    trace = renderer.document.result.trace
    copy_step = next(s.index for s in trace.backward if s.op == "copy") + 1
    renderer.image(copy_step)
    assert renderer.tag_texts == ["Σ = -12 + (-20) = -32"]
    renderer.image(renderer.total)
    assert renderer.tag_texts == []


def test_dark_theme_has_a_dark_background(qtbot, tmp_path) -> None:
    path = render_png(load_example("add-mul"), tmp_path / "dark.png", "end", (320, 200), "dark")
    corner = QImage(str(path)).pixelColor(2, 2)
    assert corner.lightness() < 80


def test_frames_one_png_per_step(qtbot, tmp_path) -> None:
    graph = load_example("add-mul")
    frames = render_frames(graph, tmp_path / "frames", (320, 200))
    assert [f.name for f in frames] == [f"frame_{k:03d}.png" for k in range(11)]
    assert len({_pixels(f) for f in frames}) >= 6  # most steps change the picture


def test_parse_step() -> None:
    assert parse_step("end", 10) == 10
    assert parse_step(None, 10) == 10
    assert parse_step("3", 10) == 3
    with pytest.raises(RenderError, match="out of range"):
        parse_step("11", 10)
    with pytest.raises(RenderError, match='must be a number or "end"'):
        parse_step("seven", 10)


def test_cli_renders_an_example(qtbot, tmp_path, capsys) -> None:
    out = tmp_path / "vector.png"
    code = main(["vector-l2", "--out", str(out), "--step", "7", "--size", "800x450"])
    assert code == 0
    assert QImage(str(out)).size().toTuple() == (800, 450)
    assert capsys.readouterr().out == f"wrote {out}\n"


def test_cli_writes_frames_too(qtbot, tmp_path, capsys) -> None:
    code = main(["add-mul", "--out", str(tmp_path / "a.png"), "--frames", str(tmp_path / "f")])
    assert code == 0
    assert len(list((tmp_path / "f").glob("frame_*.png"))) == 11
    assert "and 11 frames" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nope", "--out", "x.png"], 'no file or example named "nope"'),
        (["add-mul", "--out", "x.png", "--step", "99"], "--step 99 is out of range"),
        (["add-mul", "--out", "x.png", "--step", "two"], 'must be a number or "end"'),
        (["add-mul", "--out", "x.png", "--size", "big"], "size must look like 1280x720"),
        (["add-mul", "--out", "x.png", "--theme", "pink"], "invalid choice"),
        (["add-mul"], "say where to draw: --out PICTURE, --frames DIR or --gif FILE"),
        (["add-mul", "--out", "x.jpg"], "x.jpg: the picture must end in .png or .svg"),
        (["add-mul", "--out", "x.png", "--gif", "x.mp4"], "x.mp4: --gif needs a .gif file"),
        (["add-mul", "--out", "missing/dir/x.png"], "folder missing/dir does not exist"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(qtbot, tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("gradflow: error: ")
    assert message in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_render_runs_headless_in_a_fresh_process(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    out = tmp_path / "step5.png"
    code = "import sys; from gradflow.ui.render_cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, "add-mul", "--out", str(out), "--step", "5"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 1000
    assert "Traceback" not in done.stderr


def test_a_step_with_a_size_is_framed_like_the_players_camera(qtbot) -> None:
    from gradflow.ui.canvas.style import READABLE_PT

    renderer = Renderer(load_example("tiny-mlp"))
    k = 33  # a backward step deep in the graph
    framed = renderer.image(k, (800, 450))
    zoom = renderer.scene.focus.zoom  # the picture's scale, as the view's zoom would be
    node = renderer.document.result.trace.steps[k - 1].node
    shown = [lab for lab in renderer.scene.step_labels(node) if lab.text()]
    assert shown
    for label in shown:
        assert label.screen_pt(zoom) >= READABLE_PT - 1e-6  # readable, as in the window
    fitted = renderer.image(k, (800, 450), fit=True)
    assert renderer.scene.focus.zoom < zoom  # --fit shows the whole graph, smaller
    assert framed.size() == fitted.size()
    assert framed != fitted


@pytest.mark.parametrize(("name", "k"), [("tiny-mlp", 33), ("tiny-mlp", 5), ("gate-patterns", 12)])
def test_render_step_shows_the_rect_the_players_camera_shows(qtbot, window, name, k) -> None:
    """`render --step k --size WxH` draws the scene rectangle the window's view shows when
    the player's camera frames step k in a viewport of W x H."""
    window.resize(1280, 800)
    window.load_graph(load_example(name))
    window.player.driver.animate = False
    window.camera.duration_ms = 0
    view = window.view
    qtbot.waitUntil(lambda: view.viewport().width() > 500)
    view.look_at(window.scene.items_rect().center(), 0.2)  # far out: the camera must move
    window.player.controller.seek(k)
    assert window.workspace.explained_step == k
    port = view.viewport().rect()
    seen = view.mapToScene(port).boundingRect()
    renderer = Renderer(load_example(name))
    size = (port.width(), port.height())
    renderer.image(k, size)
    drawn, camera = renderer.source_rect(size)
    assert camera
    assert abs(drawn.width() - seen.width()) < 2
    assert abs(drawn.height() - seen.height()) < 2
    assert abs(drawn.center().x() - seen.center().x()) < 2, (drawn, seen)
    assert abs(drawn.center().y() - seen.center().y()) < 2, (drawn, seen)
    assert renderer.scene.focus.zoom == pytest.approx(view.zoom())


def test_svg_png_by_extension_caption_and_gif(qtbot, tmp_path) -> None:
    from PIL import Image

    graph = load_example("add-mul")
    svg = render_png(graph, tmp_path / "s.svg", 7, (800, 450))
    assert svg.read_text().lstrip().startswith("<?xml")
    assert "<svg" in svg.read_text()
    plain = QImage(str(render_png(graph, tmp_path / "a.png", 7, (800, 450))))
    captioned = QImage(str(render_png(graph, tmp_path / "b.png", 7, (800, 450), caption=True)))
    assert plain.size().toTuple() == (800, 450)
    assert captioned.width() == 800
    assert captioned.height() > 450  # the caption band under the picture
    with pytest.raises(RenderError, match=r"must end in \.png or \.svg"):
        render_png(graph, tmp_path / "c.jpg", 7)
    gif = render_gif(graph, tmp_path / "walk.gif", (320, 180))
    with Image.open(gif) as im:
        assert im.format == "GIF"
        assert im.n_frames == len(run(graph).trace) + 1  # one frame per step, and step 0
        assert im.size[0] == 320
        assert im.size[1] > 180  # captioned
    frames = render_frames(graph, tmp_path / "frames", (320, 180))
    heights = {QImage(str(f)).height() for f in frames}
    assert len(heights) == 1  # one size for every frame
    assert heights.pop() > 180  # captioned


def test_cli_gif_and_svg(qtbot, tmp_path, capsys) -> None:
    from PIL import Image

    gif, svg = tmp_path / "walk.gif", tmp_path / "step.svg"
    assert main(["add-mul", "--out", str(svg), "--step", "7", "--gif", str(gif)]) == 0
    assert capsys.readouterr().out == f"wrote {svg}\nwrote {gif}\n"
    assert "<svg" in svg.read_text()
    with Image.open(gif) as im:
        assert im.n_frames == 11


def test_a_korean_render_tags_the_step_in_korean(tmp_path) -> None:
    """`gradflow --lang ko render|handout` made its own QApplication without Qt's Korean
    texts: the max gate's tag read "max routes → z; w gets 0" in a Korean handout."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    code = (
        "from gradflow.core import i18n; i18n.set_language('ko')\n"
        "from gradflow.core.examples import load_example\n"
        "from gradflow.ui.render import Renderer\n"
        "r = Renderer(load_example('gate-patterns')); r.image(12); print(r.tag_texts)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['max gate는 z(으)로 보냄, w은(는) 0을 받음']"
