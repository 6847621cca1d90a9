"""A sample of hostile inputs through the real command, in a child process whose address
space is limited (resource.setrlimit): each is one `gradflow: error:` line and exit 2,
never a traceback, a hang or the machine's memory."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

LIMIT = 1536 * 2**20  # bytes of address space for the child: numpy fits, 8000x8000 does not


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def _gradflow(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    return subprocess.run(
        [sys.executable, "-m", "gradflow", *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit,
        env=env,
        check=False,
    )


def _doc(nodes, edges=()) -> str:
    return json.dumps({"format": "gradflow", "version": 1, "nodes": nodes, "edges": list(edges)})


def _broadcast(n: int) -> str:
    return _doc(
        [
            {"id": "a", "op": "input", "value": [[1.0]] * n},
            {"id": "b", "op": "input", "value": [[1.0] * n]},
            {"id": "s", "op": "add"},
        ],
        [{"from": "a", "to": "s"}, {"from": "b", "to": "s", "to_port": 1}],
    )


CASES = {
    "broadcast": (_broadcast(8000), "s would hold 8000×8000"),
    "huge literal": (
        '{"format": "gradflow", "version": 1, "nodes": [{"id": "x", "op": "input", "pos": [1'
        + "0" * 400
        + ", 0]}]}",
        "nodes[0].pos: the number",
    ),
    "terminal escape": (
        '{"format": "gradflow", "version": 1, "nodes": [{"id": "\\u001b]0;TITLE\\u0007", '
        '"op": "input"}]}',
        "nodes[0].id: contains a control character (\\x1b)",
    ),
    "duplicate key": ('{"format": "gradflow", "version": 2, "version": 1}', "appears twice"),
}


@pytest.mark.parametrize(
    ("command", "case"),
    [("run", c) for c in CASES] + [("check", "broadcast"), ("trace", "broadcast")],
)
def test_hostile_files_are_one_line_in_bounded_memory(tmp_path, command, case):
    text, message = CASES[case]
    path = tmp_path / "bad.gflow"
    path.write_text(text, encoding="utf-8")
    done = _gradflow(command, str(path), "--json")
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("gradflow: error: bad.gflow: ")
    assert done.stderr.count("\n") == 1
    assert message in done.stderr
    assert "\x1b" not in done.stderr


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_special_paths_through_the_command(tmp_path, kind):
    path = {"directory": tmp_path / "d", "fifo": tmp_path / "p", "device": "/dev/zero"}[kind]
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    done = _gradflow("run", str(path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    reason = {"directory": "is a directory", "fifo": "named pipe", "device": "device"}[kind]
    assert reason in done.stderr


def test_a_big_but_allowed_result_streams_within_the_limit(tmp_path):
    """2000 x 2000 = 4 million numbers: allowed, and written out without blowing up."""
    path = tmp_path / "big.gflow"
    path.write_text(_broadcast(2000), encoding="utf-8")
    done = _gradflow("run", str(path), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert len(doc["nodes"]["s"]["value"]) == 2000
    assert doc["nodes"]["s"]["value"][1999][1999] == 2.0


def _npz_claiming(path, shape) -> None:
    import io
    import zipfile

    import numpy as np

    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f8", "fortran_order": False, "shape": shape}
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("X.npy", header.getvalue() + b"\0" * 64)
        z.writestr("y.npy", header.getvalue())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dataset", "npz:{claim}"], "claims (1000000, 1000000)"),
        (["--hidden", ",".join(["8192"] * 16)], "too big for this machine"),
        (["--classes", "0"], "between 2 and 10"),
    ],
)
def test_hostile_training_input_is_one_line_in_bounded_memory(tmp_path, args, message):
    claim = tmp_path / "claim.npz"
    _npz_claiming(claim, (10**6, 10**6))
    done = _gradflow("train", *(a.format(claim=claim) for a in args))
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("gradflow: error: ")
    assert message in done.stderr
