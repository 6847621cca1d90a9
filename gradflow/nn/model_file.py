"""nn: model files - a trained MLP's weights, biases, config and standardisation in one `.npz`.

Layout (numpy's `.npz`, read with `allow_pickle=False`): `header` is a JSON string
`{"format": "gradflow-model", "version": 1, "sizes": [...], "config": {...},
"class_names": [...], "image_shape": [...] | null}`; `W1`, `b1`, ... are the parameters
exactly as trained (float32, W stored D x H as the network multiplies rows by it);
`mean` and `std` (float64) are the standardisation the network's inputs went through.
Saving is atomic; save then load gives the same arrays bit for bit. Loading checks
everything and raises one `ModelFileError` naming the first problem.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from gradflow.core.errors import DatasetError, GradflowError
from gradflow.core.i18n import _
from gradflow.nn.config import TrainConfig
from gradflow.nn.datasets import Dataset
from gradflow.nn.npz_read import read_members

FORMAT = "gradflow-model"
VERSION = 1


class ModelFileError(GradflowError):
    """A model file that cannot be saved or loaded; the message names the file and problem."""


@dataclass(frozen=True)
class Checkpoint:
    """A trained network as a file holds it: layer sizes, config, parameters, standardisation."""

    sizes: tuple[int, ...]
    config: TrainConfig
    params: Mapping[str, np.ndarray]
    mean: np.ndarray
    std: np.ndarray
    class_names: tuple[str, ...] = ()
    image_shape: tuple[int, ...] | None = None

    def apply_to(self, data: Dataset, sizes: tuple[int, ...]) -> Dataset:
        """`data` standardised the way this model's inputs were (DatasetError if the
        model's layer sizes do not fit the data)."""
        if tuple(sizes) != self.sizes:
            raise DatasetError(
                _("the model has layers {model}, but this data set and config need {need}").format(
                    model="-".join(map(str, self.sizes)), need="-".join(map(str, sizes))
                )
            )

        def again(x: np.ndarray) -> np.ndarray:
            result: np.ndarray = ((data.raw(x) - self.mean) / self.std).astype(np.float32)
            return result

        return Dataset(
            **{
                **data.__dict__,
                "x_train": again(data.x_train),
                "x_val": again(data.x_val),
                "mean": self.mean,
                "std": self.std,
            }
        )


def checkpoint_of(
    config: TrainConfig, data: Dataset, params: Mapping[str, np.ndarray]
) -> Checkpoint:
    """What a trainer with this config, data and parameters would save (arrays copied)."""
    sizes = (data.n_features, *config.hidden, data.n_classes)
    return Checkpoint(
        sizes,
        config,
        {k: np.array(v, copy=True) for k, v in params.items()},
        np.array(data.mean, dtype=np.float64),
        np.array(data.std, dtype=np.float64),
        data.names(),
        data.image_shape,
    )


def save_model(checkpoint: Checkpoint, path: str | os.PathLike[str]) -> None:
    """Write `checkpoint` to `path` atomically (the old file stays if anything fails)."""
    header = {
        "format": FORMAT,
        "version": VERSION,
        "sizes": list(checkpoint.sizes),
        "config": _config_json(checkpoint.config),
        "class_names": list(checkpoint.class_names),
        "image_shape": None if checkpoint.image_shape is None else list(checkpoint.image_shape),
    }
    buf = io.BytesIO()
    arrays: dict[str, Any] = {
        "header": np.array(json.dumps(header)),
        "mean": checkpoint.mean,
        "std": checkpoint.std,
        **checkpoint.params,
    }
    np.savez_compressed(buf, **arrays)
    _write_atomic(Path(path), buf.getvalue())


