"""nn: data sets - 2-D toy sets, the train/validation split and standardisation.

`load_dataset("spiral")`, `load_dataset("cifar10:DIR")` or `load_dataset("npz:PATH")`
returns a `Dataset` with float32 features standardised on the training part only and
int64 class labels 0..K-1. Nothing is ever downloaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gradflow.core.errors import DatasetError
from gradflow.nn.files import check_arrays, read_cifar10, read_npz

TOY_SETS = ("spiral", "xor", "circles", "gaussians")


@dataclass(frozen=True)
class Dataset:
    """Standardised training and validation data, and how to standardise new points.

    `mean` and `std` map raw features to the network's inputs: (raw - mean) / std.
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    n_classes: int
    mean: np.ndarray
    std: np.ndarray

    @property
    def n_features(self) -> int:
        """Input size D."""
        return int(self.x_train.shape[1])

    @property
    def is_2d(self) -> bool:
        """Whether points can be drawn in a plane (and a decision boundary shown)."""
        return self.n_features == 2

    def standardise(self, raw: np.ndarray) -> np.ndarray:
        """Raw features as the network sees them (float32)."""
        return ((raw - self.mean) / self.std).astype(np.float32)

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Standardised features back in the data's own units."""
        return x * self.std + self.mean


# --- toy sets (N points, 2 features) -------------------------------------------------------


def spiral(n: int, classes: int, noise: float, rng: np.random.Generator) -> tuple:
    """`classes` interleaved spiral arms; noise is the std of each point's angle (radians)."""
    y = np.arange(n) % classes
    t = rng.uniform(0.0, 1.0, n)
    radius = 0.05 + 0.95 * t
    angle = 4.0 * t + y * (2 * np.pi / classes) + rng.normal(0.0, noise, n)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), y


def xor(n: int, classes: int, noise: float, rng: np.random.Generator) -> tuple:
    """Points in [-1, 1]^2, class 1 where x and y differ in sign; noise is a position std."""
    p = rng.uniform(-1.0, 1.0, (n, 2))
    y = (p[:, 0] * p[:, 1] < 0).astype(np.int64)
    return p + rng.normal(0.0, noise, p.shape), y


def circles(n: int, classes: int, noise: float, rng: np.random.Generator) -> tuple:
    """`classes` concentric rings (radius 1, 2, ...); noise is the radius's std."""
    y = np.arange(n) % classes
    angle = rng.uniform(0.0, 2 * np.pi, n)
    radius = (y + 1.0) + rng.normal(0.0, noise, n)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), y


def gaussians(n: int, classes: int, noise: float, rng: np.random.Generator) -> tuple:
    """`classes` round Gaussian blobs (two by default) 2 from the origin; std 0.5 + 5 noise."""
    y = np.arange(n) % classes
    centres = 2.0 * np.column_stack(
        [
            np.cos(2 * np.pi * np.arange(classes) / classes),
            np.sin(2 * np.pi * np.arange(classes) / classes),
        ]
    )
    return centres[y] + rng.normal(0.0, 0.5 + 5 * noise, (n, 2)), y


_MAKERS: dict[str, Callable[..., tuple]] = {
    "spiral": spiral,
    "xor": xor,
    "circles": circles,
    "gaussians": gaussians,
}


def make_toy(
    name: str, n: int = 600, classes: int | None = None, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Raw points (n, 2) and labels of one toy set; xor always has 2 classes."""
    if name not in _MAKERS:
        raise DatasetError(
            f'unknown data set "{name}" (choose from {", ".join(TOY_SETS)}, '
            "cifar10:DIR or npz:PATH)"
        )
    k = 2 if name == "xor" else (classes or (3 if name == "spiral" else 2))
    if not 2 <= k <= 10:
        raise DatasetError(f"the number of classes must be between 2 and 10, got {k}")
    if not 2 * k <= n <= 1_000_000:
        raise DatasetError(f"the number of samples must be between {2 * k} and 1000000, got {n}")
    if not (0 <= noise <= 10):
        raise DatasetError(f"noise must be between 0 and 10, got {noise}")
    x, y = _MAKERS[name](n, k, noise, np.random.default_rng(seed))
    return x.astype(np.float32), y.astype(np.int64)


# --- split and standardise -------------------------------------------------------------------


def split(x: np.ndarray, y: np.ndarray, val_fraction: float, seed: int) -> tuple:
    """A seeded random split into (x_train, y_train, x_val, y_val)."""
    if not 0 <= val_fraction < 1:
        raise DatasetError(f"the validation fraction must be in [0, 1), got {val_fraction}")
    order = np.random.default_rng(seed).permutation(len(x))
    n_val = round(len(x) * val_fraction)
    if len(x) - n_val < 1:
        raise DatasetError("no training samples are left after the validation split")
    val, train = order[:n_val], order[n_val:]
    return x[train], y[train], x[val], y[val]


def standardised(name: str, parts: tuple, n_classes: int) -> Dataset:
    """A Dataset whose features are scaled by the training part's mean and std."""
    x_train, y_train, x_val, y_val = parts
    mean = x_train.mean(axis=0, dtype=np.float64)
    std = x_train.std(axis=0, dtype=np.float64)
    std[std < 1e-8] = 1.0  # constant features (e.g. CIFAR borders) stay as they are

    def scale(a: np.ndarray) -> np.ndarray:
        return ((a - mean) / std).astype(np.float32)

    return Dataset(
        name,
        scale(x_train),
        y_train.astype(np.int64),
        scale(x_val),
        y_val.astype(np.int64),
        n_classes,
        mean,
        std,
    )


def load_dataset(
    spec: str,
    *,
    samples: int = 600,
    noise: float = 0.1,
    classes: int | None = None,
    val_fraction: float = 0.2,
    seed: int = 0,
) -> Dataset:
    """The data set named by `spec`: a toy name, "cifar10:DIR" or "npz:PATH".

    CIFAR-10 validates on its own `test_batch`; the others split off `val_fraction`.
    """
    kind, _, where = spec.partition(":")
    if kind == "cifar10":
        x_train, y_train, x_val, y_val = read_cifar10(where)
        return standardised("cifar10", (x_train, y_train, x_val, y_val), 10)
    if kind == "npz":
        x, y, k = read_npz(where)
        return standardised(f"npz:{where}", split(x, y, val_fraction, seed), k)
    if where:
        raise DatasetError(f'"{spec}": only cifar10:DIR and npz:PATH take a location')
    x, y = make_toy(kind, samples, classes, noise, seed)
    check_arrays(x, y, spec)
    return standardised(kind, split(x, y, val_fraction, seed), int(y.max()) + 1)
