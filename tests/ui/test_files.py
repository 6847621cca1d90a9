"""Files: save and open round trip, the unsaved-changes prompt, broken files, export."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from gradflow.core.examples import example_names, list_examples, load_example
from gradflow.core.fileformat import dumps, load
from gradflow.ui.settings import open_settings, recent_files

Button = QMessageBox.StandardButton


def test_save_and_open_round_trip(qtbot, add_mul, tmp_path):
    window, doc = add_mul, add_mul.document
    doc.set_attr("x", "value", 1.5)
    assert window.isWindowModified()
    path = tmp_path / "story.gflow"
    window.files.choose_save_path = lambda *a: str(tmp_path / "story")  # no extension typed
    assert window.menu_actions["save"].isEnabled()
    window.menu_actions["save"].trigger()
    assert path.is_file()
    assert not doc.modified
    assert not window.isWindowModified()
    assert window.windowTitle() == "story.gflow[*] — gradflow"
    saved = dumps(doc.graph)
    assert dumps(load(path)) == saved
    window.files.new()
    assert len(doc.graph) == 0
    assert window.files.open_path(str(path))
    assert dumps(doc.graph) == saved
    assert float(doc.result.value("f")) == -26.0
    assert recent_files(open_settings()) == [str(path)]
    assert [a.text() for a in window.files.recent_menu.actions()] == ["story.gflow"]


def test_unsaved_changes_prompt(qtbot, add_mul, tmp_path):
    window, doc = add_mul, add_mul.document
    doc.add_node("neg")
    asked: list[int] = []
    answers = iter([Button.Cancel, Button.Save, Button.Discard])

    def ask() -> Button:
        asked.append(1)
        return next(answers)

    window.files.ask_save_changes = ask
    before = dumps(doc.graph)
    window.files.new()  # Cancel: nothing happens
    assert dumps(doc.graph) == before
    assert doc.modified
    window.files.choose_save_path = lambda *a: str(tmp_path / "kept.gflow")
    window.files.new()  # Save: written, then replaced
    assert dumps(load(tmp_path / "kept.gflow")) == before
    assert len(doc.graph) == 0
    doc.add_node("neg")
    assert window.close()  # Discard: the window closes
    assert asked == [1, 1, 1]
    assert not window.isVisible()


def test_closing_with_changes_can_be_cancelled(qtbot, add_mul):
    add_mul.document.add_node("neg")
    add_mul.files.ask_save_changes = lambda: Button.Cancel
    assert add_mul.close() is False
    assert add_mul.isVisible()
    add_mul.files.ask_save_changes = lambda: Button.Discard


def test_a_broken_file_shows_one_message_and_keeps_the_graph(qtbot, add_mul, tmp_path):
    window, doc = add_mul, add_mul.document
    bad = tmp_path / "bad.gflow"
    bad.write_text('{"format": "gradflow", "version": 1, "nodes": [{"id": "a", "op": "mull"}]}')
    before = dumps(doc.graph)
    assert not window.files.open_path(str(bad))
    assert window.errors == ['bad.gflow: nodes[0].op: unknown op "mull" (did you mean "mul"?)']
    assert dumps(doc.graph) == before
    assert doc.undo_stack.count() == 0
    assert not doc.modified


def test_examples_open_from_the_menu(qtbot, window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    examples = next(a.menu() for a in menu.actions() if a.text() == "Open &Example")
    assert examples.actions() == []  # filled when first opened, not at start-up
    examples.aboutToShow.emit()  # what the menu sends as it opens (a popup grabs the keyboard)
    names = [a.text() for a in examples.actions()]
    assert names == example_names()  # every bundled example, in lecture order
    tips = dict(list_examples())
    assert all(a.toolTip() == tips[a.text()] and a.toolTip() for a in examples.actions())
    examples.aboutToShow.emit()  # opened again: each example listed once
    assert [a.text() for a in examples.actions()] == names
    examples.actions()[names.index("sigmoid-neuron")].trigger()
    assert window.document.graph.title == "A 2-D sigmoid neuron"
    assert abs(float(window.document.result.value("f")) - 0.7310585786) < 1e-9
    assert window.document.path is None


def test_export_png_and_svg(qtbot, add_mul, tmp_path):
    window = add_mul
    png, svg = tmp_path / "g.png", tmp_path / "g.svg"
    window.files.choose_save_path = lambda *a: str(png)
    assert window.files.export_image("png")
    image = QImage(str(png))
    assert image.width() > 400
    assert image.height() > 200
    window.files.choose_save_path = lambda *a: str(svg)
    assert window.files.export_image("svg")
    text = svg.read_text()
    assert text.startswith("<?xml")
    assert "<svg" in text
    assert ">-12<" in text
    window.scene.select_nodes(["x"])
    window.files.choose_save_path = lambda *a: str(png)
    assert window.files.export_image("png")
    small = QImage(str(png))
    assert small.width() < image.width()
    assert window.scene.selected_node_ids() == ["x"]  # the selection survives export
    assert window.errors == []


def test_save_as_suggests_a_file_name_from_the_title(qtbot, add_mul, tmp_path):
    asked: list[str] = []

    def choose(title, filter_text, suggested):
        asked.append(suggested)
        return None  # the user cancels

    add_mul.files.choose_save_path = choose
    assert not add_mul.files.save()
    assert asked == ["(x + y) · z.gflow"]
    graph = load_example("add-mul")
    graph.title = "a/b: c?"
    add_mul.load_graph(graph)
    add_mul.files.save_as()
    assert asked[-1] == "a-b- c.gflow"
    assert add_mul.document.path is None
