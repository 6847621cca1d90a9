"""Tests for core/chain_text.py: the lecture's words for every backward step."""

from __future__ import annotations

import re

import pytest

from gradflow.core.chain import chain_at
from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.core.explain import explain_step
from gradflow.core.naming import Namer

LECTURE = ("sigmoid-neuron", "gate-patterns", "vector-l2", "tiny-mlp")


def _backward(name: str):
    g = load_example(name)
    trace = run(g).trace
    return g, trace, [explain_step(trace, g, s.index) for s in trace.backward]


@pytest.mark.parametrize("name", LECTURE)
def test_no_text_calls_a_contribution_the_gradient(name: str) -> None:
    g, trace, steps = _backward(name)
    namer = Namer(g, trace)
    seen = 0
    for exp in steps:
        for link, sentence in zip(exp.chain.links, exp.sentences[len(exp.head) :], strict=False):
            if link.contribution is None:
                continue
            seen += 1
            grad = namer.d(namer.port(link.to, link.edge.src_port))
            before_sum = sentence.split("; all ")[0]
            assert grad not in before_sum, sentence
            assert f"({link.contribution[0]} of {link.contribution[1]})" in sentence
            item = next(i for i in exp.caption.split("; ") if " gets " in i and link.to in i)
            assert grad not in item.split(", so ")[0], exp.caption
    assert seen or name in ("sigmoid-neuron", "vector-l2")


def test_tiny_mlp_x2_reads_as_two_contributions_then_their_sum() -> None:
    _g, _trace, steps = _backward("tiny-mlp")
    captions = {e.node: e.caption for e in steps}
    assert "x2 gets 0 × 0.6 = 0 from (w22·x2) (1 of 2)" in captions["m22"]
    assert (
        "x2 gets 0.816 × (-0.3) = -0.245 from (w12·x2) (2 of 2), "
        "so ∂loss/∂x2 = 0 + (-0.245) = -0.245: copy adds"
    ) in captions["m12"]
    assert captions["x2"].endswith(
        "backward: x2's gradient is complete: ∂loss/∂x2 = 0 + (-0.245) = -0.245: copy adds · "
        "x2 is data: its gradient ∂loss/∂x2 tells how the output would change with x2 "
        "(gradient descent does not change it)"
    )


def test_the_seed_step_says_the_output_gradient_is_one() -> None:
    _g, _trace, steps = _backward("sigmoid-neuron")
    assert steps[0].sentences[0] == "the output's gradient with respect to itself is 1: ∂f/∂f = 1"
    assert "the output's gradient with respect to itself is 1" in steps[0].caption
    assert not any("itself" in e.caption for e in steps[1:])


@pytest.mark.parametrize("name", LECTURE)
def test_every_backward_step_reads_upstream_times_local(name: str) -> None:
    _g, _trace, steps = _backward(name)
    for exp in steps:
        if exp.chain.links:
            assert "upstream × local = downstream" in exp.caption
            for sentence in exp.sentences[len(exp.head) : len(exp.head) + len(exp.chain.links)]:
                assert re.search(r"upstream .* local .* = downstream ", sentence) or re.search(
                    r"local .* upstream .* = downstream ", sentence
                ), sentence


def test_parameters_and_data_say_what_their_gradient_is_for() -> None:
    g, trace, steps = _backward("sigmoid-neuron")
    leaf = {e.node: e for e in steps if not e.chain.links}
    assert (
        "w0 is trainable: gradient descent uses its gradient ∂f/∂w0 = -0.197"
        in (leaf["w0"].sentences[-1])
    )
    assert (
        leaf["x0"]
        .sentences[-1]
        .startswith(
            "x0 is data: its gradient ∂f/∂x0 = 0.393 tells how the output would change with x0"
        )
    )
    w0 = next(s.index for s in trace.backward if s.node == "w0")
    with_lr = explain_step(trace, g, w0, lr=0.1)
    assert with_lr.sentences[-1].endswith("w0 ← w0 − lr · ∂f/∂w0 = 2 − 0.1 · (-0.197) = 2.02")


def test_a_max_tie_says_the_first_input_gets_the_gradient() -> None:
    g = load_example("gate-patterns")
    g.set_attr("w", "value", 2.0)
    trace = run(g).trace
    mx = next(s.index for s in trace.backward if s.op == "max")
    exp = explain_step(trace, g, mx)
    assert (
        "z and w tie: max is not differentiable there; gradflow sends the whole gradient to "
        "the first input, z"
    ) in exp.sentences
    assert "z and w tie" in exp.caption
    assert chain_at(trace, g, mx).links[1].downstream == 0


def test_relu_at_zero_names_the_convention() -> None:
    g = load_example("tiny-mlp")
    g.set_attr("b2", "value", 1.6)  # a2 = z2 + b2 = -1.6 + 1.6 = 0
    trace = run(g).trace
    h2 = next(s.index for s in trace.backward if s.node == "h2")
    exp = explain_step(trace, g, h2)
    assert any("ReLU is not differentiable there" in s for s in exp.sentences), exp.sentences


def test_a_gate_without_a_pattern_names_its_local_gradient() -> None:
    """sigmoid and exp say which local gradient the product uses; add and mul keep their pattern."""
    _g, _trace, steps = _backward("sigmoid-neuron")
    captions = {e.node: e.caption for e in steps}
    assert "backward through reciprocal f · local gradient ∂/∂x = −1/x² ·" in captions["f"]
    exp_step = next(c for c in captions.values() if "backward through exp" in c)
    assert "local gradient ∂/∂x = eˣ · upstream × local = downstream" in exp_step
    assert not any("local gradient times upstream" in c for c in captions.values())
    assert any("· add distributes ·" in c for c in captions.values())
    assert any("· mul swaps ·" in c for c in captions.values())
    _g, _trace, chain6 = _backward("vanishing-sigmoid")
    assert "local gradient ∂/∂x = σ(x)(1 − σ(x))" in chain6[0].caption


def test_the_local_gradient_a_step_names_is_in_the_interface_language(korean) -> None:
    """The caption's rule reads as the inspector's does (it was left in English)."""
    g = load_example("tiny-mlp")
    trace = run(g).trace
    h2 = next(s.index for s in trace.backward if s.node == "h2")
    caption = explain_step(trace, g, h2).caption
    assert "local gradient는 ∂/∂x = x > 0이면 1, 아니면 0" in caption, caption
    assert "if x > 0 else" not in caption
