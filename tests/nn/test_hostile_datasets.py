"""Hostile training input: every data set that cannot be read is one DatasetError (one
line, exit 2 from `gradflow train`), checked before anything big is allocated."""

from __future__ import annotations

import io
import os
import pickle
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gradflow import train_cli
from gradflow.core.errors import DatasetError, GradflowError
from gradflow.nn.config import TrainConfig
from gradflow.nn.datasets import load_dataset
from gradflow.nn.memory import check_fits
from gradflow.nn.trainer import Trainer, TrainingDiverged

FEW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _header(shape, descr="<f8") -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buf, {"descr": descr, "fortran_order": False, "shape": shape}
    )
    return buf.getvalue()


def _npy(arr) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr)
    return buf.getvalue()


@st.composite
def hostile_npz(draw):
    """(bytes of a file named .npz, what the message must say)."""
    kind = draw(
        st.sampled_from(["npy", "junk", "members", "claim", "truncated", "float32", "objects"])
    )
    good_y = _npy(np.array([0, 1, 0, 1]))
    if kind == "npy":
        return _npy(np.zeros((4, 2))), "single .npy array"
    if kind == "junk":
        return draw(st.binary(max_size=64)), "as .npz"

    def zipped(x: bytes, y: bytes = good_y) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("X.npy", x)
            z.writestr("y.npy", y)
        return buf.getvalue()

    if kind == "members":
        return zipped(draw(st.binary(max_size=32))), "not a numpy array"
    if kind == "claim":
        n = draw(st.integers(10**5, 10**7))
        return zipped(_header((n, n)) + b"\0" * 64), "limit for a data set array"
    if kind == "truncated":
        n = draw(st.integers(5, 10**4))
        return zipped(_header((n, 2)) + b"\0" * 16), "holds only"
    if kind == "objects":
        return zipped(_header((4, 2), "|O")), "Python objects"
    big = draw(st.floats(4e38, 1e308))
    return zipped(_npy(np.array([[big, 1.0], [2.0, 3.0], [1.0, 1.0], [0.0, 2.0]]))), "float32"


@FEW
@given(case=hostile_npz())
def test_a_hostile_npz_is_one_dataset_error(tmp_path, case):
    data, message = case
    path = tmp_path / "d.npz"
    path.write_bytes(data)
    with pytest.raises(DatasetError) as info:
        load_dataset(f"npz:{path}")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


class _Alloc:
    """A pickle that calls the allowed array constructor with a huge shape."""

    def __init__(self, shape):
        self.shape = shape

    def __reduce__(self):
        return (np.ndarray, (self.shape,))


@pytest.mark.parametrize("shape", [(10**6, 10**5), (2**40,), (3, -1)])
def test_a_cifar_pickle_asking_for_gigabytes_is_refused(tmp_path, shape):
    folder = tmp_path / "cifar"
    folder.mkdir()
    for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
        with open(folder / name, "wb") as fh:
            pickle.dump({b"data": _Alloc(shape), b"labels": [0]}, fh)
    with pytest.raises(
        DatasetError, match=r"not a CIFAR-10 python batch: it asks for an array|whole numbers"
    ):
        load_dataset(f"cifar10:{folder}")


def test_special_paths_as_data_sets(tmp_path):
    os.mkfifo(tmp_path / "pipe.npz")
    (tmp_path / "dir.npz").mkdir()
    for spec, reason in [
        (f"npz:{tmp_path / 'pipe.npz'}", "named pipe"),
        (f"npz:{tmp_path / 'dir.npz'}", "is a directory"),
        ("npz:/dev/zero", "device"),
    ]:
        with pytest.raises(DatasetError, match=reason):
            load_dataset(spec)


def test_a_network_too_big_for_memory_is_refused_with_the_estimate():
    with pytest.raises(
        GradflowError, match=r"too big for this machine: about \d+\.\d GB for 1,006,"
    ):
        check_fits((2, *[8192] * 16, 3), 64, "adam")
    check_fits((3072, 512, 10), 256, "adam")  # the lecture's network fits


def test_train_cli_refuses_them_in_one_line(tmp_path, capsys):
    (tmp_path / "x.npz").write_bytes(_npy(np.zeros((4, 2))))
    for argv in (
        ["--dataset", f"npz:{tmp_path / 'x.npz'}"],
        ["--classes", "0"],
        ["--hidden", ",".join(["8192"] * 16)],
    ):
        assert train_cli.main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert err.startswith("gradflow: error: ")


def test_a_loss_that_explodes_without_nan_ends_as_diverged():
    trainer = Trainer(TrainConfig(dataset="spiral", optimizer="adam", lr=1e9, epochs=5))
    with pytest.raises(TrainingDiverged, match=r"it was .* at the start"):
        for _event in trainer.run():
            pass
