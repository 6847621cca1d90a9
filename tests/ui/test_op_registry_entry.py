"""An op is one registry entry: a throw-away op registered in one place works everywhere.

The op `shift` (y = x + k, attribute k) is registered here and nowhere else; the engine,
the scalar fast path, the file format, the palette, the inspector and the explanations
all know it. A second test checks that no module outside the registry asks for an op by
its name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from gradflow.core import op_rules
from gradflow.core.engine import run
from gradflow.core.explain import explain_step
from gradflow.core.fileformat import dumps, loads
from gradflow.core.graph import Graph
from gradflow.core.op_spec import Attr, Op, ScalarRule
from gradflow.core.ops import REGISTRY, registered

SHIFT = Op(
    "shift", "experiments", "+k", ("x",),
    lambda ins, a: (ins[0] + a["k"],), op_rules.same_shape,
    "x + k", "∂/∂x = 1", "shift passes the upstream gradient through unchanged.",
    "Adds the constant k (a test op).",
    local=op_rules.const_local(lambda a: 1.0),
    schema=(Attr("k", "number", 0.5, "Shift k"),),
    scalar=ScalarRule(lambda a, b, c: a + c, lambda a, b, y, c: (1.0, 0.0)),
    template="{0} ⊕ {c}", syntax=("shift({0}, {k})",),
)  # fmt: skip


@pytest.fixture
def shift():
    with registered(SHIFT) as op:
        yield op
    assert "shift" not in REGISTRY


def _graph() -> Graph:
    g = Graph()
    g.add_node("input", "x", value=2.0)
    g.add_node("shift", "s", k=1.5)
    g.add_node("mul", "f")
    g.connect("x", "s")
    g.connect("s", "f")
    g.connect("x", "f", 0, 1)
    return g


def test_the_engine_and_the_scalar_path_run_it(shift):
    g = _graph()
    fast, slow = run(g), run(g, fast=False)
    assert float(fast.value("s")) == float(slow.value("s")) == 3.5
    assert float(fast.grad("x")) == float(slow.grad("x")) == 2.0 + 3.5  # x + (x + k)
    assert fast.trace is not None
    assert len(fast.trace) == len(slow.trace) == 6
    wide = Graph()
    wide.add_node("input", "x", value=[1.0, -1.0])
    wide.add_node("shift", "s")
    wide.connect("x", "s")
    np.testing.assert_array_equal(run(wide).value("s"), [1.5, -0.5])


def test_files_save_and_load_it_with_its_attribute_checked(shift):
    text = dumps(_graph())
    assert '"op": "shift", "k": 1.5' in text
    again = loads(text)
    assert again.node("s").attrs["k"] == 1.5
    with pytest.raises(Exception, match=r"nodes\[1\].k: k must be a number"):
        loads(text.replace('"k": 1.5', '"k": "big"'))


def test_explanations_read_it(shift):
    g = _graph()
    trace = run(g).trace
    forward = explain_step(trace, g, 1)
    assert forward.sentences[0] == "s = x ⊕ 1.5 = 2 ⊕ 1.5 = 3.5"
    back = next(
        explain_step(trace, g, i)
        for i in range(trace.n_forward, len(trace))
        if trace.steps[i].node == "s"
    )
    assert back.pattern == SHIFT.pattern
    assert any("upstream 2 (∂f/∂s) × local 1 (∂s/∂x) = downstream 2" in t for t in back.sentences)


def test_the_palette_and_the_inspector_show_it(qtbot, shift, make_window):
    win = make_window()
    item = win.palette.tree.op_item("shift")
    assert item.parent().text(0) == "Experiments"
    assert item.toolTip(0) == SHIFT.description
    win.load_graph(_graph())
    win.scene.select_nodes(["s"])
    insp = win.inspector
    assert insp.formula.text() == "x + k"
    spin = insp.c_spin
    assert spin.isVisible()
    assert insp.form.labelForField(spin).text() == "Shift k"
    assert spin.value() == 1.5
    spin.setValue(-1.0)
    spin.editingFinished.emit()
    assert win.document.graph.node("s").attrs["k"] == -1.0
    assert float(win.document.result.value("s")) == 1.0
    win.document.undo_stack.undo()
    assert win.document.graph.node("s").attrs["k"] == 1.5


OUTSIDE_REGISTRY = ("ops.py", "ops_gates.py", "ops_layers.py", "op_rules.py", "op_math.py")


def _op_name_comparisons(path: Path) -> list[str]:
    """`x == "copy"`, `op in ("input", "const")`, `name != "matmul"`: comparisons with op names."""
    names = set(REGISTRY)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        subject = ast.unparse(node.left)
        if "op" not in subject and "name" not in subject:
            continue
        for right in node.comparators:
            items = right.elts if isinstance(right, (ast.Tuple, ast.List, ast.Set)) else [right]
            if any(isinstance(i, ast.Constant) and i.value in names for i in items):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_outside_the_registry_branches_on_an_op_name():
    package = Path(__file__).resolve().parents[2] / "gradflow"
    found = [
        hit
        for path in sorted(package.rglob("*.py"))
        if path.name not in OUTSIDE_REGISTRY
        for hit in _op_name_comparisons(path)
    ]
    assert found == []


def test_the_expression_language_writes_and_reads_it(shift):
    from gradflow.core.expression import build, formula, same_structure, to_program

    g = build("x = 2; s = shift(x, 1.5); f = s * x")
    assert g.node("s").op == "shift"
    assert g.node("s").attrs["k"] == 1.5
    assert "s = shift(x, 1.5)" in to_program(g)
    assert same_structure(build(to_program(g)), g)
    assert formula(g, "f") == "f = shift(x, 1.5) * x"
