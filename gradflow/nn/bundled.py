"""nn: the data set shipped inside gradflow - the UCI handwritten digits (8x8, 10 classes).

`resources/datasets/digits.npz` holds the 1,797 8x8 grey images of the UCI "Optical
Recognition of Handwritten Digits" test set (pixels 0..16) as scikit-learn distributes
them: `X` (1797, 64) uint8 and `y` (1797,) uint8. Licence CC BY 4.0; citation in the
README. Read once at development time from scikit-learn's copy; nothing is downloaded.
"""

from __future__ import annotations

import importlib.resources
import io
import zipfile
from pathlib import Path

import numpy as np

from gradflow.core.errors import DatasetError
from gradflow.core.i18n import _

DIGITS_SHAPE = (8, 8)
DIGITS_NAMES = tuple(str(d) for d in range(10))
CIFAR_NAMES = (
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
)
CIFAR_SHAPE = (3, 32, 32)  # a CIFAR-10 row is the red plane, then green, then blue


def digits_bytes() -> bytes:
    """The bundled `digits.npz` file's bytes."""
    try:
        return (
            importlib.resources.files("gradflow.resources") / "datasets" / "digits.npz"
        ).read_bytes()
    except ModuleNotFoundError:  # a source checkout used without installing
        return (Path(__file__).resolve().parents[2] / "resources/datasets/digits.npz").read_bytes()


def read_digits() -> tuple[np.ndarray, np.ndarray]:
    """The digits: X (1797, 64) float32 pixels 0..16, y (1797,) int64 labels 0..9."""
    try:
        with np.load(io.BytesIO(digits_bytes()), allow_pickle=False) as data:
            x, y = data["X"], data["y"]
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise DatasetError(
            _("the bundled digits data set is damaged: {err}").format(err=err)
        ) from None
    return x.astype(np.float32), y.astype(np.int64)
