"""nn: Adam's update of a large parameter in one pass per element, compiled by Numba.

numpy does Adam's update as seven passes over the parameter (`optim.Adam._kernel`); on the
3072x512 first layer of `bench/train.py` that is ~2.4 ms, a quarter of an SGD step. The
update reads g, m, v and w once and writes m, v and w once per element, so one loop that
does all of it, vectorised, moves less than half the memory: Numba compiles that loop
and it takes ~0.6 ms on one core (docs/performance.md section 5).

Numba is an optional dependency (the `fast` extra, in the quick start): where it is not
installed, or fails to load or compile, `update` returns False and Adam does its numpy
passes - the same arithmetic in the same order (float rounding aside: BLAS's axpby may
fuse a multiply-add that the loop rounds twice; tests bound the difference). Only
parameters of at least `MIN_SIZE` elements take this path, so training a toy network never
imports Numba (its import and first compile take a second; the compiled code is cached on
disk after that).

The loop releases the GIL and keeps no state, so two trainings at once (as a comparison
may run) can both use it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

MIN_SIZE = 1 << 16  # elements; below this the seven numpy passes cost less than a call
DISABLE_ENV = "GRADFLOW_NO_NUMBA"  # set (to anything) to keep Adam on its numpy passes


@cache
def _compiled() -> Callable[..., None] | None:
    """The compiled update loop, or None where Numba is missing, disabled or broken."""
    if os.environ.get(DISABLE_ENV):
        return None
    try:
        from gradflow.nn import adam_loop  # imports Numba and compiles (or loads) the loop
    except Exception:  # Numba missing, built for another numpy, or unable to compile here
        return None
    loop: Callable[..., None] = adam_loop.adam_update
    return loop


def available() -> bool:
    """Whether the compiled update can run here (imports and compiles it once)."""
    return _compiled() is not None


def update(
    w: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    beta1: np.floating[Any],
    beta2: np.floating[Any],
    eps: np.floating[Any],
    step: np.floating[Any],
) -> bool:
    """Adam's update of `w` (and its moments `m`, `v`) in place, in one compiled pass.

    m <- g + beta1 m;  v <- g² + beta2 v;  w <- w - step * m / (sqrt(v) + eps), with the
    constants as `optim.Adam` folds them. Returns False, changing nothing, when this path
    does not apply (a small or non-contiguous array, mixed dtypes, no Numba): the caller
    then does the update with numpy.
    """
    if w.size < MIN_SIZE or not _same_contiguous(w, g, m, v):
        return False
    loop = _compiled()
    if loop is None:
        return False
    dtype = w.dtype.type
    flat = (a.reshape(-1) for a in (w, g, m, v))  # views: every array is contiguous
    loop(*flat, dtype(beta1), dtype(beta2), dtype(eps), dtype(step))
    return True


def _same_contiguous(*arrays: np.ndarray) -> bool:
    """All C-contiguous, of one shape and one float dtype the loop is compiled for."""
    first = arrays[0]
    if first.dtype not in (np.float32, np.float64):
        return False
    return all(
        a.dtype == first.dtype and a.shape == first.shape and a.flags.c_contiguous for a in arrays
    )
