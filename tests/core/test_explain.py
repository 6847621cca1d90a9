"""Tests for core/explain.py: captions and chain-rule sentences with the lecture's numbers."""

from __future__ import annotations

import re

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.core.explain import caption_at, explain_step, forward_sentence, plural
from gradflow.core.graph import Graph
from gradflow.core.jacobian import local_jacobian
from gradflow.core.trace import Trace


def add_mul() -> Graph:
    """f = (x + y) · z at x=-2, y=5, z=-4."""
    g = Graph()
    for nid, v in (("x", -2.0), ("y", 5.0), ("z", -4.0)):
        g.add_node("input", nid, value=v)
    g.add_node("add", "q")
    g.add_node("mul", "f")
    g.connect("x", "q", dst_port=0)
    g.connect("y", "q", dst_port=1)
    g.connect("q", "f", dst_port=0)
    g.connect("z", "f", dst_port=1)
    return g


def sigmoid_neuron() -> Graph:
    """f = 1/(1+e^-(w0·x0 + w1·x1 + w2)) at the lecture's numbers."""
    g = Graph()
    for nid, v in (("w0", 2.0), ("x0", -1.0), ("w1", -3.0), ("x1", -2.0), ("w2", -3.0)):
        g.add_node("input", nid, value=v)
    g.add_node("mul", "m0")
    g.add_node("mul", "m1")
    g.add_node("add", "s0")
    g.add_node("add", "s1")
    g.add_node("neg", "n")
    g.add_node("exp", "e")
    g.add_node("add_const", "a", c=1.0)
    g.add_node("reciprocal", "f")
    g.connect("w0", "m0", dst_port=0)
    g.connect("x0", "m0", dst_port=1)
    g.connect("w1", "m1", dst_port=0)
    g.connect("x1", "m1", dst_port=1)
    g.connect("m0", "s0", dst_port=0)
    g.connect("m1", "s0", dst_port=1)
    g.connect("s0", "s1", dst_port=0)
    g.connect("w2", "s1", dst_port=1)
    g.connect("s1", "n")
    g.connect("n", "e")
    g.connect("e", "a")
    g.connect("a", "f")
    return g


def gate_patterns() -> Graph:
    """f = (x·y + max(z, w)) · 2 with y copied to feed two gates: add, mul, copy and max."""
    g = Graph()
    for nid, v in (("x", 3.0), ("y", -4.0), ("z", 2.0), ("w", -1.0)):
        g.add_node("input", nid, value=v)
    g.add_node("copy", "c", outputs=2)
    g.add_node("mul", "m")
    g.add_node("max", "mx")
    g.add_node("add", "s")
    g.add_node("mul", "f")
    g.connect("y", "c")
    g.connect("x", "m", dst_port=0)
    g.connect("c", "m", src_port=0, dst_port=1)
    g.connect("z", "mx", dst_port=0)
    g.connect("w", "mx", dst_port=1)
    g.connect("m", "s", dst_port=0)
    g.connect("mx", "s", dst_port=1)
    g.connect("s", "f", dst_port=0)
    g.connect("c", "f", src_port=1, dst_port=1)
    return g


def vector_l2() -> Graph:
    """f = ||W x||² with W 2×2 and x a 2-vector."""
    g = Graph()
    g.add_node("input", "W", value=[[0.1, 0.5], [-0.3, 0.8]])
    g.add_node("input", "x", value=[0.2, 0.4])
    g.add_node("matmul", "q")
    g.add_node("square", "sq")
    g.add_node("sum", "f")
    g.connect("W", "q", dst_port=0)
    g.connect("x", "q", dst_port=1)
    g.connect("q", "sq")
    g.connect("sq", "f")
    return g


GRAPHS = {
    "add-mul": add_mul,
    "sigmoid-neuron": sigmoid_neuron,
    "gate-patterns": gate_patterns,
    "vector-l2": vector_l2,
}


def _explain_all(graph: Graph) -> list:
    trace = run(graph).trace
    return [explain_step(trace, graph, i) for i in range(len(trace))]


def test_add_mul_forward_sentences_have_the_numbers() -> None:
    g = add_mul()
    trace = run(g).trace
    assert forward_sentence(trace.forward[3], g) == "q = x + y = -2 + 5 = 3"
    assert forward_sentence(trace.forward[4], g) == "f = q · z = 3 · (-4) = -12"
    assert explain_step(trace, g, 3).caption == (
        "Step 4/10 · forward through add q: q = x + y = -2 + 5 = 3"
    )


