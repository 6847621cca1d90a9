"""Tests for gradflow.train_cli: JSON lines, plain output and one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from gradflow.train_cli import main


def test_json_prints_one_object_per_epoch_and_a_summary(capsys: pytest.CaptureFixture) -> None:
    code = main(
        [
            "--dataset",
            "xor",
            "--hidden",
            "8",
            "--epochs",
            "3",
            "--batch",
            "50",
            "--samples",
            "250",
            "--json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line.get("epoch") for line in lines] == [1, 2, 3, None]
    for line in lines[:3]:
        assert {"epoch", "train_loss", "val_loss", "train_acc", "val_acc", "samples_per_s"} <= set(
            line
        )
        assert 0 <= line["val_acc"] <= 1
        assert line["train_loss"] > 0
        assert len(line["grad_norms"]) == 2
    final = lines[-1]
    assert final["final"] is True
    assert final["epochs"] == 3
    assert final["iterations"] == 12
    assert final["val_loss"] == lines[2]["val_loss"]
    assert final["stopped"] is False


def test_same_seed_gives_identical_json(capsys: pytest.CaptureFixture) -> None:
    args = ["--dataset", "spiral", "--epochs", "2", "--seed", "3", "--json"]
    main(args)
    first = [json.loads(x)["train_loss"] for x in capsys.readouterr().out.splitlines()]
    main(args)
    second = [json.loads(x)["train_loss"] for x in capsys.readouterr().out.splitlines()]
    assert first == second


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_is_drawn_on_a_terminal_and_cleared() -> None:
    out, err = io.StringIO(), _Terminal()
    assert main(["--dataset", "xor", "--epochs", "2", "--json"], out=out, err=err) == 0
    bar = err.getvalue()
    assert bar.startswith("\repoch 1/2 [")
    assert " s left " in bar
    assert bar.endswith(" " * 79 + "\r")  # nothing left behind on the terminal line
    assert "\r" not in out.getvalue()  # the JSON lines stay clean


def test_plain_output_has_a_line_per_epoch(capsys: pytest.CaptureFixture) -> None:
    assert main(["--dataset", "gaussians", "--epochs", "2", "--optimizer", "momentum"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("epoch   1  loss ")
    assert "val loss" in lines[0]
    assert lines[1].startswith("epoch   2")
    assert lines[2].startswith("done: 2 epochs, 16 iterations")


def test_npz_data_set(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((60, 5))
    np.savez(tmp_path / "d.npz", X=x, y=(x[:, 0] > 0).astype(int))
    assert main(["--dataset", f"npz:{tmp_path / 'd.npz'}", "--epochs", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["epoch"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--activation", "gelu"], "argument --activation: invalid choice"),
        (["--lr", "fast"], "argument --lr: invalid float value"),
        (["--hidden", "10,x"], 'hidden sizes must be whole numbers like "100,50"'),
        (["--epochs", "0"], "the number of epochs must be at least 1, got 0"),
        (["--dataset", "moons"], 'unknown data set "moons"'),
        (["--dataset", "cifar10:/no/such/dir"], "CIFAR-10 folder not found: /no/such/dir"),
        (["--unknown"], "unrecognized arguments: --unknown"),
    ],
)
def test_bad_options_give_one_error_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"gradflow: error: {message}")
    assert err.count("\n") == 1
    assert err.endswith("\n")


def test_divergence_exits_1_with_its_message(capsys: pytest.CaptureFixture) -> None:
    assert main(["--optimizer", "sgd", "--lr", "1e9", "--epochs", "3"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("gradflow: error: training diverged at epoch 1")
    assert err.count("\n") == 1


def test_help_exits_0(capsys: pytest.CaptureFixture) -> None:
    assert main(["--help"]) == 0
    assert "--weight-decay" in capsys.readouterr().out
