"""Opening a big file names each pass in a progress dialog; a small one shows nothing."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication

from gradflow.ui import open_progress
from gradflow.ui.open_progress import OpenProgress


def _chain_file(path, n: int) -> str:
    nodes = [{"id": "x0", "op": "input", "value": 1.0}]
    nodes += [{"id": f"x{i}", "op": "neg"} for i in range(1, n)]
    edges = [{"from": f"x{i - 1}", "to": f"x{i}"} for i in range(n - 1, 0, -1)]
    doc = {"format": "gradflow", "version": 1, "nodes": nodes, "edges": edges}
    path.write_text(json.dumps(doc))
    return str(path)


def _recorded(monkeypatch) -> list:
    seen: list = []
    step = OpenProgress.step

    def spy(self, done, text):
        step(self, done, text)  # then: is it on screen while the pass runs?
        seen.append((done, text, self.dialog is not None and self.dialog.isVisible()))

    monkeypatch.setattr(OpenProgress, "step", spy)
    return seen


def test_a_big_file_shows_each_pass_then_nothing(window, tmp_path, monkeypatch):
    monkeypatch.setattr(open_progress, "BIG_FILE", 1000)  # 60 nodes count as big here
    seen = _recorded(monkeypatch)
    path = _chain_file(tmp_path / "chain.gflow", 60)
    assert window.files.open_path(path, ask=False)
    assert [(d, t) for d, t, _shown in seen] == [
        (0, "Reading chain.gflow…"),
        (1, "Laying out 60 nodes…"),
        (2, "Running the graph and drawing it…"),
    ]
    assert all(shown for _d, _t, shown in seen)  # on screen while each pass ran
    assert QApplication.overrideCursor() is None  # the wait cursor is gone
    assert len(window.document.graph) == 60
    assert all(n.pos is not None for n in window.document.graph)


def test_a_small_file_or_a_refused_one_leaves_no_dialog(window, tmp_path, monkeypatch):
    seen = _recorded(monkeypatch)
    assert window.files.open_path(_chain_file(tmp_path / "small.gflow", 5), ask=False)
    assert all(not shown for _d, _t, shown in seen)
    monkeypatch.setattr(open_progress, "BIG_FILE", 10)
    bad = tmp_path / "bad.gflow"
    bad.write_text('{"format": "gradflow", "version": 1, "nodes": [{"id": "a"}]}')
    before = len(window.document.graph)
    assert not window.files.open_path(str(bad), ask=False)
    assert window.errors  # one message
    assert QApplication.overrideCursor() is None
    assert len(window.document.graph) == before