def test_add_mul_backward_chain_rule_sentences() -> None:
    g = add_mul()
    trace = run(g).trace
    mul_step = explain_step(trace, g, 5)
    assert mul_step.caption == (
        "Step 6/10 · backward through mul f · mul swaps · the output's gradient with respect "
        "to itself is 1 · upstream × local = downstream: to q 1 × (-4) = -4; to z 1 × 3 = 3"
    )
    assert mul_step.sentences == (
        "the output's gradient with respect to itself is 1: ∂f/∂f = 1",
        "to q: upstream 1 (∂f/∂f) × local -4 = downstream -4 (∂f/∂q)",
        "to z: upstream 1 (∂f/∂f) × local 3 = downstream 3 (∂f/∂z)",
    )
    assert mul_step.pattern.startswith("mul swaps")
    add_step = explain_step(trace, g, 6)
    assert (
        "to x: upstream -4 (∂f/∂q) × local 1 (∂q/∂x) = downstream -4 (∂f/∂x)" in add_step.sentences
    )
    assert (
        "to y: upstream -4 (∂f/∂q) × local 1 (∂q/∂y) = downstream -4 (∂f/∂y)" in add_step.sentences
    )
    assert add_step.pattern.startswith("add distributes")


def test_sigmoid_neuron_sentences_match_the_lecture() -> None:
    g = sigmoid_neuron()
    steps = _explain_all(g)
    text = [s for e in steps for s in e.sentences]
    assert "f = 1/a = 1/1.37 = 0.731" in text
    assert "to a: upstream 1 (∂f/∂f) × local -0.534 = downstream -0.534 (∂f/∂a)" in text
    assert "to n: upstream -0.534 (∂f/∂e) × local 0.368 (∂e/∂n) = downstream -0.197 (∂f/∂n)" in text
    assert "to s1: upstream -0.197 (∂f/∂n) × local -1 (∂n/∂s1) = downstream 0.197 (∂f/∂s1)" in text
    assert (
        "to w0: upstream 0.197 (∂f/∂m0) × local -1 (∂m0/∂w0) = downstream -0.197 (∂f/∂w0)" in text
    )
    assert "to x0: upstream 0.197 (∂f/∂m0) × local 2 (∂m0/∂x0) = downstream 0.393 (∂f/∂x0)" in text
    assert "to x1: upstream 0.197 (∂f/∂m1) × local -3 (∂m1/∂x1) = downstream -0.59 (∂f/∂x1)" in text
    assert "n = −s1 = −1" in text  # never 'n = −s1 = −1 = -1': no sentence restates itself


def test_copy_adds_and_max_routes() -> None:
    g = gate_patterns()
    trace = run(g).trace
    by_node = {
        e.node: e
        for e in (explain_step(trace, g, i) for i in range(len(trace)))
        if e.phase == "backward"
    }
    copy = by_node["c"]
    # m's contribution (-10) came back first, then f's (-12): summed in arrival order
    assert "∂f/∂c = -10 + (-12) = -22: copy adds" in copy.sentences
    assert [f.text() for f in copy.fan_in] == ["Σ = -10 + (-12) = -22"]
    assert copy.pattern.startswith("copy adds")
    mx = by_node["mx"]
    assert mx.routes == (True, False)
    assert "max routes the whole upstream gradient to z (the larger input); w gets 0" in (
        mx.sentences
    )
    assert "to w: upstream -4 (∂f/∂mx) × local 0 (∂mx/∂w) = downstream 0 (∂f/∂w)" in mx.sentences


def test_implicit_fan_out_gathers_and_sums() -> None:
    g = Graph()
    g.add_node("input", "x", value=3.0)
    g.add_node("square", "s")
    g.add_node("mul", "f")
    g.connect("x", "s")
    g.connect("x", "f", dst_port=0)
    g.connect("s", "f", dst_port=1)
    trace = run(g).trace
    leaf = explain_step(trace, g, len(trace) - 1)
    assert leaf.node == "x"
    # f = x · x²: df/dx = x² (via f) + x · 2x (via s) = 9 + 18
    # f steps back first (it is the output), so its 9 arrives before s's 18
    assert [f.text() for f in leaf.fan_in] == ["Σ = 9 + 18 = 27"]
    assert leaf.fan_in[0].sources == ("f", "s")
    assert leaf.sentences[0] == "∂f/∂x = 9 + 18 = 27: copy adds"


