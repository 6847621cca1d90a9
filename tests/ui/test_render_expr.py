"""ui: `gradflow render --expr` draws a typed program (needs Qt, so it lives with the ui tests)."""

from __future__ import annotations

LECTURE = "x = -2; y = 5; z = -4; f = (x + y) * z"


def test_render_takes_a_program(qtbot, tmp_path, capsys):
    from gradflow.ui.render_cli import main

    png = tmp_path / "f.png"
    assert main(["--expr", LECTURE, "--out", str(png), "--size", "640x360"]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
