"""core: how numbers and arrays are written for people - on wires, in captions, in the CLI.

One rule everywhere: `precision()` significant digits (View ▸ Precision sets it, 2 to 6;
the default 3 prints the lecture's figures as printed: -0.112, 0.636, 0.0484), no '-0',
whole numbers up to a million written out rather than in e-notation.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

DEFAULT_DIGITS = 3
MIN_DIGITS, MAX_DIGITS = 2, 6
_WHOLE_LIMIT = 1e6  # below this, a number too big for the digits is written out whole

_digits = DEFAULT_DIGITS


def precision() -> int:
    """Significant digits every number is shown with (unless a caller asks for more)."""
    return _digits


def set_precision(digits: int) -> int:
    """Show numbers with `digits` significant digits (clamped to 2..6); returns the value set."""
    global _digits
    _digits = max(MIN_DIGITS, min(MAX_DIGITS, int(digits)))
    return _digits


def format_number(x: float, digits: int | None = None) -> str:
    """A compact number: `digits` (default: `precision()`) significant digits, no '-0',
    'inf'/'nan' spelled out, 1234 rather than 1.23e3."""
    digits = _digits if digits is None else digits
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    text = f"{x:.{digits}g}"
    if "e" in text and 1 <= abs(x) < _WHOLE_LIMIT:
        return str(round(x))
    if "e" in text:
        mantissa, exp = text.split("e")
        text = f"{mantissa}e{int(exp)}"
    return "0" if text in ("-0", "-0.0") else text


def format_shape(shape: tuple[int, ...]) -> str:
    """A shape as people write it: '2×3', '4' for a vector, 'scalar' for 0-d."""
    return "×".join(str(n) for n in shape) if shape else "scalar"


def format_array(arr: np.ndarray, digits: int | None = None, max_items: int = 6) -> str:
    """A scalar as a number; a small array as nested brackets; a big one as shape + preview."""
    arr = np.asarray(arr)
    if arr.ndim == 0:
        return format_number(arr.item(), digits)
    if arr.size <= max_items:
        return _nested(arr.tolist(), digits)
    flat = ", ".join(format_number(v, digits) for v in arr.ravel()[:3])
    return f"[{format_shape(arr.shape)}: {flat}, …]"


def _nested(value: object, digits: int | None) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_nested(v, digits) for v in value) + "]"
    return format_number(float(value), digits)  # type: ignore[arg-type]


def to_jsonable(arr: np.ndarray) -> float | list[Any]:
    """A number or nested list for JSON (non-finite numbers become the strings 'inf'/'nan')."""
    arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim == 0:
        x = float(arr)
        return x if math.isfinite(x) else format_number(x)  # type: ignore[return-value]
    return [to_jsonable(a) for a in arr]
