"""nn: readers for data set files - CIFAR-10 python batches and `.npz` arrays - checked.

Every problem becomes one `DatasetError` that says what is wrong and where. CIFAR-10
batches are pickles, so they are read with an unpickler that only allows the few numpy
functions an array needs; any other class in the file is refused, never imported.
"""

from __future__ import annotations

import codecs
import math
import pickle
from pathlib import Path
from typing import Any

import numpy as np

from gradflow.core.errors import DatasetError
from gradflow.core.i18n import _
from gradflow.core.paths import file_problem
from gradflow.nn.npz_read import read_xy

CIFAR_TRAIN = tuple(f"data_batch_{i}" for i in range(1, 6))
CIFAR_TEST = "test_batch"
CIFAR_FEATURES = 3072
MAX_BATCH_BYTES = 2**30


def _allowed_globals() -> dict[tuple[str, str], Any]:
    """The callables a pickled numpy array may name, under their numpy 1 and 2 modules."""
    reconstruct = np.ndarray((0,)).__reduce__()[0]
    scalar = np.float64(0).__reduce__()[0]
    found: dict[tuple[str, str], Any] = {}
    for module in ("numpy.core.multiarray", "numpy._core.multiarray"):
        found[(module, "_reconstruct")] = _bounded(reconstruct, 1)
        found[(module, "scalar")] = scalar
    for module in ("numpy.core.numeric", "numpy._core.numeric"):
        found[(module, "_frombuffer")] = _frombuffer
    found[("_codecs", "encode")] = codecs.encode  # how protocol 2 stores bytes
    found[("numpy", "ndarray")] = _bounded(np.ndarray, 0)
    found[("numpy", "dtype")] = np.dtype
    return found


MAX_PICKLED_ARRAY = 2**27  # values one array in a batch may ask for (a real one has 31M)


def _bounded(make: Any, shape_at: int) -> Any:
    """`make` (an array constructor), refusing shapes whose array would be too large:
    a pickle can call it with any arguments, and it allocates before any data is read."""

    def checked(*args: Any, **kwargs: Any) -> Any:
        shape = kwargs.get("shape", args[shape_at] if len(args) > shape_at else ())
        dims = (shape,) if isinstance(shape, int) else tuple(shape)
        if not all(isinstance(d, int) and d >= 0 for d in dims):
            raise pickle.UnpicklingError(f"an array shape must be whole numbers, not {shape!r}")
        if math.prod(dims) > MAX_PICKLED_ARRAY:
            raise pickle.UnpicklingError(
                f"it asks for an array of shape {dims}, over the {MAX_PICKLED_ARRAY:,}-value limit"
            )
        # the pickle names numpy.ndarray, which it got from us as this wrapper
        args = tuple(getattr(a, "wrapped", a) for a in args)
        return make(*args, **kwargs)

    checked.wrapped = make  # type: ignore[attr-defined]
    return checked


def _frombuffer(buf: Any, dtype: Any, shape: Any, order: str) -> np.ndarray:
    # what protocol-5 pickles of arrays call; rebuilt here from plain bytes
    arr = np.frombuffer(bytes(buf), dtype=dtype)
    return arr.reshape(shape, order="F" if order == "F" else "C") if shape else arr


