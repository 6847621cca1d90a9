"""Snapshot tests of the inspector's "This step" HTML (approved files under tests/approved/)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.core.explain import explain_step
from gradflow.ui.player.explain_html import ROLE_COLOURS, explanation_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_explain_snapshots import check_approved


@pytest.mark.parametrize(
    ("name", "step"), [("tiny-mlp", 41), ("vector-l2", 8), ("sigmoid-neuron", 14)]
)
def test_inspector_html_matches_the_approved_html(qtbot, name: str, step: int) -> None:
    g = load_example(name)
    html = explanation_html(explain_step(run(g).trace, g, step - 1))
    check_approved(f"inspector-{name}-{step}.html", html.replace("><", ">\n<") + "\n")


def test_each_term_is_coloured_by_its_role(qtbot) -> None:
    g = load_example("add-mul")
    html = explanation_html(explain_step(run(g).trace, g, 6))
    for role, colour in ROLE_COLOURS.items():
        assert f'<span style="color:{colour}"><b>{role}</b>' in html


def test_the_outer_product_result_is_a_two_by_two_table(qtbot) -> None:
    g = load_example("vector-l2")
    html = explanation_html(explain_step(run(g).trace, g, 7))
    d_w = html.split("<b>to W</b>")[1].split("<b>to x</b>")[0]
    result = d_w.split("downstream")[1]
    assert result.count("<tr>") == 2  # 2 rows
    assert "0.088" in result
    assert "0.176" in result
    assert "0.104" in result
    assert "0.208" in result
