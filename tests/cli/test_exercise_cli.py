"""`gradflow exercise`: writes a checkable graph, the same bytes for the same seed, clear errors."""

from __future__ import annotations

from gradflow import cli
from gradflow.core.fileformat import load


def test_exercise_writes_a_file_that_passes_check(tmp_path, capsys):
    out = tmp_path / "ex.gflow"
    assert cli.main(["exercise", "--level", "3", "--seed", "17", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}: Exercise 3.17: fan-out\n"
    assert load(out).title == "Exercise 3.17: fan-out"
    assert cli.main(["check", str(out)]) == 0


def test_exercise_same_seed_same_bytes(tmp_path, capsys):
    paths = [tmp_path / "a.gflow", tmp_path / "b.gflow"]
    for path in paths:
        cli.main(["exercise", "--level", "5", "--seed", "4", "--ops", "relu", "--out", str(path)])
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert cli.main(["exercise", "--level", "5", "--seed", "4", "--ops", "relu"]) == 0
    assert capsys.readouterr().out.endswith(paths[0].read_text())


def test_exercise_errors_are_one_line(tmp_path, capsys):
    for argv, says in (
        (["--level", "0"], "invalid choice: 0"),
        (["--level", "2", "--seed", "x"], 'not "x"'),
        (["--level", "2", "--ops", "add,mull"], 'unknown op "mull"'),
        (["--level", "1", "--out", str(tmp_path / "no" / "e.gflow")], "cannot save"),
    ):
        assert cli.main(["exercise", *argv]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert says in err, err