def test_vector_step_shows_shapes_tables_and_jacobian() -> None:
    g = vector_l2()
    trace = run(g).trace
    mm = next(e for e in _explain_all(g) if e.phase == "backward" and e.node == "q")
    # vectors are columns: dW = dq xᵀ is an outer product, 2×1 · 1×2 = 2×2
    assert (
        "to W: upstream [0.44; 0.52] (∂f/∂q) · local [0.2, 0.4] (xᵀ) = downstream "
        "[[0.088, 0.176], [0.104, 0.208]] (∂f/∂W), 2×1 · 1×2 = 2×2" in mm.sentences
    )
    assert (
        "to x: local [[0.1, -0.3], [0.5, 0.8]] (Wᵀ) · upstream [0.44; 0.52] (∂f/∂q) = "
        "downstream [-0.112; 0.636] (∂f/∂x), 2×2 · 2×1 = 2×1" in mm.sentences
    )
    assert "a gradient has the shape of its variable: ∂f/∂W is 2×2, like W" in mm.notes
    d_w = mm.chain.links[0]
    np.testing.assert_allclose(d_w.downstream, 2 * np.outer([0.22, 0.26], [0.2, 0.4]))
    jac = {j.label: j.matrix for j in mm.jacobians}
    np.testing.assert_allclose(jac["∂q/∂x"], [[0.1, 0.5], [-0.3, 0.8]])
    np.testing.assert_allclose(jac["∂q/∂W"], [[0.2, 0.4, 0, 0], [0, 0, 0.2, 0.4]])
    assert trace.steps[mm.index].node == "q"


def test_jacobian_matches_finite_differences() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, 3)), rng.normal(size=(3,))
    out = (a @ b,)
    jac = local_jacobian("matmul", (a, b), out, {}, port=0)
    eps = 1e-6
    numeric = np.empty((2, 6))
    for j in range(6):
        d = np.zeros(6)
        d[j] = eps
        numeric[:, j] = ((a + d.reshape(2, 3)) @ b - (a - d.reshape(2, 3)) @ b) / (2 * eps)
    np.testing.assert_allclose(jac, numeric, atol=1e-8)
    assert local_jacobian("matmul", (np.ones((5, 5)), np.ones(5)), (np.ones(5),), {}, 0) is None


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_every_step_has_an_explanation_with_numbers(name: str) -> None:
    g = GRAPHS[name]()
    trace = run(g).trace
    for i in range(len(trace)):
        e = explain_step(trace, g, i)
        assert e.caption.startswith(f"Step {i + 1}/{len(trace)} · ")
        assert bool(e.pattern) == (e.phase == "backward")  # the gate pattern: backward only
        assert e.sentences
        assert all(re.search(r"\d", s) for s in e.sentences), e.sentences


def test_caption_at_the_ends() -> None:
    g = add_mul()
    trace = run(g).trace
    assert caption_at(trace, g, 0).startswith("Step 0/10 · nothing computed yet")
    assert caption_at(trace, g, None) == "Whole run shown · 10 steps (5 forward, 5 backward)"
    assert caption_at(trace, g, 10) == explain_step(trace, g, 9).caption
    assert caption_at(None, g, 3).startswith("Nothing to play yet")


@pytest.mark.parametrize("name", ["add-mul", "sigmoid-neuron", "gate-patterns", "vector-l2"])
def test_every_step_of_the_bundled_example_is_explained(name: str) -> None:
    g = load_example(name)
    trace = run(g).trace
    captions = [explain_step(trace, g, i).caption for i in range(len(trace))]
    assert len(set(captions)) == len(captions)
    for i in range(len(trace)):
        e = explain_step(trace, g, i)
        assert all(re.search(r"\d", s) for s in e.sentences), e.sentences


def test_labels_that_are_formulas_are_named_as_the_canvas_shows_them() -> None:
    g = load_example("gate-patterns")  # labels like "copy x", "p = x·y", "m = max(z, w)"
    trace = run(g).trace
    copy = next(s.index for s in trace.backward if s.op == "copy")
    assert explain_step(trace, g, copy).caption.endswith(
        "backward through (copy x) · copy adds · ∂f/∂(copy x) = -12 + (-20) = -32 · "
        "upstream × local = downstream: to x -32 × 1 = -32"
    )
    g = load_example("sigmoid-neuron")  # "w·x + w2" and "−z": shown whole, never the ids
    trace = run(g).trace
    neg = next(s.index for s in trace.backward if s.op == "neg")
    assert (
        "to (w·x + w2): upstream -0.197 (∂f/∂(−z)) × local -1 (∂(−z)/∂(w·x + w2))"
        " = downstream 0.197 (∂f/∂(w·x + w2))"
    ) in explain_step(trace, g, neg).sentences
    exp = next(s.index for s in trace.forward if s.op == "exp")
    assert explain_step(trace, g, exp).sentences[0] == "(e^−z) = exp(−z) = exp(-1) = 0.368"
    for step in range(len(trace)):  # no id the canvas hides appears in any caption
        caption = explain_step(trace, g, step).caption
        for hidden in ("m0", "m1", "s0", "dot", "plus1"):
            assert not re.search(rf"\b{hidden}\b", caption), caption


