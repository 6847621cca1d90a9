"""core: JSON written as it is produced - big arrays in chunks, lists from generators.

`json.dumps` of a run over big tensors first builds every number as a Python object and
then one string of the whole document; `write_json` writes the same JSON piece by piece,
so memory stays at about one chunk whatever the size of the result. Arrays follow
`formatting.to_jsonable`: nested lists of numbers, "inf"/"-inf"/"nan" as strings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

import numpy as np

from gradflow.core.formatting import to_jsonable

CHUNK = 4096  # numbers per write


def write_json(value: Any, out: IO[str], indent: int = 2) -> None:
    """Write `value` (dicts, lists, generators, numpy arrays, JSON scalars) to `out`."""
    for piece in _pieces(value, 0, indent):
        out.write(piece)
    out.write("\n")


def _pieces(value: Any, level: int, indent: int) -> Iterator[str]:
    if isinstance(value, np.ndarray):
        yield from _array(value)
    elif isinstance(value, dict):
        yield from _container(
            "{", "}", ((f"{_scalar(str(k))}: ", v) for k, v in value.items()), level, indent
        )
    elif isinstance(value, (list, tuple, Iterator)):
        yield from _container("[", "]", (("", v) for v in value), level, indent)
    else:
        yield _scalar(value)


def _container(open_: str, close: str, items: Any, level: int, indent: int) -> Iterator[str]:
    inner = "\n" + " " * (indent * (level + 1))
    empty = True
    for prefix, v in items:
        yield (open_ if empty else ",") + inner + prefix
        empty = False
        yield from _pieces(v, level + 1, indent)
    yield open_ + close if empty else "\n" + " " * (indent * level) + close


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _array(arr: np.ndarray) -> Iterator[str]:
    arr = np.asarray(arr)
    if arr.ndim == 0:
        yield _scalar(to_jsonable(arr))
        return
    if arr.ndim > 1:
        yield "["
        for i, row in enumerate(arr):
            if i:
                yield ", "
            yield from _array(row)
        yield "]"
        return
    yield "["
    for start in range(0, len(arr), CHUNK):
        text = json.dumps(to_jsonable(arr[start : start + CHUNK]), allow_nan=False)
        yield (", " if start else "") + text[1:-1]
    yield "]"