def _write_atomic(target: Path, data: bytes) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise ModelFileError(
            _("cannot save {path}: {why}").format(path=target, why=err.strerror or err)
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise ModelFileError(
                _("cannot save {path}: {why}").format(path=target, why=err.strerror or err)
            ) from None
        raise


def _config_json(config: TrainConfig) -> dict[str, Any]:
    out = dataclasses.asdict(config)
    out["hidden"] = list(config.hidden)
    out["image_shape"] = None if config.image_shape is None else list(config.image_shape)
    return out


def load_model(path: str | os.PathLike[str]) -> Checkpoint:
    """The model saved at `path`; one ModelFileError for any problem with the file."""
    file = Path(path).expanduser()
    if not file.exists():
        raise ModelFileError(_("model file not found: {path}").format(path=file))
    try:  # each member's header is checked before anything is allocated (npz_read)
        arrays = read_members(file)
    except DatasetError as err:
        raise ModelFileError(
            _("{path} is not a gradflow model file ({why})").format(path=file, why=err)
        ) from None
    try:
        return _checked(arrays)
    except (_Bad, ValueError, TypeError) as err:
        raise ModelFileError(
            _("{path} is not a usable gradflow model: {why}").format(path=file, why=err)
        ) from None


class _Bad(Exception):
    pass


def _checked(arrays: dict[str, np.ndarray]) -> Checkpoint:
    """Every field of a model file checked; _Bad names the first problem."""
    head = arrays.pop("header", None)
    if head is None or head.shape != () or head.dtype.kind != "U":
        raise _Bad(_("no header"))
    header = json.loads(str(head))
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise _Bad(_("the header does not say format gradflow-model"))
    if header.get("version") != VERSION:
        raise _Bad(_("unsupported version {v}").format(v=header.get("version")))
    sizes = header.get("sizes")
    if (
        not isinstance(sizes, list)
        or not 2 <= len(sizes) <= 18
        or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 1 for s in sizes)
    ):
        raise _Bad(_("sizes must be a list of at least two positive whole numbers"))
    config = _config_from(header.get("config"), sizes)
    expected = {"mean", "std"} | {f"{p}{i}" for i in range(1, len(sizes)) for p in "Wb"}
    if set(arrays) != expected:
        raise _Bad(
            _("it must hold exactly the arrays {names}").format(names=", ".join(sorted(expected)))
        )
    params: dict[str, np.ndarray] = {}
    for i in range(1, len(sizes)):
        for name, shape in ((f"W{i}", (sizes[i - 1], sizes[i])), (f"b{i}", (sizes[i],))):
            params[name] = _array(arrays[name], name, shape, np.float32)
    mean = _array(arrays["mean"], "mean", (sizes[0],), np.float64)
    std = _array(arrays["std"], "std", (sizes[0],), np.float64)
    if np.any(std <= 0):
        raise _Bad(_("std must be positive"))
    names = header.get("class_names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise _Bad(_("class_names must be a list of strings"))
    image = header.get("image_shape")
    return Checkpoint(
        tuple(sizes),
        config,
        params,
        mean,
        std,
        tuple(names),
        None if image is None else tuple(int(s) for s in image),
    )


def _array(a: np.ndarray, name: str, shape: tuple[int, ...], dtype: type) -> np.ndarray:
    if a.shape != shape or a.dtype != dtype:
        raise _Bad(
            _("{name} must be {dtype} of shape {shape}, got {got} of shape {gshape}").format(
                name=name, dtype=np.dtype(dtype).name, shape=shape, got=a.dtype, gshape=a.shape
            )
        )
    if not np.all(np.isfinite(a)):
        raise _Bad(_("{name} contains NaN or infinite values").format(name=name))
    return a


def _config_from(raw: object, sizes: list[int]) -> TrainConfig:
    if not isinstance(raw, dict):
        raise _Bad(_("no config"))
    fields = {f.name for f in dataclasses.fields(TrainConfig)}
    unknown = sorted(set(raw) - fields)
    if unknown:
        raise _Bad(_("unknown config keys: {keys}").format(keys=", ".join(unknown)))
    values = dict(raw)
    values["hidden"] = tuple(values.get("hidden", ()))
    if values.get("image_shape") is not None:
        values["image_shape"] = tuple(values["image_shape"])
    config = TrainConfig(**values)
    try:
        config.validate()
    except GradflowError as err:
        raise _Bad(str(err)) from None
    if list(config.hidden) != sizes[1:-1]:
        raise _Bad(_("the config's hidden layers do not match the sizes"))
    return config
