"""The gradflow command: what each subcommand prints, its exit codes, and its error lines."""

from __future__ import annotations

import dataclasses
import functools
import json
import operator
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from gradflow import cli
from gradflow.core.examples import example_names, load_example
from gradflow.core.fileformat import save

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_examples_lists_names_and_descriptions(capsys):
    code, out, _ = _run(capsys, "examples")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == example_names()
    code, out, _ = _run(capsys, "examples", "--json")
    listed = json.loads(out)
    assert listed[0] == {"name": "add-mul", "description": load_example("add-mul").description}


def test_run_prints_an_aligned_table(capsys):
    code, out, err = _run(capsys, "run", "add-mul")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["node", "op", "value", "gradient"]
    assert lines[1].split() == ["x", "input", "-2", "-4"]
    assert lines[5].split() == ["f", "(output)", "mul", "-12", "1"]
    assert len({line.index("op") for line in lines[:1]} | {lines[1].index("input")}) == 1


def test_run_json_has_every_node_value_and_gradient(capsys):
    code, out, _ = _run(capsys, "run", "add-mul", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["output"] == "f"
    assert data["nodes"]["q"] == {"op": "add", "value": 3.0, "grad": -4.0}
    assert data["nodes"]["z"] == {"op": "input", "value": -4.0, "grad": 3.0}
    data = json.loads(_run(capsys, "run", "vector-l2", "--json")[1])
    grad_w = data["nodes"]["W"]["grad"]
    assert [len(row) for row in grad_w] == [2, 2]
    assert functools.reduce(operator.iadd, grad_w, []) == pytest.approx(
        [0.088, 0.176, 0.104, 0.208]
    )
    data = json.loads(_run(capsys, "run", "tiny-mlp", "--json")[1])
    assert data["nodes"]["t"] == {"op": "const", "value": 0.5, "grad": None}
    data = json.loads(_run(capsys, "run", "gate-patterns", "--json")[1])
    assert data["nodes"]["c"]["grad"] == -32.0  # a copy's gradient sums its outputs'


def test_trace_numbers_every_step_forward_then_backward(capsys):
    code, out, _ = _run(capsys, "trace", "add-mul")
    lines = out.splitlines()
    assert code == 0
    assert len(lines) == 10
    assert lines[0] == " 1  forward: x = -2 (trainable input)"
    assert lines[3] == " 4  forward through add q: q = x + y = -2 + 5 = 3"
    assert lines[5] == (
        " 6  backward through mul f · mul swaps · the output's gradient with respect to itself "
        "is 1 · upstream × local = downstream: to q 1 × (-4) = -4; to z 1 × 3 = 3"
    )
    assert lines[6] == (
        " 7  backward through add q · add distributes · upstream × local = downstream: "
        "to x -4 × 1 = -4; to y -4 × 1 = -4"
    )
    assert lines[9].startswith("10  backward: x's gradient is complete · x is trainable")


def test_trace_text_is_the_player_caption(capsys):
    from gradflow.core.engine import run
    from gradflow.core.examples import load_example
    from gradflow.core.explain import explain_step

    out = _run(capsys, "trace", "tiny-mlp")[1].splitlines()
    g = load_example("tiny-mlp")
    trace = run(g).trace
    for i, line in enumerate(out):
        caption = explain_step(trace, g, i).caption
        assert line.split("  ", 1)[1].strip() == caption.split(" · ", 1)[1]


def test_trace_json_shape(capsys):
    data = json.loads(_run(capsys, "trace", "gate-patterns", "--json")[1])
    steps = data["steps"]
    assert data["output"] == "f"
    assert [s["index"] for s in steps] == list(range(1, 19))
    assert steps[4] == {
        "index": 5,
        "phase": "forward",
        "node": "c",
        "op": "copy",
        "inputs": [{"from": "x", "value": 3.0}],
        "value": 3.0,
    }
    copy = next(s for s in steps if s["phase"] == "backward" and s["node"] == "c")
    assert copy["upstream"] == [{"from": "p", "grad": -20.0}, {"from": "s", "grad": -12.0}]
    assert copy["grad"] == -32.0
    assert copy["local"] == [None]
    assert copy["downstream"] == [{"to": "x", "port": 0, "grad": -32.0}]
    seed = steps[9]
    assert seed["node"] == "f"
    assert seed["upstream"] == [{"from": None, "grad": 1.0}]


def test_check_exits_0_when_gradients_match(capsys):
    code, out, _ = _run(capsys, "check", "sigmoid-neuron")
    assert code == 0
    assert out.splitlines()[-1].startswith("all 3 inputs match")  # w0, w1, w2: x0, x1 are data
    data = json.loads(_run(capsys, "check", "vector-l2", "--json")[1])
    assert data["ok"] is True
    assert [n["node"] for n in data["nodes"]] == ["W", "x"]


def test_check_exits_1_on_a_mismatch(capsys, monkeypatch):
    from gradflow.core import ops

    spec = ops.REGISTRY["square"]  # vector-l2 runs on the numpy path, which uses it
    wrong = dataclasses.replace(spec, local=lambda i, o, a: (i[0],))
    monkeypatch.setitem(ops.REGISTRY, "square", wrong)  # type: ignore[arg-type]
    code, out, _ = _run(capsys, "check", "vector-l2")
    assert code == 1
    assert "MISMATCH" in out
    assert "do not match" in out.splitlines()[-1]


def test_a_file_path_works_like_an_example(capsys, tmp_path):
    path = tmp_path / "mine.gflow"
    save(load_example("add-mul"), path)
    assert (
        _run(capsys, "run", str(path), "--json")[1] == _run(capsys, "run", "add-mul", "--json")[1]
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "no-such-example"], 'no file or example named "no-such-example"'),
        (["trace", "missing.gflow"], "no such file: missing.gflow"),
        (["check", "BROKEN"], 'broken.gflow: nodes[0].op: unknown op "mull" (did you mean "mul"?)'),
        (["run"], "give a FILE|EXAMPLE or --expr PROGRAM"),
        (["run", "add-mul", "--bogus"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "invalid choice"),
        (["run", "ENDS"], "choose the output node"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(capsys, tmp_path, argv, message):
    broken = tmp_path / "broken.gflow"
    broken.write_text('{"format": "gradflow", "version": 1, "nodes": [{"id": "a", "op": "mull"}]}')
    ends = tmp_path / "ends.gflow"
    ends.write_text(
        '{"format": "gradflow", "version": 1, "nodes": [{"id": "a", "op": "input"},'
        ' {"id": "b", "op": "input"}]}'
    )
    argv = [{"BROKEN": str(broken), "ENDS": str(ends)}.get(a, a) for a in argv]
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("gradflow: error: ")
    assert message in err


def test_open_and_bare_gradflow_launch_the_gui_lazily(capsys, monkeypatch):
    launched = []
    fake = types.ModuleType("gradflow.app")
    fake.launch = lambda target, language=None: launched.append((target, language)) or 0
    monkeypatch.setitem(sys.modules, "gradflow.app", fake)
    assert cli.main([]) == 0
    assert cli.main(["open", "add-mul"]) == 0
    assert cli.main(["open", "add-mul", "--lang", "ko"]) == 0  # the GUI gets the choice
    assert launched == [(None, None), ("add-mul", None), ("add-mul", "ko")]
    assert _run(capsys, "open", "nope")[0] == 2  # refused before any window appears
    assert len(launched) == 3


@pytest.mark.parametrize(
    ("command", "module"), [("render", "gradflow.ui.render_cli"), ("train", "gradflow.train_cli")]
)
def test_render_and_train_forward_their_arguments(monkeypatch, command, module):
    seen = []
    fake = types.ModuleType(module)
    fake.main = lambda argv: seen.append(argv) or 3
    monkeypatch.setitem(sys.modules, module, fake)
    assert cli.main([command, "add-mul", "--out", "x.png", "--help"]) == 3
    assert seen == [["add-mul", "--out", "x.png", "--help"]]


def test_a_missing_delegate_is_a_clear_error(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "gradflow.train_cli", None)  # import fails
    code, _, err = _run(capsys, "train")
    assert code == 2
    assert err.startswith("gradflow: error: `gradflow train` is not available")


def test_keyboard_interrupt_exits_130_with_one_line(capsys, monkeypatch):
    def interrupted(target):
        raise KeyboardInterrupt

    monkeypatch.setattr("gradflow.core.examples.resolve", interrupted)
    assert _run(capsys, "run", "add-mul") == (130, "", "gradflow: interrupted\n")


def test_help_lists_every_command(capsys):
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    for command in ("examples", "run", "trace", "check", "open", "render", "train"):
        assert command in out


def test_python_dash_m_gradflow_in_a_real_process():
    done = subprocess.run(
        [sys.executable, "-m", "gradflow", "run", "add-mul", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["nodes"]["f"] == {"op": "mul", "value": -12.0, "grad": 1.0}
    bad = subprocess.run(
        [sys.executable, "-m", "gradflow", "run", "nope"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert bad.stderr.startswith("gradflow: error: ")
    assert bad.stderr.count("\n") == 1


def test_check_at_a_max_tie_says_why_instead_of_mismatch(capsys, tmp_path):
    from gradflow.core.examples import load_example
    from gradflow.core.fileformat import save

    g = load_example("gate-patterns")
    g.set_attr("w", "value", 2.0)  # max(z, w) ties at 2
    path = tmp_path / "tie.gflow"
    save(g, path)
    code, out, _ = _run(capsys, "check", str(path))
    assert code == 0
    assert "MISMATCH" not in out
    assert "z: not differentiable at this point (m: z and w tie: max is not differentiable" in out
    # both inputs of the tie: z's slope is halved, w's zero is beside a slope of -6
    assert "w: not differentiable at this point (m: z and w tie" in out
    assert "2 differ only because the function is not differentiable here" in out
    assert "not informative" not in out  # the zero is the tie's doing, not float noise
    data = json.loads(_run(capsys, "check", str(path), "--json")[1])
    z = next(n for n in data["nodes"] if n["node"] == "z")
    assert "first input" in z["kink"]
