"""nn: data sets - which set a name means, the train/validation split and standardisation.

`load_dataset("spiral")`, `load_dataset("digits")`, `load_dataset("line",
task="regression")`, `load_dataset("cifar10:DIR")` or `load_dataset("npz:PATH")` returns
a `Dataset` with float32 features standardised on the training part only, and int64
class labels 0..K-1 (classification) or float32 target rows (regression). The toy sets
are generated (`toy_sets`), the digits ship with gradflow (`bundled`); nothing is ever
downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gradflow.core.errors import DatasetError
from gradflow.core.i18n import _
from gradflow.nn.bundled import CIFAR_NAMES, CIFAR_SHAPE, DIGITS_NAMES, DIGITS_SHAPE, read_digits
from gradflow.nn.files import check_arrays, read_cifar10, read_npz, read_npz_targets
from gradflow.nn.toy_sets import REGRESSION_SETS, TOY_SETS, make_regression, make_toy

__all__ = ["REGRESSION_SETS", "TOY_SETS", "Dataset", "load_dataset", "make_regression", "make_toy"]
TASKS = ("classification", "regression")
NAMED_SETS = (*TOY_SETS, "digits")  # classification sets that need no location


@dataclass(frozen=True)
class Dataset:
    """Standardised training and validation data, and how to standardise new points.

    `mean` and `std` map raw features to the network's inputs: (raw - mean) / std.
    `n_classes` is the network's output size: the number of classes, or of targets per
    row for regression (`task`). `image_shape` says how a feature row is an image
    ((8, 8) for the digits, (3, 32, 32) for CIFAR-10), `class_names` names the outputs.
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    n_classes: int
    mean: np.ndarray
    std: np.ndarray
    task: str = "classification"
    image_shape: tuple[int, ...] | None = None
    class_names: tuple[str, ...] = ()

    @property
    def n_features(self) -> int:
        """Input size D."""
        return int(self.x_train.shape[1])

    @property
    def is_2d(self) -> bool:
        """Whether points can be drawn in a plane (and a decision boundary shown)."""
        return self.n_features == 2

    @property
    def is_regression(self) -> bool:
        """Whether the targets are real numbers rather than class labels."""
        return self.task == "regression"

    def names(self) -> tuple[str, ...]:
        """A name for each output: the class names, or "0", "1", ... when there are none."""
        if len(self.class_names) == self.n_classes:
            return self.class_names
        return tuple(str(c) for c in range(self.n_classes))

    def standardise(self, raw: np.ndarray) -> np.ndarray:
        """Raw features as the network sees them (float32)."""
        result: np.ndarray = ((raw - self.mean) / self.std).astype(np.float32)
        return result

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Standardised features back in the data's own units."""
        result: np.ndarray = x * self.std + self.mean
        return result


# --- split and standardise -------------------------------------------------------------------


def split(x: np.ndarray, y: np.ndarray, val_fraction: float, seed: int) -> tuple[Any, ...]:
    """A seeded random split into (x_train, y_train, x_val, y_val)."""
    if not 0 <= val_fraction < 1:
        said = _("the validation fraction must be in [0, 1), got {value}")
        raise DatasetError(said.format(value=val_fraction))
    order = np.random.default_rng(seed).permutation(len(x))
    n_val = round(len(x) * val_fraction)
    if len(x) - n_val < 1:
        raise DatasetError(_("no training samples are left after the validation split"))
    val, train = order[:n_val], order[n_val:]
    return x[train], y[train], x[val], y[val]


