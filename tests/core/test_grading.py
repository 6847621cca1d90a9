"""Grading: full marks for the engine's own numbers; each kind of mistake named as such."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.core.examples import load_example
from gradflow.core.grade_report import folder_csv, grade_json, grade_lines
from gradflow.core.grading import (
    AnswersError,
    close_enough,
    grade,
    grade_folder,
    parse_answers,
)
from gradflow.core.report import run_json


def _answers_from_run(name: str) -> dict:
    graph = load_example(name)
    nodes = run_json(graph, run(graph))["nodes"]
    return {
        "values": {k: v["value"] for k, v in nodes.items()},
        "grads": {k: v["grad"] for k, v in nodes.items() if v["grad"] is not None},
    }


@pytest.mark.parametrize("name", ["add-mul", "gate-patterns", "sigmoid-neuron", "vector-l2"])
def test_the_engines_own_numbers_score_full_marks(name):
    g = grade(load_example(name), parse_answers(json.dumps(_answers_from_run(name))))
    assert g.score == g.total > 0
    assert all(v.status == "correct" for n in g.nodes for _k, v in n.items())


def test_add_mul_asks_each_computed_value_and_every_gradient():
    g = grade(load_example("add-mul"), {"values": {}, "grads": {}})
    asked = {(n.node, kind) for n in g.nodes for kind, _v in n.items()}
    assert asked == {("q", "value"), ("f", "value")} | {(n, "grad") for n in "xyzqf"}
    assert (g.score, g.total) == (0, 7)


def test_each_kind_of_mistake_is_reported_as_such():
    answers = _answers_from_run("vector-l2")
    answers["values"]["q"] = [0.22, 999]  # a wrong value
    answers["grads"]["x"] = [0.1, 0.2]  # a wrong gradient
    del answers["grads"]["sq"]  # a missing node
    answers["grads"]["W"] = [0.088, 0.176, 0.104, 0.208]  # the right numbers, wrong shape
    answers["values"]["f"] = float("nan")
    answers["values"]["sq"] = "0.0484"  # a string
    g = grade(load_example("vector-l2"), parse_answers(json.dumps(answers)))
    by = {n.node: n for n in g.nodes}
    assert (by["q"].value.status, by["q"].value.problem) == ("wrong", None)
    assert (by["x"].grad.status, by["x"].grad.problem) == ("wrong", None)
    assert by["sq"].grad.status == "missing"
    assert by["W"].grad.status == "wrong"
    assert by["W"].grad.problem == "wrong shape: a vector of 4, expected a 2×2 matrix"
    assert (by["f"].value.status, by["f"].value.problem) == ("wrong", "NaN")
    assert (by["sq"].value.status, by["sq"].value.problem) == ("wrong", "not a number: a string")
    assert (g.score, g.total) == (2, 8)  # q, sq, f values; W, x, q, sq, f grads
    data = grade_json(g)
    assert data["nodes"]["W"] == {
        "grad": "wrong",
        "problems": {"grad": "wrong shape: a vector of 4, expected a 2×2 matrix"},
    }
    assert data["nodes"]["sq"]["grad"] == "missing"
    assert all("expected" not in entry for entry in data["nodes"].values())


def test_expected_numbers_only_with_reveal():
    answers = {"values": {"q": 3, "f": -11}, "grads": {"x": -4}}
    g = grade(load_example("add-mul"), answers)
    hidden, shown = "\n".join(grade_lines(g)), "\n".join(grade_lines(g, reveal=True))
    assert "-12" not in hidden
    assert "wrong (expected -12)" in shown
    assert grade_lines(g)[-1] == "score 2/7"
    assert grade_json(g, reveal=True)["nodes"]["f"]["expected"] == {"value": -12.0, "grad": 1.0}


def test_tolerance_is_relative_with_a_floor_at_zero():
    assert close_enough(np.float64(0.197), np.float64(0.19661), 1e-2)
    assert not close_enough(np.float64(0.19), np.float64(0.19661), 1e-2)
    assert close_enough(np.float64(1e-6), np.float64(0.0), 1e-2)
    assert not close_enough(np.float64(0.01), np.float64(0.0), 1e-2)
    assert not close_enough(np.ones(2), np.ones(3), 1e-2)
    g = grade(load_example("add-mul"), {"values": {"f": -12.5}, "grads": {}}, tolerance=0.05)
    assert g.score == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"values": {', "not valid JSON: Expecting property name enclosed in double quotes"),
        ("[1, 2]", 'expected an object {"values": {...}, "grads": {...}}'),
        ('{"values": [1]}', "values: expected an object of node: answer"),
        ('{"value": {}}', 'value: unknown key (an answers file has "values" and "grads")'),
    ],
)
def test_malformed_answers_name_the_problem(text, message):
    with pytest.raises(AnswersError) as err:
        parse_answers(text)
    assert message in str(err.value)


def test_an_unknown_node_is_located():
    with pytest.raises(AnswersError, match=r'grads\.qq: no node "qq" in the graph'):
        grade(load_example("add-mul"), {"values": {}, "grads": {"qq": 1}})


def test_a_folder_gives_one_row_per_file_and_a_csv(tmp_path):
    (tmp_path / "kim.json").write_text(json.dumps(_answers_from_run("add-mul")))
    (tmp_path / "lee.json").write_text('{"values": {"q": 3}}')
    (tmp_path / "park.json").write_text("{oops")
    (tmp_path / "notes.txt").write_text("not an answers file")
    files = grade_folder(load_example("add-mul"), tmp_path)
    assert [f.name for f in files] == ["kim.json", "lee.json", "park.json"]
    assert [(f.grade.score, f.grade.total) for f in files[:2]] == [(7, 7), (1, 7)]
    assert files[2].grade is None
    assert files[2].error.startswith("not valid JSON")
    rows = folder_csv(files).splitlines()
    assert rows[0] == "file,score,total,error,grad x,grad y,grad z,value q,grad q,value f,grad f"
    assert rows[1] == "kim.json,7,7,," + ",".join(["correct"] * 7)
    assert rows[2].startswith("lee.json,1,7,,missing,missing,missing,correct,missing")


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(AnswersError, match=r"no answers files \(\*\.json\)"):
        grade_folder(load_example("add-mul"), tmp_path)
