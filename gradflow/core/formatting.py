"""core: how numbers and arrays are written for people - on wires, in captions, in the CLI."""

from __future__ import annotations

import math

import numpy as np


def format_number(x: float, digits: int = 4) -> str:
    """A compact number: up to `digits` significant digits, no '-0', 'inf'/'nan' spelled out."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    text = f"{x:.{digits}g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        text = f"{mantissa}e{int(exp)}"
    return text


def format_shape(shape: tuple[int, ...]) -> str:
    """A shape as people write it: '2×3', '4' for a vector, 'scalar' for 0-d."""
    return "×".join(str(n) for n in shape) if shape else "scalar"


def format_array(arr: np.ndarray, digits: int = 4, max_items: int = 6) -> str:
    """A scalar as a number; a small array as nested brackets; a big one as shape + preview."""
    arr = np.asarray(arr)
    if arr.ndim == 0:
        return format_number(arr.item(), digits)
    if arr.size <= max_items:
        return _nested(arr.tolist(), digits)
    flat = ", ".join(format_number(v, digits) for v in arr.ravel()[:3])
    return f"[{format_shape(arr.shape)}: {flat}, …]"


def _nested(value: object, digits: int) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_nested(v, digits) for v in value) + "]"
    return format_number(float(value), digits)  # type: ignore[arg-type]


def to_jsonable(arr: np.ndarray) -> float | list:
    """A number or nested list for JSON (non-finite numbers become the strings 'inf'/'nan')."""
    arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim == 0:
        x = float(arr)
        return x if math.isfinite(x) else format_number(x)  # type: ignore[return-value]
    return [to_jsonable(a) for a in arr]
