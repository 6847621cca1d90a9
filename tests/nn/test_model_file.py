"""Model files: bit-exact save/load, one clear message for a bad file, the PyTorch export."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from gradflow.nn import TrainConfig, Trainer
from gradflow.nn.model_file import ModelFileError, checkpoint_of, load_model, save_model
from gradflow.nn.torch_export import pytorch_source, write_pytorch


@pytest.fixture(scope="module")
def trained() -> Trainer:
    cfg = TrainConfig(dataset="spiral", hidden=(6, 5), activation="tanh", epochs=2, samples=90)
    trainer = Trainer(cfg)
    for _ev in trainer.run():
        pass
    return trainer


def _save(trainer: Trainer, path: Path) -> None:
    save_model(checkpoint_of(trainer.config, trainer.data, trainer.model.params), path)


def test_save_then_load_is_bit_exact(trained: Trainer, tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    _save(trained, path)
    loaded = load_model(path)
    assert loaded.sizes == (2, 6, 5, 3)
    assert loaded.config == trained.config
    assert list(loaded.params) == list(trained.model.params)
    for name, value in trained.model.params.items():
        assert loaded.params[name].dtype == value.dtype
        assert loaded.params[name].tobytes() == value.tobytes()
    assert loaded.mean.tobytes() == trained.data.mean.tobytes()
    assert loaded.std.tobytes() == trained.data.std.tobytes()
    assert loaded.class_names == ("0", "1", "2")


def test_a_loaded_model_predicts_what_the_saved_one_did(trained: Trainer, tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    _save(trained, path)
    again = Trainer(dataclasses.replace(trained.config, epochs=1), start=load_model(path))
    pts = np.array([[0.1, -0.3], [0.5, 0.5], [-0.7, 0.2]])
    np.testing.assert_array_equal(again.predict_values(pts), trained.predict_values(pts))


def _rewrite(src: Path, dst: Path, **changes: object) -> None:
    with np.load(src) as npz:
        arrays = {k: npz[k] for k in npz.files}
    header = json.loads(str(arrays["header"]))
    for key, value in changes.items():
        if key.startswith("header."):
            header[key[7:]] = value
        elif value is None:
            arrays.pop(key)
        else:
            arrays[key] = value  # type: ignore[assignment]
    arrays["header"] = np.array(json.dumps(header))
    np.savez(dst, **arrays)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"header.format": "other"}, "does not say format gradflow-model"),
        ({"header.version": 7}, "unsupported version 7"),
        ({"header.sizes": [2, 6, 3]}, "hidden layers do not match the sizes"),
        ({"W2": None}, "must hold exactly the arrays"),
        ({"W1": np.zeros((3, 6), np.float32)}, r"W1 must be float32 of shape \(2, 6\)"),
        ({"b1": np.full(6, np.nan, np.float32)}, "b1 contains NaN"),
        ({"std": np.zeros(2)}, "std must be positive"),
        ({"header": None}, "no header"),
    ],
)
def test_a_malformed_model_file_gives_one_clear_message(
    trained: Trainer, tmp_path: Path, changes: dict, message: str
) -> None:
    good, bad = tmp_path / "good.npz", tmp_path / "bad.npz"
    _save(trained, good)
    if changes == {"header": None}:
        with np.load(good) as npz:
            np.savez(bad, **{k: npz[k] for k in npz.files if k != "header"})
    else:
        _rewrite(good, bad, **changes)
    with pytest.raises(ModelFileError, match=message):
        load_model(bad)


def test_files_that_are_not_models_at_all(tmp_path: Path) -> None:
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip file")
    with pytest.raises(ModelFileError, match="is not a gradflow model file"):
        load_model(junk)
    with pytest.raises(ModelFileError, match="model file not found"):
        load_model(tmp_path / "missing.npz")
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, header=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ModelFileError, match="not a gradflow model file"):
        load_model(pickled)


def test_a_failed_save_leaves_the_old_file(trained: Trainer, tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="cannot save"):
        _save(trained, tmp_path / "no-such-folder" / "m.npz")
    assert list(tmp_path.iterdir()) == []


def test_pytorch_export_is_text_naming_the_same_layers(trained: Trainer) -> None:
    ckpt = checkpoint_of(trained.config, trained.data, trained.model.params)
    text = pytorch_source(ckpt, "model.npz")
    compile(text, "model.py", "exec")  # valid Python, written without torch
    assert "nn.Linear(2, 6),\n        nn.Tanh(),\n        nn.Linear(6, 5)," in text
    assert "nn.Linear(5, 3),\n    )" in text
    assert "with_name('model.npz')" in text


def test_pytorch_export_gives_the_same_outputs_in_torch(trained: Trainer, tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    ckpt = checkpoint_of(trained.config, trained.data, trained.model.params)
    save_model(ckpt, tmp_path / "spiral_model.npz")
    write_pytorch(ckpt, tmp_path / "spiral_model.py", "spiral_model.npz")
    spec = importlib.util.spec_from_file_location("spiral_model", tmp_path / "spiral_model.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    raw = np.array([[0.1, -0.3], [0.5, 0.5], [-0.7, 0.2], [0.0, 0.9]], dtype=np.float32)
    with torch.no_grad():
        out = module.build_model()(module.standardise(torch.from_numpy(raw))).numpy()
    np.testing.assert_allclose(out, trained.predict_values(raw), atol=1e-5)