def test_duplicate_names_use_ids() -> None:
    g = Graph()
    g.add_node("input", "a", value=1.0, label="v")
    g.add_node("input", "b", value=2.0, label="v")
    g.add_node("add", "s", label="s = v + v")
    g.connect("a", "s", dst_port=0)
    g.connect("b", "s", dst_port=1)
    trace = run(g).trace
    assert forward_sentence(trace.forward[2], g) == "s = a + b = 1 + 2 = 3"


def test_step_counts_are_pluralised() -> None:
    assert [plural(n, "step") for n in (0, 1, 2)] == ["0 steps", "1 step", "2 steps"]
    g = Graph()
    g.add_node("input", "x", value=2.0)
    one = Trace(run(g).trace.forward, 1)  # a run of a single (forward) step
    assert caption_at(one, g, None) == "Whole run shown · 1 step (1 forward, 0 backward)"
    g.add_node("copy", "c", outputs=1)
    g.connect("x", "c")
    trace = run(g).trace
    assert forward_sentence(trace.forward[1], g) == "c copies x = 2 to 1 output"
    assert caption_at(trace, g, None) == "Whole run shown · 4 steps (2 forward, 2 backward)"


def unlabelled_chain() -> Graph:
    """exp(−x1) with no labels: ids x1, neg1, exp1 name the ops themselves."""
    g = Graph()
    x = g.add_node("input", value=2.0)
    n = g.add_node("neg")
    e = g.add_node("exp")
    g.connect(x, n)
    g.connect(n, e)
    assert (x, n, e) == ("x1", "neg1", "exp1")
    return g


def test_unlabelled_nodes_do_not_repeat_the_op_name() -> None:
    g = unlabelled_chain()
    trace = run(g).trace
    captions = [explain_step(trace, g, i).caption for i in range(len(trace))]
    assert captions[0] == "Step 1/6 · forward: x1 = 2 (trainable input)"
    assert captions[1] == "Step 2/6 · forward through neg1: neg1 = −x1 = −2"
    assert captions[4].startswith("Step 5/6 · backward through neg1 · local gradient ∂/∂x = −1 ·")
    assert captions[5].startswith("Step 6/6 · backward: x1's gradient is complete · x1")
    sentences = [s for i in range(len(trace)) for s in explain_step(trace, g, i).sentences]
    for text in captions + sentences:
        assert not re.search(r"\b(input|neg|exp) \1\d", text), text


def test_a_name_that_is_the_op_or_starts_with_it_is_said_once() -> None:
    g = add_mul()  # named nodes keep the op (and a leaf its kind) in front of the name
    trace = run(g).trace
    assert explain_step(trace, g, 0).caption == "Step 1/10 · forward: x = -2 (trainable input)"
    assert explain_step(trace, g, 9).caption.startswith("Step 10/10 · backward: x's gradient")
    g = load_example("sigmoid-neuron")  # nodes are named by their labels, as drawn
    trace = run(g).trace
    captions = [explain_step(trace, g, i).caption for i in range(len(trace))]
    assert "Step 10/26 · forward through neg (−z): (−z) = −(w·x + w2) = −1" in captions
    assert any(c.startswith("Step 16/26 · backward through exp (e^−z) ·") for c in captions)
    assert any(c.startswith("Step 18/26 · backward through add (w·x + w2) ·") for c in captions)
    assert any(c.startswith("Step 22/26 · backward: w2's gradient is complete") for c in captions)
    for name in GRAPHS:  # no caption of any test graph says its op twice in a row
        g = GRAPHS[name]()
        trace = run(g).trace
        for i in range(len(trace)):
            caption, op = explain_step(trace, g, i).caption, trace.steps[i].op
            assert not re.search(rf"\b{op} {op}", caption), caption


def test_forward_steps_show_the_formula_not_the_backward_pattern() -> None:
    g = add_mul()
    trace = run(g).trace
    fwd, back = explain_step(trace, g, 3), explain_step(trace, g, 6)
    assert (fwd.phase, fwd.pattern, fwd.sentences) == ("forward", "", ("q = x + y = -2 + 5 = 3",))
    assert back.phase == "backward"
    assert back.pattern.startswith("add distributes")
