"""Tests for nn.datasets and nn.files: toy sets, split, standardisation, CIFAR-10, npz."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pytest

from gradflow.core.errors import DatasetError, GradflowError
from gradflow.nn.datasets import TOY_SETS, load_dataset, make_toy


@pytest.mark.parametrize("name", TOY_SETS)
def test_toy_sets_are_seeded_and_balanced(name: str) -> None:
    x, y = make_toy(name, n=300, noise=0.1, seed=4)
    x2, y2 = make_toy(name, n=300, noise=0.1, seed=4)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    assert x.shape == (300, 2)
    assert x.dtype == np.float32
    if name != "xor":  # xor's classes follow the random quadrant, the others alternate
        assert np.bincount(y).tolist() == ([100] * 3 if name == "spiral" else [150, 150])
    assert not np.array_equal(make_toy(name, n=300, seed=5)[0], x)


def test_class_count_and_noise_are_settable() -> None:
    _, y = make_toy("spiral", n=500, classes=5)
    assert sorted(set(y.tolist())) == [0, 1, 2, 3, 4]
    tight, _ = make_toy("gaussians", n=400, noise=0.0)
    loose, _ = make_toy("gaussians", n=400, noise=0.5)
    assert loose.std() > tight.std()


def test_xor_labels_follow_the_quadrants_without_noise() -> None:
    x, y = make_toy("xor", n=200, noise=0.0)
    np.testing.assert_array_equal(y, (x[:, 0] * x[:, 1] < 0).astype(int))


def test_standardisation_is_fitted_on_the_training_part_only() -> None:
    data = load_dataset("circles", samples=400, val_fraction=0.25, seed=3)
    assert len(data.x_train) == 300
    assert len(data.x_val) == 100
    np.testing.assert_allclose(data.x_train.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(data.x_train.std(axis=0), 1, atol=1e-5)
    assert np.abs(data.x_val.mean(axis=0)).max() > 1e-4  # not refitted on validation
    raw = data.raw(data.x_val)
    np.testing.assert_allclose(data.standardise(raw), data.x_val, atol=1e-5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"spec": "moons"}, 'unknown data set "moons"'),
        ({"spec": "spiral", "samples": 3}, "number of samples must be between 6"),
        ({"spec": "spiral", "classes": 11}, "classes must be between 2 and 10"),
        ({"spec": "spiral", "noise": -1.0}, "noise must be between 0 and 10"),
        ({"spec": "spiral", "val_fraction": 1.0}, r"validation fraction must be in \[0, 1\)"),
        ({"spec": "xor:somewhere"}, "only cifar10:DIR and npz:PATH take a location"),
    ],
)
def test_bad_toy_options_give_one_dataset_error(kwargs: dict, message: str) -> None:
    spec = kwargs.pop("spec")
    with pytest.raises(DatasetError, match=message):
        load_dataset(spec, **kwargs)


# --- CIFAR-10 --------------------------------------------------------------------------------


def _write_batch(path: Path, n: int, seed: int, protocol: int = 2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    data = rng.integers(0, 256, (n, 3072), dtype=np.uint8)
    labels = [int(v) for v in rng.integers(0, 10, n)]
    with path.open("wb") as fh:
        pickle.dump(
            {
                b"batch_label": b"fake",
                b"data": data,
                b"labels": labels,
                b"filenames": [b"img.png"] * n,
            },
            fh,
            protocol=protocol,
        )
    return data


def _fake_cifar(root: Path) -> list[np.ndarray]:
    root.mkdir(exist_ok=True)
    batches = [
        _write_batch(root / f"data_batch_{i}", 4, i, protocol=2 + i % 4) for i in range(1, 6)
    ]
    batches.append(_write_batch(root / "test_batch", 3, 9))
    return batches


def test_cifar10_reads_the_standard_python_batches(tmp_path: Path) -> None:
    batches = _fake_cifar(tmp_path / "cifar")
    data = load_dataset(f"cifar10:{tmp_path / 'cifar'}")
    assert data.x_train.shape == (20, 3072)
    assert data.x_val.shape == (3, 3072)
    assert data.n_classes == 10
    assert data.x_train.dtype == np.float32
    np.testing.assert_allclose(data.raw(data.x_train[:4]) * 255, batches[0], atol=1e-3)
    np.testing.assert_allclose(data.raw(data.x_val) * 255, batches[5], atol=1e-3)


def test_cifar10_missing_folder_and_files(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="CIFAR-10 folder not found"):
        load_dataset(f"cifar10:{tmp_path / 'nope'}")
    with pytest.raises(DatasetError, match="cifar10 needs a folder"):
        load_dataset("cifar10:")
    _fake_cifar(tmp_path)
    (tmp_path / "data_batch_3").unlink()
    (tmp_path / "test_batch").unlink()
    with pytest.raises(
        DatasetError, match="missing CIFAR-10 batch files: data_batch_3, test_batch"
    ):
        load_dataset(f"cifar10:{tmp_path}")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({b"data": np.zeros((2, 10), np.uint8), b"labels": [0, 1]}, r"shape \(N, 3072\)"),
        ({b"data": np.zeros((2, 3072), np.uint8), b"labels": [0]}, "one integer label per row"),
        ({b"data": np.zeros((2, 3072), np.uint8), b"labels": [0.5, 1.0]}, "one integer label"),
        ({b"data": np.zeros((2, 3072), np.uint8), b"labels": [0, 12]}, "labels must be 0..9"),
        ({b"pixels": 1}, 'no "data" and "labels"'),
        ([1, 2, 3], 'no "data" and "labels"'),
    ],
)
def test_cifar10_wrong_pickle_contents(tmp_path: Path, content: object, message: str) -> None:
    _fake_cifar(tmp_path)
    (tmp_path / "data_batch_2").write_bytes(pickle.dumps(content))
    with pytest.raises(DatasetError, match=message) as info:
        load_dataset(f"cifar10:{tmp_path}")
    assert "data_batch_2" in str(info.value)


def test_cifar10_reader_never_builds_arbitrary_objects(tmp_path: Path) -> None:
    _fake_cifar(tmp_path)
    (tmp_path / "data_batch_1").write_bytes(pickle.dumps({b"data": os.getcwd}))
    with pytest.raises(
        DatasetError,
        match=r"posix\.getcwd, which is not allowed|"
        r"nt\.getcwd, which is not allowed",
    ):
        load_dataset(f"cifar10:{tmp_path}")
    (tmp_path / "data_batch_1").write_bytes(b"not a pickle at all")
    with pytest.raises(DatasetError, match="is not a CIFAR-10 python batch"):
        load_dataset(f"cifar10:{tmp_path}")


# --- npz -------------------------------------------------------------------------------------


def test_npz_loads_and_remaps_labels(tmp_path: Path) -> None:
    path = tmp_path / "d.npz"
    x = np.arange(40, dtype=np.float64).reshape(10, 4)
    np.savez(path, X=x, y=np.array([3, 7] * 5))
    data = load_dataset(f"npz:{path}", val_fraction=0.2, seed=1)
    assert data.n_classes == 2
    assert data.n_features == 4
    assert sorted(set(data.y_train.tolist()) | set(data.y_val.tolist())) == [0, 1]
    rows = np.concatenate([data.raw(data.x_train), data.raw(data.x_val)])
    assert sorted(rows[:, 0].round(3).tolist()) == x[:, 0].tolist()


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        ({"X": np.zeros((4, 2))}, "must contain arrays X and y"),
        ({"X": np.zeros(4), "y": np.zeros(4)}, "X must be a 2-D array"),
        ({"X": np.array([[0.0, np.nan]] * 4), "y": np.arange(4)}, "NaN or infinite"),
        ({"X": np.zeros((4, 2)), "y": np.arange(3)}, "one label per row of X"),
        ({"X": np.zeros((4, 2)), "y": np.array([0.5, 1, 0, 1])}, "integer class labels"),
        ({"X": np.zeros((4, 2)), "y": np.array(["a", "b", "a", "b"])}, "integer class labels"),
        ({"X": np.zeros((4, 2)), "y": np.zeros(4, int)}, "at least two classes"),
    ],
)
def test_bad_npz_contents(tmp_path: Path, arrays: dict, message: str) -> None:
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    with pytest.raises(DatasetError, match=message):
        load_dataset(f"npz:{path}")


def test_npz_missing_or_not_a_zip(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="npz file not found"):
        load_dataset(f"npz:{tmp_path / 'none.npz'}")
    (tmp_path / "junk.npz").write_text("hello")
    with pytest.raises(DatasetError, match=r"cannot read .* as \.npz"):
        load_dataset(f"npz:{tmp_path / 'junk.npz'}")
    assert issubclass(DatasetError, GradflowError)
