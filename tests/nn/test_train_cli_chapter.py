"""`gradflow train` for the lecture's chapter: digits, regression, save/load, templates."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from gradflow.nn.model_file import load_model
from gradflow.train_cli import main


def _json_run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, list[dict], str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_digits_single_layer_with_templates_and_a_saved_model(
    capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    pytest.importorskip("PySide6", reason="the templates picture is drawn with Qt")
    from PySide6.QtGui import QImage

    png, model = tmp_path / "templates.png", tmp_path / "digits.npz"
    code, lines, err = _json_run(
        capsys,
        "--dataset",
        "digits",
        "--hidden",
        "none",
        "--epochs",
        "3",
        "--templates",
        str(png),
        "--save",
        str(model),
    )
    assert (code, err) == (0, "")
    final = lines[-1]
    assert final["val_acc"] >= 0.85
    assert final["one_linear_map"] is True
    assert final["written"] == [str(model), str(png)]
    image = QImage(str(png))
    assert (image.width(), image.height()) == (5 * 72 + 8, 2 * 90 + 8)  # 5 x 2 tiles of 64 px
    assert load_model(model).sizes == (64, 10)


def test_load_continues_from_the_saved_weights(
    capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    model = tmp_path / "m.npz"
    args = ["--dataset", "xor", "--hidden", "8", "--samples", "200", "--epochs", "2"]
    assert main([*args, "--save", str(model), "--export-pytorch", str(tmp_path / "xor.py")]) == 0
    assert "nn.Linear(2, 8),\n        nn.ReLU()," in (tmp_path / "xor.py").read_text("utf-8")
    assert load_model(tmp_path / "xor.npz").sizes == (2, 8, 2)  # the weights beside it
    capsys.readouterr()
    code, lines, _err = _json_run(capsys, "--load", str(model), "--epochs", "1", "--hidden", "99")
    assert code == 0
    assert len(lines[0]["grad_norms"]) == 2  # the file's 2-8-2 network, not --hidden 99
    assert lines[0]["val_acc"] > 0.6  # it starts trained


def test_a_broken_model_file_is_one_line(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main(["--load", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("gradflow: error: ")
    assert "is not a gradflow model file" in err


def test_regression_on_the_line(capsys: pytest.CaptureFixture) -> None:
    code, lines, err = _json_run(
        capsys,
        "--dataset",
        "line",
        "--hidden",
        "none",
        "--samples",
        "100",
        "--epochs",
        "20",
        "--lr",
        "0.05",
        "--batch",
        "10",
    )
    assert (code, err) == (0, "")
    final = lines[-1]
    assert final["val_acc"] is None  # no accuracy for real-valued targets
    assert final["val_loss"] < 0.05  # mean squared error close to the noise (0.1**2)


def test_templates_need_image_data(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    assert main(["--dataset", "spiral", "--templates", str(tmp_path / "t.png")]) == 2
    assert "--templates needs image data" in capsys.readouterr().err
    assert not (tmp_path / "t.png").exists()


def test_image_shape_names_the_rows_of_an_npz(
    capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    pytest.importorskip("PySide6", reason="the templates picture is drawn with Qt")
    rng = np.random.default_rng(0)
    data = tmp_path / "tiny.npz"
    np.savez(data, X=rng.random((40, 12)), y=np.arange(40) % 2)
    png = tmp_path / "t.png"
    code = main(
        [
            "--dataset",
            f"npz:{data}",
            "--hidden",
            "none",
            "--epochs",
            "1",
            "--image-shape",
            "2x2x3",
            "--templates",
            str(png),
        ]
    )
    assert code == 0
    assert png.exists()
    assert main(["--dataset", f"npz:{data}", "--image-shape", "5x5"]) == 2
    assert "has 25 pixels, but the data has 12 features" in capsys.readouterr().err
