"""nn: elementwise work on big arrays, cut into contiguous parts run on all cores at once.

`in_parts(kernel, arrays, constants)` calls `kernel(*parts, *constants)` on matching
slices of the flattened arrays: the calling thread takes the first part, a small pool
of worker threads the others, and it returns when all are done. numpy releases the GIL
inside a ufunc, so the parts really run in parallel. Only kernels whose every output
element depends on the same element of the inputs may be cut this way (optimiser
updates); the result is then bit for bit that of one call on the whole arrays.
Arrays under `MIN_PART` elements per part, or not C-contiguous, are done in one call:
handing a part to a thread costs some tens of microseconds.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

MIN_PART = 1 << 17  # elements (512 KiB of float32) per part at least
MAX_PARTS = 4


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


PARTS = max(1, min(MAX_PARTS, _cores()))
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _workers() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max(1, PARTS - 1), thread_name_prefix="gradflow-parts")
        return _pool


def part_bounds(size: int, parts: int) -> list[tuple[int, int]]:
    """`parts` contiguous ranges covering 0..size, as even as possible."""
    cuts = [size * i // parts for i in range(parts + 1)]
    return list(itertools.pairwise(cuts))


def in_parts(
    kernel: Callable[..., None],
    arrays: Sequence[np.ndarray],
    constants: Sequence[object] = (),
    parts: int | None = None,
) -> None:
    """kernel(*slices, *constants) over matching parts of `arrays` (all the same size)."""
    size = arrays[0].size
    n = min(PARTS if parts is None else parts, size // MIN_PART)
    if n <= 1 or not all(a.flags.c_contiguous for a in arrays):
        kernel(*arrays, *constants)
        return
    flat = [a.reshape(-1) for a in arrays]  # views: the arrays are contiguous
    bounds = part_bounds(size, n)
    pool = _workers()
    pending: list[Future[None]] = [
        pool.submit(kernel, *(f[lo:hi] for f in flat), *constants) for lo, hi in bounds[1:]
    ]
    lo, hi = bounds[0]
    try:
        kernel(*(f[lo:hi] for f in flat), *constants)
    finally:
        for done in pending:
            done.result()
