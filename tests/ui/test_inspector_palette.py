"""The inspector (formulas, tensors, undoable value edits) and the palette (every op, filter)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from gradflow.core.examples import load_example
from gradflow.core.ops import CATEGORIES, REGISTRY


def test_inspector_shows_the_selected_nodes_op_and_numbers(qtbot, add_mul):
    inspector = add_mul.inspector
    assert inspector.empty.isVisible()
    add_mul.scene.select_nodes(["f"])
    assert inspector.node_id == "f"
    assert inspector.formula.text() == REGISTRY["mul"].formula
    assert inspector.rule.text() == "∂/∂a = b, ∂/∂b = a"
    assert "swaps" in inspector.pattern.text()
    assert (inspector.value_text.text(), inspector.grad_text.text()) == ("-12", "1")
    assert not inspector.editor.isVisible()  # only inputs and consts are edited here
    add_mul.scene.select_nodes(["x", "y"])
    assert inspector.node_id is None


def test_tensors_show_as_heat_map_tables_and_edit_cell_by_cell(qtbot, window):
    window.load_graph(load_example("vector-l2"))
    window.scene.select_nodes(["W"])
    insp, doc = window.inspector, window.document
    assert insp.value_text.text() == "2×2"
    table = insp.value_table.table
    assert (table.rowCount(), table.columnCount()) == (2, 2)
    assert table.item(0, 1).text() == "0.5"
    red, blue = table.item(1, 1).background().color(), table.item(1, 0).background().color()
    assert red.red() == 255
    assert red.blue() < 255
    assert blue.blue() == 255
    assert blue.red() < 255
    old_f = float(doc.result.value("f"))
    insp.editor.table.item(0, 0).setText("1")
    assert np.array_equal(doc.graph.node("W").attrs["value"], [[1.0, 0.5], [-0.3, 0.8]])
    assert float(doc.result.value("f")) != old_f
    doc.undo_stack.undo()
    assert np.array_equal(doc.graph.node("W").attrs["value"], [[0.1, 0.5], [-0.3, 0.8]])


def test_a_bad_value_shows_a_message_and_changes_nothing(qtbot, window):
    window.load_graph(load_example("vector-l2"))
    window.scene.select_nodes(["x"])
    insp, doc = window.inspector, window.document
    count = doc.undo_stack.count()
    insp.editor.table.item(0, 1).setText("four")
    assert insp.error.text() == '"four" is not a number: the value was not changed'
    assert np.array_equal(doc.graph.node("x").attrs["value"], [0.2, 0.4])
    assert insp.editor.table.item(0, 1).text() == "0.4"
    assert doc.undo_stack.count() == count


def test_changing_the_shape_is_one_undoable_edit(qtbot, window):
    window.document.add_node("input", value=2.5)
    window.scene.select_nodes(["x1"])
    editor = window.inspector.editor
    editor.kind.setCurrentIndex(1)
    editor.rows.setValue(3)
    editor.kind.activated.emit(1)
    assert np.array_equal(window.document.graph.node("x1").attrs["value"], [2.5, 0.0, 0.0])
    assert editor.table.isVisibleTo(window.inspector)
    assert not editor.spin.isVisibleTo(window.inspector)
    window.document.undo_stack.undo()
    assert float(window.document.graph.node("x1").attrs["value"]) == 2.5


def test_constants_and_copy_outputs_are_edited_in_the_inspector(qtbot, window):
    doc = window.document
    doc.add_node("mul_const")
    window.scene.select_nodes(["mul_const1"])
    spin = window.inspector.c_spin
    spin.setValue(-3.0)
    spin.editingFinished.emit()
    assert doc.graph.node("mul_const1").attrs["c"] == -3.0
    doc.add_node("copy", pos=(0.0, 200.0))
    window.scene.select_nodes(["copy1"])
    window.inspector.outputs_spin.setValue(3)
    window.inspector.outputs_spin.editingFinished.emit()
    assert len(window.scene.node_item("copy1").outputs) == 3
    doc.undo_stack.undo()
    assert len(window.scene.node_item("copy1").outputs) == 2


def test_step_explanation_section(qtbot, window):
    insp = window.inspector
    insp.set_step_explanation("<b>mul</b> swaps: 3 × −4")
    assert insp.step.isVisibleTo(insp)
    assert "swaps" in insp.step.text()
    insp.set_step_explanation(None)
    assert not insp.step.isVisibleTo(insp)


def test_palette_lists_every_op_by_category_with_icon_and_tooltip(qtbot, window):
    tree = window.palette.tree
    heads = [tree.topLevelItem(i).text(0).lower() for i in range(tree.topLevelItemCount())]
    assert heads == list(CATEGORIES)
    names = [item.text(0) for item in tree.op_items()]
    assert sorted(names) == sorted(REGISTRY)
    for item in tree.op_items():
        op = REGISTRY[item.text(0)]
        assert item.parent().text(0).lower() == op.category
        assert item.toolTip(0) == op.description
        assert not item.icon(0).isNull()


def test_palette_filter_and_double_click(qtbot, window):
    palette = window.palette
    qtbot.keyClicks(palette.filter, "sigm")
    assert palette.visible_ops() == ["sigmoid"]
    qtbot.keyClick(palette.filter, Qt.Key.Key_Return)
    assert list(window.document.graph.nodes) == ["sigmoid1"]
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    x, y = window.document.graph.node("sigmoid1").pos
    assert abs(x - centre.x()) <= 10
    assert abs(y - centre.y()) <= 10
    palette.filter.clear()
    assert len(palette.visible_ops()) == len(REGISTRY)
    palette.tree.itemDoubleClicked.emit(palette.tree.op_item("relu"), 0)
    assert window.document.graph.node("relu1").pos == (x, y + 80)  # the spot was taken


def test_choosing_the_output_of_a_graph_with_two_ends(qtbot, add_mul):
    doc = add_mul.document
    doc.add_node("neg", pos=(300.0, 300.0))
    doc.set_output(None)
    doc.add_edge("q", "neg1")
    # the last-added end is used, and the status bar says so
    assert doc.result.notice is None
    assert doc.result.output == "neg1"
    assert add_mul.notice.text().startswith("ⓘ 2 ends and no output node named: using neg1")
    add_mul.scene.select_nodes(["f"])
    box = add_mul.inspector.is_output
    assert box.isVisibleTo(add_mul.inspector)
    assert not box.isChecked()
    box.click()
    assert doc.graph.output == "f"
    assert doc.result.output_note is None
    assert float(doc.result.grad("q")) == -4.0  # dF/dq = z, seeded at f now
    assert box.isChecked()
    doc.undo_stack.undo()
    assert doc.graph.output is None
    assert float(doc.result.grad("q")) == -1.0  # back to the guessed end neg1 = -q


def test_renaming_a_node_is_undoable_and_not_structural(qtbot, add_mul):
    window, doc = add_mul, add_mul.document
    window.workspace.set_playhead(3)
    window.scene.select_nodes(["x"])
    name = window.inspector.name
    assert name.text() == "x"
    name.setText("  learning rate ")
    name.editingFinished.emit()
    assert doc.graph.node("x").label == "learning rate"
    assert window.workspace.playhead == 3  # a name is not a structural edit
    assert "learning rate" in window.scene.node_item("x").toolTip()
    doc.undo_stack.undo()
    assert doc.graph.node("x").label == "x"
    assert name.text() == "x"
