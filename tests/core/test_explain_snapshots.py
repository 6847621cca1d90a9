"""Snapshot tests: the caption, sentences and `gradflow trace` text of chosen steps.

The approved files under tests/approved/ were read by eye once; a change to the wording
shows up here as a diff. To approve a new wording: GRADFLOW_APPROVE=1 pytest this file,
then read the files it wrote before committing them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.core.explain import explain_step
from gradflow.core.report import trace_lines

APPROVED = Path(__file__).resolve().parents[1] / "approved"
# (example, 1-based step): the seed, a contribution that completes a sum, an input whose
# gradient is that sum, a copy gate, max routing, the outer product with its Jacobian
STEPS = (
    ("sigmoid-neuron", 14),
    ("sigmoid-neuron", 25),
    ("tiny-mlp", 41),
    ("tiny-mlp", 52),
    ("gate-patterns", 12),
    ("gate-patterns", 14),
    ("vector-l2", 8),
)


def check_approved(name: str, text: str) -> None:
    """Compare `text` with the approved file `name` (or write it, when approving)."""
    path = APPROVED / name
    if os.environ.get("GRADFLOW_APPROVE"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no approved file {path}: run with GRADFLOW_APPROVE=1 and read it"
    assert text == path.read_text(encoding="utf-8")


def explanation_text(name: str, step: int) -> str:
    """Caption, sentences and notes of one step, one per line."""
    g = load_example(name)
    exp = explain_step(run(g).trace, g, step - 1)
    lines = [exp.caption, "", *(f"- {s}" for s in exp.sentences)]
    lines += [f"* {n}" for n in exp.notes]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("name", "step"), STEPS)
def test_explanation_matches_the_approved_text(name: str, step: int) -> None:
    check_approved(f"explain-{name}-{step}.txt", explanation_text(name, step))


@pytest.mark.parametrize("name", ["add-mul", "gate-patterns", "vector-l2"])
def test_trace_text_matches_the_approved_text(name: str) -> None:
    g = load_example(name)
    check_approved(f"trace-{name}.txt", "\n".join(trace_lines(run(g), g)) + "\n")
