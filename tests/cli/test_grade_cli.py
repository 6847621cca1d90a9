"""`gradflow grade`: exit 0 for any gradable file, 2 and one located line for a malformed one."""

from __future__ import annotations

import json

import pytest

from gradflow import cli


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _full_marks(capsys, tmp_path):
    _code, out, _ = _run(capsys, "run", "gate-patterns", "--json")
    nodes = json.loads(out)["nodes"]
    answers = {
        "values": {k: v["value"] for k, v in nodes.items()},
        "grads": {k: v["grad"] for k, v in nodes.items()},
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    return path, answers


def test_answers_from_run_json_score_full_marks(capsys, tmp_path):
    path, _ = _full_marks(capsys, tmp_path)
    code, out, err = _run(capsys, "grade", "gate-patterns", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "score 14/14"
    code, out, _ = _run(capsys, "grade", "gate-patterns", str(path), "--json")
    data = json.loads(out)
    assert (data["score"], data["total"]) == (14, 14)
    assert data["nodes"]["m"] == {"value": "correct", "grad": "correct"}
    assert data["nodes"]["x"] == {"grad": "correct"}


def test_a_wrong_answer_still_exits_0_and_reveal_shows_the_key(capsys, tmp_path):
    path, answers = _full_marks(capsys, tmp_path)
    answers["grads"]["w"] = -3.0  # max routes: w gets 0
    path.write_text(json.dumps(answers))
    code, out, _ = _run(capsys, "grade", "gate-patterns", str(path))
    assert code == 0
    assert out.splitlines()[-1] == "score 13/14"
    row = next(line for line in out.splitlines() if line.startswith("w "))
    assert row.split() == ["w", "-", "wrong"]
    code, out, _ = _run(capsys, "grade", "gate-patterns", str(path), "--reveal")
    assert "wrong (expected 0)" in out


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("{", "a.json: not valid JSON: Expecting property name enclosed in double quotes"),
        ('{"grads": 3}', "a.json: grads: expected an object of node: answer"),
        ('{"grads": {"nope": 1}}', 'a.json: grads.nope: no node "nope" in the graph'),
    ],
)
def test_malformed_answers_exit_2_with_one_line(capsys, tmp_path, text, says):
    (tmp_path / "a.json").write_text(text)
    code, out, err = _run(capsys, "grade", "add-mul", str(tmp_path / "a.json"))
    assert (code, out) == (2, "")
    assert err.startswith(f"gradflow: error: {says}")
    assert err.count("\n") == 1


def test_bad_options_exit_2(capsys, tmp_path):
    path, _ = _full_marks(capsys, tmp_path)
    for argv in (["--tolerance", "0"], ["--tolerance", "x"], ["--csv", str(tmp_path / "o.csv")]):
        code, _, err = _run(capsys, "grade", "add-mul", str(path), *argv)
        assert code == 2
        assert err.count("\n") == 1
    code, _, err = _run(capsys, "grade", "add-mul", str(tmp_path / "missing.json"))
    assert code == 2
    assert "cannot read" in err


def test_a_folder_prints_one_row_per_file_and_writes_csv(capsys, tmp_path):
    _path, answers = _full_marks(capsys, tmp_path)
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "kim.json").write_text(json.dumps(answers))
    (folder / "lee.json").write_text('{"values": {"f": -60}}')
    (folder / "bad.json").write_text("[")
    csv_path = tmp_path / "grades.csv"
    code, out, err = _run(capsys, "grade", "gate-patterns", str(folder), "--csv", str(csv_path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["file", "bad.json", "kim.json", "lee.json"]
    assert lines[2].split()[1] == "14/14"
    assert lines[3].split()[1] == "1/14"
    assert "error: not valid JSON" in lines[1]
    rows = csv_path.read_text().splitlines()
    assert len(rows) == 4
    assert rows[2].startswith("kim.json,14,14,,")