def standardised(name: str, parts: tuple[Any, ...], n_classes: int, **extra: object) -> Dataset:
    """A Dataset whose features are scaled by the training part's mean and std; `extra`
    fills the optional fields (task, image_shape, class_names).

    Images (an `image_shape` given) subtract the mean image but share one std for all
    pixels, as the lecture's linear classifier does: a per-pixel std would blow up the
    weights of pixels that are almost always dark, and W's rows would stop looking like
    the classes they score.
    """
    x_train, y_train, x_val, y_val = parts
    mean = x_train.mean(axis=0, dtype=np.float64)
    if extra.get("image_shape") is not None:
        std = np.full(x_train.shape[1], (x_train - mean).std(dtype=np.float64))
    else:
        std = x_train.std(axis=0, dtype=np.float64)
    std[std < 1e-8] = 1.0  # constant features stay as they are

    def scale(a: np.ndarray) -> np.ndarray:
        result: np.ndarray = ((a - mean) / std).astype(np.float32)
        return result

    return Dataset(
        name,
        scale(x_train),
        y_train if extra.get("task") == "regression" else y_train.astype(np.int64),
        scale(x_val),
        y_val if extra.get("task") == "regression" else y_val.astype(np.int64),
        n_classes,
        mean,
        std,
        **extra,  # type: ignore[arg-type]
    )


def load_dataset(
    spec: str,
    *,
    samples: int = 600,
    noise: float = 0.1,
    classes: int | None = None,
    val_fraction: float = 0.2,
    seed: int = 0,
    task: str = "classification",
    image_shape: tuple[int, ...] | None = None,
) -> Dataset:
    """The data set named by `spec`: a toy name, "digits", a regression set (line, sine,
    plane), "cifar10:DIR" or "npz:PATH"; `image_shape` says how an npz row is an image.

    CIFAR-10 validates on its own `test_batch`; the others split off `val_fraction`.
    """
    if task not in TASKS:
        raise DatasetError(
            _('unknown task "{task}" (choose from {names})').format(
                task=task, names=", ".join(TASKS)
            )
        )
    kind, _sep, where = spec.partition(":")
    if where and kind not in ("cifar10", "npz"):
        raise DatasetError(
            _('"{spec}": only cifar10:DIR and npz:PATH take a location').format(spec=spec)
        )
    _check_task(kind, task)
    if kind == "npz" and task == "regression":
        x, t = read_npz_targets(where)
        data = standardised(f"npz:{where}", split(x, t, val_fraction, seed), t.shape[1], task=task)
    elif task == "regression":
        x, t = make_regression(kind, samples, noise, seed)
        data = standardised(kind, split(x, t, val_fraction, seed), 1, task=task)
    elif kind == "cifar10":
        parts = read_cifar10(where)
        data = standardised("cifar10", parts, 10, image_shape=CIFAR_SHAPE, class_names=CIFAR_NAMES)
    elif kind == "npz":
        x, y, k = read_npz(where)
        data = standardised(f"npz:{where}", split(x, y, val_fraction, seed), k)
    elif kind == "digits":
        x, y = read_digits()
        data = standardised(
            "digits",
            split(x, y, val_fraction, seed),
            10,
            image_shape=DIGITS_SHAPE,
            class_names=DIGITS_NAMES,
        )
    else:
        x, y = make_toy(kind, samples, classes, noise, seed)
        check_arrays(x, y, spec)
        data = standardised(kind, split(x, y, val_fraction, seed), int(y.max()) + 1)
    return _with_image_shape(data, image_shape)


def _check_task(kind: str, task: str) -> None:
    """A regression set asked to classify, or a class set asked to regress: say so."""
    if task == "regression" and kind in (*NAMED_SETS, "cifar10"):
        raise DatasetError(
            _('"{name}" is a classification data set; regression needs {names} or npz:PATH').format(
                name=kind, names=", ".join(REGRESSION_SETS)
            )
        )
    if task == "classification" and kind in REGRESSION_SETS:
        raise DatasetError(
            _(
                '"{name}" is a regression data set: use the regression task (--task regression)'
            ).format(name=kind)
        )


def _with_image_shape(data: Dataset, shape: tuple[int, ...] | None) -> Dataset:
    """`data` with the image shape the user gave, checked against its feature count."""
    if shape is None:
        return data
    if int(np.prod(shape)) != data.n_features:
        raise DatasetError(
            _("an image of shape {shape} has {n} pixels, but the data has {d} features").format(
                shape="x".join(map(str, shape)), n=int(np.prod(shape)), d=data.n_features
            )
        )
    return Dataset(**{**data.__dict__, "image_shape": tuple(shape)})
