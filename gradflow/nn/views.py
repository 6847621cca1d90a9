"""nn: what the training dock draws of a network, computed from one set of parameters.

`compute_views(trainer, params)` gives, for the live parameters or a history snapshot:
the decision grid (2-D classification), the fitted line or surface (regression on 1 or
2 features), the first hidden layers' unit outputs over the input plane (2-D data, as
TensorFlow Playground draws them), W's rows as templates (image data), and the single
effective matrix when the network is one linear map. All of it comes from the same
engine run the trainer uses; the dock only paints it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from gradflow.core.engine import run
from gradflow.nn.linear_map import effective_linear, is_one_linear_map
from gradflow.nn.templates import template_names, template_tiles, tiles_rgb

if TYPE_CHECKING:
    from gradflow.nn.trainer import Trainer

MAX_UNITS = 8  # hidden-unit maps per layer
MAX_MAP_LAYERS = 2  # "the first hidden layers"
MAX_TEMPLATES = 64
FIT_POINTS = 200


@dataclass(frozen=True)
class Grid:
    """Values on a regular grid over the data's plane: values[iy, ix, ...] at (xs[ix], ys[iy])."""

    xs: np.ndarray
    ys: np.ndarray
    values: np.ndarray


@dataclass(frozen=True)
class Views:
    """Everything drawn of one state of the network (`epoch` None: the live state)."""

    epoch: int | None
    iteration: int
    boundary: Grid | None = None  # class probabilities (res, res, K)
    fit_curve: tuple[np.ndarray, np.ndarray] | None = None  # 1-D regression: xs, predictions
    fit_surface: Grid | None = None  # 2-D regression: predictions (res, res)
    hidden: tuple[tuple[str, np.ndarray], ...] = ()  # ("h1:3" = layer 1 unit 3, (res, res))
    hidden_grid: Grid | None = None  # where the hidden maps were evaluated (values unused)
    templates: np.ndarray | None = None  # uint8 (n, h, w, 3)
    template_names: tuple[str, ...] = ()
    linear_map: tuple[np.ndarray, np.ndarray] | None = None  # W (c x d), b (c,)


def plane_grid(trainer: Trainer, resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """xs, ys and the raw points (res*res, 2) of a grid covering the 2-D data, padded 8 %."""
    data = trainer.data
    pts = data.raw(np.concatenate([data.x_train, data.x_val]))
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = 0.08 * (hi - lo) + 1e-6
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


def _outputs(trainer: Trainer, raw: np.ndarray, params: Mapping[str, np.ndarray]) -> np.ndarray:
    return trainer.model.scores(trainer.data.standardise(raw), params=params)


def hidden_outputs(
    trainer: Trainer, raw: np.ndarray, params: Mapping[str, np.ndarray]
) -> list[np.ndarray]:
    """Each hidden layer's outputs (after the activation) for raw rows, from the engine."""
    model = trainer.model
    layers = len(trainer.config.hidden)
    x = trainer.data.standardise(raw)
    feeds = model.feeds(x, np.zeros(len(x), dtype=np.intp), params)
    if model.regression:
        feeds["y"] = np.zeros((len(x), model.sizes[-1]), dtype=model.dtype)
    res = run(model.eval_graph, record=False, feeds=feeds, all_grads=False)
    return [res.value(f"h{i}") for i in range(1, layers + 1)]


def compute_views(
    trainer: Trainer,
    params: Mapping[str, np.ndarray],
    *,
    epoch: int | None = None,
    iteration: int = 0,
    resolution: int = 80,
) -> Views:
    """The views of the network with `params` (see the module docstring)."""
    data, cfg = trainer.data, trainer.config
    parts: dict[str, object] = {}
    if data.is_regression and data.n_features == 1:
        raw = data.raw(np.concatenate([data.x_train, data.x_val]))[:, 0]
        xs = np.linspace(raw.min(), raw.max(), FIT_POINTS).reshape(-1, 1)
        parts["fit_curve"] = (xs[:, 0], _outputs(trainer, xs, params)[:, 0])
    if data.is_2d:
        xs, ys, pts = plane_grid(trainer, resolution)
        out = _outputs(trainer, pts, params)
        if data.is_regression:
            parts["fit_surface"] = Grid(xs, ys, out[:, 0].reshape(resolution, resolution))
        else:
            from gradflow.nn.trainer import softmax

            parts["boundary"] = Grid(xs, ys, softmax(out).reshape(resolution, resolution, -1))
        if cfg.hidden:
            maps = []
            for i, h in enumerate(hidden_outputs(trainer, pts, params)[:MAX_MAP_LAYERS], 1):
                for u in range(min(MAX_UNITS, h.shape[1])):
                    maps.append((f"h{i}:{u + 1}", h[:, u].reshape(resolution, resolution)))
            parts["hidden"] = tuple(maps)
            parts["hidden_grid"] = Grid(xs, ys, np.zeros(0))
    if data.image_shape is not None:
        tiles = template_tiles(params["W1"][:, :MAX_TEMPLATES], data.image_shape)
        parts["templates"] = tiles_rgb(tiles)
        parts["template_names"] = template_names(cfg.hidden, data.names())[:MAX_TEMPLATES]
    if is_one_linear_map(cfg.activation, cfg.hidden):
        parts["linear_map"] = effective_linear(params)
    return Views(epoch, iteration, **parts)  # type: ignore[arg-type]
