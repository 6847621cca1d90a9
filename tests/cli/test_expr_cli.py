"""`gradflow build`, `export-expr` and `--expr`: programs on the command line, .gfx examples."""

from __future__ import annotations

import json

import pytest

from gradflow import cli
from gradflow.core.examples import example_names, examples_dir, load_example
from gradflow.core.expr_source import file_graph
from gradflow.core.expression import build, same_structure
from gradflow.core.fileformat import load

LECTURE = "x = -2; y = 5; z = -4; f = (x + y) * z"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_then_run_prints_the_lectures_numbers(capsys, tmp_path):
    out_file = tmp_path / "f.gflow"
    code, out, _ = _run(capsys, "build", LECTURE, "--out", str(out_file))
    assert code == 0
    assert out == f"wrote {out_file}: 5 nodes, output f\n"
    graph = load(out_file)
    assert all(n.pos is not None for n in graph)
    code, out, _ = _run(capsys, "run", str(out_file), "--json")
    nodes = json.loads(out)["nodes"]
    got = {k: (v["value"], v["grad"]) for k, v in nodes.items()}
    assert got == {
        "x": (-2.0, -4.0), "y": (5.0, -4.0), "z": (-4.0, 3.0), "add1": (3.0, -4.0),
        "f": (-12.0, 1.0),
    }  # fmt: skip
    code, out, _ = _run(capsys, "run", str(out_file))
    assert out.splitlines()[-1].split() == ["f", "(output)", "mul", "-12", "1"]


def test_a_bad_program_is_one_line_with_line_and_column_and_exit_2(capsys, tmp_path):
    code, out, err = _run(capsys, "build", "x = 2\nf = sigmod(x)", "--out", str(tmp_path / "g"))
    assert code == 2
    assert out == ""
    assert err == (
        'gradflow: error: line 2, col 5: unknown function "sigmod" (did you mean "sigmoid"?)\n'
    )
    assert not (tmp_path / "g").exists()
    program = tmp_path / "bad.gfx"
    program.write_text("x = 2\nf = x +\n", encoding="utf-8")
    for command in ("run", "trace", "check", "build"):
        argv = [command, str(program)] + (
            ["--out", str(tmp_path / "h")] if command == "build" else []
        )
        code, _, err = _run(capsys, *argv)
        assert code == 2
        assert err.startswith("gradflow: error: bad.gfx:2:8: syntax error")
        assert err.count("\n") == 1


@pytest.mark.parametrize("command", ["run", "trace", "check"])
def test_expr_works_wherever_a_graph_is_taken(capsys, command, tmp_path):
    code, out, _ = _run(capsys, command, "--expr", LECTURE, "--json")
    assert code == 0
    assert json.loads(out)
    program = tmp_path / "lecture.gfx"
    program.write_text(LECTURE.replace("; ", "\n") + "\n", encoding="utf-8")
    assert _run(capsys, command, "--expr", str(program), "--json")[1] == out
    assert _run(capsys, command, str(program), "--json")[1] == out


def test_expr_and_a_target_together_or_neither_are_refused(capsys):
    code, _, err = _run(capsys, "run", "add-mul", "--expr", LECTURE)
    assert (code, err) == (
        2,
        "gradflow: error: give either FILE|EXAMPLE or --expr PROGRAM, not both\n",
    )
    code, _, err = _run(capsys, "run")
    assert (code, err) == (2, "gradflow: error: give a FILE|EXAMPLE or --expr PROGRAM\n")


def test_open_reports_a_bad_program_before_any_window(capsys):
    code, _, err = _run(capsys, "open", "--expr", "f = nope + 1")
    assert code == 2
    assert err == 'gradflow: error: line 1, col 5: unknown name "nope"\n'


def test_export_expr_prints_a_program_that_builds_the_same_graph(capsys, tmp_path):
    for name in example_names():
        code, out, _ = _run(capsys, "export-expr", name)
        assert code == 0
        assert same_structure(build(out), load_example(name)), name
    code, _, _ = _run(capsys, "export-expr", "add-mul", "--out", str(tmp_path / "a.gfx"))
    assert code == 0
    assert same_structure(file_graph(tmp_path / "a.gfx"), load_example("add-mul"))


@pytest.mark.parametrize("name", example_names())
def test_every_bundled_example_has_a_program_that_builds_the_same_graph(name):
    program = examples_dir() / f"{name}.gfx"
    graph = build(program.read_text(encoding="utf-8"))
    example = load_example(name)
    assert same_structure(graph, example)
    assert (graph.title, graph.description) == (example.title, example.description)
