"""nn: the generated toy sets - 2-D classification sets and 1-D/2-D regression sets.

Classification: spiral, xor, circles, gaussians (points in the plane, integer labels).
Regression: line (y = 0.8 x + 0.3), sine (y = sin x) over one feature, and plane
(y = 0.5 x1 - 0.7 x2 + 0.2) over two, each plus Gaussian noise of std `noise` on y.
Everything is drawn from the seed; nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from gradflow.core.errors import DatasetError
from gradflow.core.i18n import _

TOY_SETS = ("spiral", "xor", "circles", "gaussians")
REGRESSION_SETS = ("line", "sine", "plane")
ALL_NAMES = (*TOY_SETS, "digits", *REGRESSION_SETS, "cifar10:DIR", "npz:PATH")
LINE = (0.8, 0.3)  # slope and intercept of the line set
PLANE = (0.5, -0.7, 0.2)  # the plane set's weights and intercept


# --- classification: N points in the plane, K classes ---------------------------------------


def spiral(n: int, classes: int, noise: float, rng: np.random.Generator) -> tuple[Any, ...]:
    """`classes` interleaved spiral arms; noise is the std of each point's angle (radians)."""
    y = np.arange(n) % classes
    t = rng.uniform(0.0, 1.0, n)
    radius = 0.05 + 0.95 * t
    angle = 4.0 * t + y * (2 * np.pi / classes) + rng.normal(0.0, noise, n)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), y


def xor(n: int, classes: int, noise: float, rng: np.random.Generator) -> tuple[Any, ...]:
    """Points in [-1, 1]^2, class 1 where x and y differ in sign; noise is a position std."""
    p = rng.uniform(-1.0, 1.0, (n, 2))
    y = (p[:, 0] * p[:, 1] < 0).astype(np.int64)
    return p + rng.normal(0.0, noise, p.shape), y


def circles(n: int, classes: int, noise: float, rng: np.random.Generator) -> tuple[Any, ...]:
    """`classes` concentric rings (radius 1, 2, ...); noise is the radius's std."""
    y = np.arange(n) % classes
    angle = rng.uniform(0.0, 2 * np.pi, n)
    radius = (y + 1.0) + rng.normal(0.0, noise, n)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), y


def gaussians(n: int, classes: int, noise: float, rng: np.random.Generator) -> tuple[Any, ...]:
    """`classes` round Gaussian blobs (two by default) 2 from the origin; std 0.5 + 5 noise."""
    y = np.arange(n) % classes
    centres = 2.0 * np.column_stack(
        [
            np.cos(2 * np.pi * np.arange(classes) / classes),
            np.sin(2 * np.pi * np.arange(classes) / classes),
        ]
    )
    return centres[y] + rng.normal(0.0, 0.5 + 5 * noise, (n, 2)), y


_MAKERS: dict[str, Callable[..., tuple[Any, ...]]] = {
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
            _('unknown data set "{name}" (choose from {names})').format(
                name=name, names=", ".join(ALL_NAMES)
            )
        )
    default = 3 if name == "spiral" else 2
    k = 2 if name == "xor" else (default if classes is None else classes)
    if not 2 <= k <= 10:
        said = _("the number of classes must be between 2 and 10, got {value}")
        raise DatasetError(said.format(value=k))
    if not 2 * k <= n <= 1_000_000:
        said = _("the number of samples must be between {least} and 1000000, got {n}")
        raise DatasetError(said.format(least=2 * k, n=n))
    if not (0 <= noise <= 10):
        raise DatasetError(_("noise must be between 0 and 10, got {noise}").format(noise=noise))
    x, y = _MAKERS[name](n, k, noise, np.random.default_rng(seed))
    return x.astype(np.float32), y.astype(np.int64)


# --- regression: targets are real numbers ------------------------------------------------------


def _line(x: np.ndarray) -> np.ndarray:
    return LINE[0] * x[:, 0] + LINE[1]


def _sine(x: np.ndarray) -> np.ndarray:
    result: np.ndarray = np.sin(x[:, 0])
    return result


def _plane(x: np.ndarray) -> np.ndarray:
    return PLANE[0] * x[:, 0] + PLANE[1] * x[:, 1] + PLANE[2]


# name -> (number of features, range of each feature, the noiseless function)
_REGRESSION: dict[str, tuple[int, float, Callable[[np.ndarray], np.ndarray]]] = {
    "line": (1, 2.0, _line),
    "sine": (1, np.pi, _sine),
    "plane": (2, 2.0, _plane),
}


def true_function(name: str) -> Callable[[np.ndarray], np.ndarray]:
    """The noiseless target of a regression set, for raw feature rows."""
    return _REGRESSION[name][2]


def make_regression(
    name: str, n: int = 200, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Raw features (n, 1 or 2), uniform in [-r, r], and targets (n, 1) with noise std `noise`."""
    if name not in _REGRESSION:
        raise DatasetError(
            _('unknown regression data set "{name}" (choose from {names})').format(
                name=name, names=", ".join(REGRESSION_SETS)
            )
        )
    if not 4 <= n <= 1_000_000:
        raise DatasetError(
            _("the number of samples must be between 4 and 1000000, got {n}").format(n=n)
        )
    if not 0 <= noise <= 10:
        raise DatasetError(_("noise must be between 0 and 10, got {noise}").format(noise=noise))
    d, r, fn = _REGRESSION[name]
    rng = np.random.default_rng(seed)
    x = rng.uniform(-r, r, (n, d))
    t = fn(x) + rng.normal(0.0, noise, n)
    return x.astype(np.float32), t.reshape(-1, 1).astype(np.float32)
