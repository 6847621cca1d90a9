"""Hostile input in the window: File > Open and Paste of every class of bad graph text
show one message and change nothing; no exception escapes a slot (a sys.excepthook set
here fails the test on any); overflow is shown on the node."""

from __future__ import annotations

import json
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication

from gradflow.core import limits
from gradflow.core.fileformat import dumps
from gradflow.core.graph import Graph
from gradflow.ui.clipboard import GRAPH_MIME
from gradflow.ui.errors import install_last_resort

HOSTILE_TEXTS = [
    '{"format": "gradflow", "version": 1, "nodes": [{"id": "x", "op": "input", "pos": [1'
    + "0" * 400
    + ", 0]}]}",
    '{"format": "gradflow", "version": 1, "nodes": [{"id": "a", "op": "add_const", "c": 1'
    + "0" * 400
    + "}]}",
    '{"format": "gradflow", "version": 1, "nodes": [{"id": "\\u001b[2J", "op": "input"}]}',
    '{"format": "gradflow", "version": 1, "nodes": [{"id": "x", "op": "input", '
    '"label": "\\ud800"}]}',
    '{"format": "gradflow", "version": 2, "version": 1, "nodes": []}',
    '{"format": "gradflow", "version": 1, "nodes": ' + "[" * 50_000 + "]" * 50_000 + "}",
]


def _broadcast(n: int) -> str:
    return json.dumps(
        {
            "format": "gradflow",
            "version": 1,
            "nodes": [
                {"id": "a", "op": "input", "value": [[1.0]] * n},
                {"id": "b", "op": "input", "value": [[1.0] * n]},
                {"id": "s", "op": "add"},
            ],
            "edges": [{"from": "a", "to": "s"}, {"from": "b", "to": "s", "to_port": 1}],
        }
    )


@pytest.fixture
def no_escapes(monkeypatch):
    """Fail on any exception that leaves a Qt slot."""
    escaped: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: escaped.append(value))
    yield escaped
    assert escaped == []


GUI = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@GUI
@given(text=st.sampled_from([*HOSTILE_TEXTS, _broadcast(4000)]))
def test_open_of_a_hostile_file_is_one_message(add_mul, no_escapes, tmp_path, text):
    before = dumps(add_mul.document.graph)
    path = tmp_path / "bad.gflow"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    add_mul.errors.clear()
    assert add_mul.files.open_path(str(path)) is False
    assert len(add_mul.errors) == 1
    assert "\n" not in add_mul.errors[0]
    assert add_mul.errors[0].startswith("bad.gflow: ")
    assert add_mul.errors[0].count("bad.gflow") == 1
    assert add_mul.errors[0].isprintable()
    assert dumps(add_mul.document.graph) == before


@GUI
@given(text=st.sampled_from([*HOSTILE_TEXTS, _broadcast(4000)]))
def test_paste_of_hostile_text_is_one_message(add_mul, no_escapes, text):
    from PySide6.QtCore import QMimeData

    data = QMimeData()
    data.setData(GRAPH_MIME, text.encode("utf-8", "surrogatepass"))
    QApplication.clipboard().setMimeData(data)
    count = add_mul.document.undo_stack.count()
    assert add_mul.edit.paste() == []
    message = add_mul.statusBar().currentMessage()
    assert message.startswith("Cannot paste: ")
    assert message.isprintable()
    assert add_mul.document.undo_stack.count() == count


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_open_of_a_special_path_says_what_it_is(add_mul, no_escapes, tmp_path, kind):
    if kind == "directory":
        path, reason = tmp_path / "d.gflow", "is a directory"
        path.mkdir()
    elif kind == "fifo":
        path, reason = tmp_path / "p.gflow", "named pipe"
        os.mkfifo(path)  # opening it for reading would block the window
    else:
        path, reason = "/dev/zero", "device"
    assert add_mul.files.open_path(str(path)) is False
    assert reason in add_mul.errors[-1]


def test_memory_running_out_in_a_slot_is_one_message(window, no_escapes, monkeypatch):
    def no_memory(path):
        raise MemoryError

    monkeypatch.setattr("gradflow.ui.file_actions.load", no_memory)
    assert window.files.open_path("/tmp/anything.gflow") is False
    assert window.errors == ["anything.gflow: there is not enough memory for it"]


def test_the_last_resort_turns_a_memory_error_anywhere_into_a_message(window, no_escapes):
    shown: list[str] = []
    install_last_resort(shown.append)  # over the test's hook, which sees anything else
    sys.excepthook(MemoryError, MemoryError(), None)
    assert shown == ["The last action was not completed: there is not enough memory for it"]


def test_the_element_limit_is_a_preference_that_persists(
    qtbot, window, make_window, no_escapes, monkeypatch
):
    monkeypatch.setattr(limits, "_max_elements", limits.DEFAULT_MAX_ELEMENTS)
    window.limits.ask = lambda current: 3
    window.menu_actions["element_limit"].trigger()
    assert limits.max_elements() == 3
    assert int(window.settings.value("max_elements")) == 3
    g = Graph()
    with pytest.raises(Exception, match="over the limit of 3"):
        g.add_node("input", "v", value=[1.0, 2.0, 3.0, 4.0])
    limits.set_max_elements(10**7)
    other = make_window(show=False)  # a new window restores the saved limit
    assert limits.max_elements() == 3
    other.close()


def test_overflow_to_inf_and_nan_is_shown_on_the_node(window, no_escapes):
    g = Graph()
    g.add_node("input", "x", value=1000.0, pos=(0.0, 0.0))
    g.add_node("exp", "e", pos=(200.0, 0.0))
    g.connect("x", "e")
    window.load_graph(g)
    item = window.scene.node_item("e")
    assert item.problem == "not finite: value inf"  # its own gradient is the seed 1
    assert "not finite: value inf" in item.toolTip()
    assert window.scene.node_item("x").problem == "not finite: gradient inf"


def test_a_limit_given_on_the_command_line_wins_over_the_preference(
    qtbot, make_window, monkeypatch
):
    monkeypatch.setattr(limits, "_max_elements", limits.DEFAULT_MAX_ELEMENTS)
    monkeypatch.setattr(limits, "_pinned", False)
    first = make_window(show=False)
    first.limits.set_limit(5)  # the saved preference
    limits.set_max_elements(77, pin=True)  # what `gradflow open --max-elements 77` does
    make_window(show=False)  # a second window starts with the pinned limit
    assert limits.max_elements() == 77
