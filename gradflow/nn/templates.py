"""nn: W as templates - each row of the first layer's W (lecture orientation) as an image.

For the single-layer classifier f(x) = W x + b, row c of W is dotted with the image x to
give class c's score: it is the picture class c "looks for". The MLP stores W1 as d x h,
so row c of the lecture's W is column c of W1. Images are (h, w) grey or (h, w, 3)
colour; CIFAR-10's rows are channel planes (3, 32, 32) and are turned channels-last.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

NEGATIVE = np.array([33.0, 102.0, 172.0])  # blue: the template wants this pixel dark
POSITIVE = np.array([178.0, 24.0, 43.0])  # red: ... bright
WHITE = np.array([255.0, 255.0, 255.0])


def template_tiles(w1: np.ndarray, image_shape: tuple[int, ...]) -> np.ndarray:
    """One image per unit of the first layer: (units, h, w) or (units, h, w, 3)."""
    rows = np.asarray(w1, dtype=np.float64).T  # lecture orientation: one row per unit
    tiles = rows.reshape(len(rows), *image_shape)
    if len(image_shape) == 3 and image_shape[0] == 3 and image_shape[2] != 3:
        tiles = tiles.transpose(0, 2, 3, 1)  # channel planes -> channels last
    if tiles.ndim == 4 and tiles.shape[3] == 1:
        tiles = tiles[..., 0]
    return tiles


def tiles_rgb(tiles: np.ndarray) -> np.ndarray:
    """The tiles as uint8 RGB (units, h, w, 3).

    Grey tiles use one diverging scale for all (white 0, red positive, blue negative, the
    same weight the same colour in every tile); colour tiles are each stretched from their
    own minimum to maximum, as the lecture's CIFAR-10 templates are drawn.
    """
    if tiles.ndim == 4:
        lo = tiles.min(axis=(1, 2, 3), keepdims=True)
        span = tiles.max(axis=(1, 2, 3), keepdims=True) - lo
        scaled: np.ndarray = np.round(255 * (tiles - lo) / np.where(span > 0, span, 1))
        return scaled.astype(np.uint8)
    scale = float(np.abs(tiles).max()) or 1.0
    t = (tiles / scale)[..., None]
    rgb = np.where(t >= 0, WHITE + t * (POSITIVE - WHITE), WHITE - t * (NEGATIVE - WHITE))
    result: np.ndarray = np.round(rgb).astype(np.uint8)
    return result


def template_names(hidden: tuple[int, ...], class_names: Sequence[str]) -> tuple[str, ...]:
    """The name under each tile: the class names for a single-layer classifier (its W's
    rows are the classes), "unit k" of the first hidden layer otherwise."""
    if not hidden:
        return tuple(class_names)
    return tuple(f"unit {k + 1}" for k in range(hidden[0]))
