"""nn: the compiled loop behind `fused_adam` - importing this module imports Numba.

Compiled when imported, for float32 and float64 arrays, and cached on disk by Numba
(next to this file, or in the user's cache folder where that is read-only), so only the
first import on a machine pays the compile (~1 s; ~0.2 s to load it later).
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np

_SIGNATURES = [
    f"void({t}[::1], {t}[::1], {t}[::1], {t}[::1], {t}, {t}, {t}, {t})"
    for t in ("float32", "float64")
]


@numba.njit(_SIGNATURES, parallel=True, cache=True, nogil=True)  # type: ignore[untyped-decorator]
def adam_update(w: Any, g: Any, m: Any, v: Any, b1: Any, b2: Any, eps: Any, step: Any) -> None:
    """One Adam step over flat arrays, in place; m and v kept divided by (1 - beta)."""
    for i in numba.prange(w.size):
        gi = g[i]
        mi = gi + b1 * m[i]
        vi = gi * gi + b2 * v[i]
        m[i] = mi
        v[i] = vi
        w[i] = w[i] - step * (mi / (np.sqrt(vi) + eps))