class _SafeUnpickler(pickle.Unpickler):
    """Builds only builtins (dicts, lists, bytes, numbers) and numpy arrays."""

    allowed = _allowed_globals()

    def find_class(self, module: str, name: str) -> Any:
        try:
            return self.allowed[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(
                f"it names {module}.{name}, which is not allowed"
            ) from None


def _read_batch(path: Path) -> tuple[np.ndarray, np.ndarray]:
    problem = file_problem(path)
    if problem:
        raise DatasetError(_("cannot read {path}: {problem}").format(path=path, problem=problem))
    if path.stat().st_size > MAX_BATCH_BYTES:
        said = _("{path} is {size} MB; a CIFAR-10 batch is about 30 MB")
        raise DatasetError(said.format(path=path, size=f"{path.stat().st_size / 2**20:,.0f}"))
    try:
        with path.open("rb") as fh:
            batch = _SafeUnpickler(fh, encoding="bytes").load()
    except OSError as err:
        said = _("cannot read {path}: {why}")
        raise DatasetError(said.format(path=path, why=err.strerror or err)) from None
    except Exception as err:  # a truncated or foreign pickle can raise almost anything
        said = _("{path} is not a CIFAR-10 python batch: {why}")
        raise DatasetError(said.format(path=path, why=err)) from None
    if not isinstance(batch, dict) or b"data" not in batch or b"labels" not in batch:
        said = _('{path} is not a CIFAR-10 python batch (no "data" and "labels")')
        raise DatasetError(said.format(path=path))
    data, labels = batch[b"data"], batch[b"labels"]
    if not isinstance(data, np.ndarray) or data.ndim != 2 or data.shape[1] != CIFAR_FEATURES:
        shape = getattr(data, "shape", type(data).__name__)
        said = _("{path}: data must be an array of shape (N, 3072), got {shape}")
        raise DatasetError(said.format(path=path, shape=shape))
    try:
        y = np.asarray(labels)
    except (ValueError, TypeError):
        said = _("{path}: labels must be a list of integers")
        raise DatasetError(said.format(path=path)) from None
    if y.shape != (len(data),) or y.dtype.kind not in "iu":
        said = _("{path}: needs one integer label per row ({rows}), got {shape}")
        raise DatasetError(said.format(path=path, rows=len(data), shape=y.shape))
    if len(y) and (y.min() < 0 or y.max() > 9):
        raise DatasetError(_("{path}: CIFAR-10 labels must be 0..9").format(path=path))
    return data.astype(np.float32) / np.float32(255.0), y.astype(np.int64)


def read_cifar10(folder: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """CIFAR-10 from the standard python batches in `folder`: (x_train, y_train, x_test, y_test).

    Pixels are scaled to [0, 1]; the five data batches are the training set.
    """
    if not folder:
        raise DatasetError(
            _("cifar10 needs a folder: cifar10:DIR (the cifar-10-batches-py folder)")
        )
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise DatasetError(_("CIFAR-10 folder not found: {path}").format(path=root))
    missing = [n for n in (*CIFAR_TRAIN, CIFAR_TEST) if not (root / n).exists()]
    if missing:
        said = _("{path} is missing CIFAR-10 batch files: {files}")
        raise DatasetError(said.format(path=root, files=", ".join(missing)))
    parts = [_read_batch(root / n) for n in CIFAR_TRAIN]
    x_test, y_test = _read_batch(root / CIFAR_TEST)
    x_train = np.concatenate([p[0] for p in parts])
    y_train = np.concatenate([p[1] for p in parts])
    return x_train, y_train, x_test, y_test


def check_arrays(x: np.ndarray, y: np.ndarray, where: str) -> None:
    """Refuse features that are not a finite (N, D) array or labels that do not match."""
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 1:
        said = _("{where}: X must be a 2-D array (samples x features), got {shape}")
        raise DatasetError(said.format(where=where, shape=x.shape))
    if x.dtype.kind not in "iuf":
        said = _("{where}: X must hold numbers, got dtype {dtype}")
        raise DatasetError(said.format(where=where, dtype=x.dtype))
    if not np.all(np.isfinite(x)):
        raise DatasetError(_("{where}: X contains NaN or infinite values").format(where=where))
    if x.dtype.kind == "f" and x.dtype.itemsize > 4 and x.size:
        big = np.abs(x) > np.finfo(np.float32).max
        if big.any():
            row = int(np.argmax(big.any(axis=1)))
            raise DatasetError(
                _(
                    "{where}: X has values beyond the float32 range training uses (±3.4e38), "
                    "e.g. {value:.3g} in row {row}"
                ).format(where=where, value=float(x[big][0]), row=row)
            )
    if y.shape != (x.shape[0],):
        said = _("{where}: y must have one label per row of X ({rows}), got shape {shape}")
        raise DatasetError(said.format(where=where, rows=x.shape[0], shape=y.shape))


def _read_xy(path: str) -> tuple[Path, np.ndarray, np.ndarray]:
    """The file and its arrays X and y, or one DatasetError."""
    if not path:
        raise DatasetError(_("npz needs a file: npz:PATH"))
    file = Path(path).expanduser()
    if not file.exists():
        raise DatasetError(_("npz file not found: {path}").format(path=file))
    x, y = read_xy(file)
    return file, x, y


def read_npz_targets(path: str) -> tuple[np.ndarray, np.ndarray]:
    """Features X and real-valued targets y as (N, k) float32 rows, for regression."""
    file, x, y = _read_xy(path)
    if y.ndim == 1:
        y = y.reshape(-1, 1)
    if y.ndim != 2 or y.shape[0] != x.shape[0] or y.dtype.kind not in "iuf":
        raise DatasetError(
            _("{file}: regression needs numeric targets y, one row per row of X").format(file=file)
        )
    check_arrays(x, y[:, 0], str(file))
    if not np.all(np.isfinite(y)):
        raise DatasetError(_("{file}: y contains NaN or infinite values").format(file=file))
    return x.astype(np.float32), y.astype(np.float32)


def read_npz(path: str) -> tuple[np.ndarray, np.ndarray, int]:
    """Features X (float32) and labels y (remapped to 0..K-1) from an `.npz` file, and K."""
    file, x, y = _read_xy(path)
    check_arrays(x, y, str(file))
    if y.dtype.kind == "f" and np.all(np.isfinite(y)) and np.all(y == np.round(y)):
        y = y.astype(np.int64)
    if y.dtype.kind not in "iu":
        said = _("{file}: y must hold integer class labels, got dtype {dtype}")
        raise DatasetError(said.format(file=file, dtype=y.dtype))
    classes, y = np.unique(y, return_inverse=True)
    if len(classes) < 2:
        raise DatasetError(_("{file}: y must contain at least two classes").format(file=file))
    return x.astype(np.float32), y.astype(np.int64).reshape(-1), len(classes)
