"""core: matrix products into existing arrays, C <- alpha * A @ B + beta * C (BLAS gemm).

numpy's `matmul(..., out=)` computes C = A @ B only; BLAS's gemm also scales the product
and adds it to what C holds, in the same pass over C. The training step uses that to fold
plain gradient descent into the weight gradient's product (W <- W - lr * Xᵀ G, one gemm,
no dW array, see `core.descend`). SciPy's BLAS wrappers (`scipy.linalg.blas`) expose
gemm; without SciPy the same arithmetic runs in numpy (the product, then the scaled add).

Every product of a training step goes through here, not just the fused one: numpy and
SciPy each bring their own OpenBLAS with its own threads, and a product in one library
right after one in the other runs while the first one's threads still spin on the cores
(measured: a step mixing the two took 1.6x the time of either alone).

C-ordered arrays are handed to Fortran BLAS as their transposes (a C-ordered array's
transpose is Fortran-ordered, so nothing is copied): C = A @ B is computed as
Cᵀ = Bᵀ @ Aᵀ. Results of `gemm_into(out, a, b)` equal `np.matmul(a, b, out=out)` bit for
bit where both call the same OpenBLAS kernels (tested), and to float rounding otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

try:  # SciPy is a dependency; the fallback keeps core importable without it
    from scipy.linalg import blas as _blas
except ImportError:  # pragma: no cover - exercised by monkeypatching HAVE_BLAS
    _blas = None

HAVE_BLAS = _blas is not None


def _gemm_for(dtype: np.dtype) -> Callable[..., Any] | None:
    if _blas is None or not HAVE_BLAS:
        return None
    if dtype == np.float32:
        return _blas.sgemm  # type: ignore[no-any-return]
    if dtype == np.float64:
        return _blas.dgemm  # type: ignore[no-any-return]
    return None


def _fortran_operand(m: np.ndarray) -> tuple[np.ndarray, int] | None:
    """m as BLAS takes it without a copy: (array, 0) if m is Fortran-ordered, (mᵀ, 1) if
    m is C-ordered (BLAS then reads its transpose); None if it is neither."""
    if m.flags.f_contiguous:
        return m, 0
    if m.flags.c_contiguous:
        return m.T, 1
    return None


def gemm_into(
    out: np.ndarray, a: np.ndarray, b: np.ndarray, alpha: float = 1.0, beta: float = 0.0
) -> np.ndarray:
    """out <- alpha * (a @ b) + beta * out, in place, for 2-D float arrays; returns out.

    With beta 0 what `out` held is ignored (it may be uninitialised). `out` must be
    C-contiguous with the product's shape and the factors' dtype.
    """
    gemm = _gemm_for(out.dtype)
    ops = None
    if gemm is not None and a.dtype == b.dtype == out.dtype and out.flags.c_contiguous:
        # out is C-ordered, so outᵀ (Fortran-ordered) = bᵀ @ aᵀ
        bt, at = _fortran_operand(b.T), _fortran_operand(a.T)
        ops = None if bt is None or at is None else (bt, at)
    if ops is None or gemm is None:
        return _numpy_gemm(out, a, b, alpha, beta)
    (fb, trans_b), (fa, trans_a) = ops
    gemm(alpha, fb, fa, beta=beta, c=out.T, trans_a=trans_b, trans_b=trans_a, overwrite_c=1)
    return out


def _numpy_gemm(
    out: np.ndarray, a: np.ndarray, b: np.ndarray, alpha: float, beta: float
) -> np.ndarray:
    """The same arithmetic in numpy: the product in a new array, then scaled and added."""
    if alpha == 1.0 and beta == 0.0:
        return np.matmul(a, b, out=out)
    scalar = out.dtype.type
    product = np.matmul(a, b)
    if alpha != 1.0:
        product *= scalar(alpha)
    if beta == 0.0:
        out[...] = product
    else:
        if beta != 1.0:
            out *= scalar(beta)
        out += product
    return out
