"""core: BLAS into existing arrays - C <- alpha * A @ B + beta * C (gemm), y <- a x + b y.

numpy's `matmul(..., out=)` computes C = A @ B only; BLAS's gemm also scales the product
and adds it to what C holds, in the same pass over C. The training step uses that to fold
plain gradient descent into the weight gradient's product (W <- W - lr * Xᵀ G, one gemm,
no dW array, see `core.descend`), and the optimisers use axpby (one pass where numpy
needs a scale and an add).

The BLAS called is numpy's own: numpy's wheels bundle OpenBLAS (scipy-openblas64, whose
CBLAS functions are exported as `scipy_cblas_sgemm64_` and so on, with 64-bit integers),
and `ctypes` calls it with the arrays' own memory - the same library, kernels and thread
pool that `np.matmul` uses. Two other ways were measured and left (docs/performance.md
section 5): SciPy's BLAS wrappers bring a second OpenBLAS (an older one here, 10 % slower
on the step's big product), and a product in one library right after one in the other
ran while the first one's threads still spun on the cores (a step mixing them took 1.6x
as long). Where numpy's OpenBLAS is not found (numpy built on another BLAS), numpy does
the same arithmetic: the product, then the scaled add - one pass more, same numbers to
float rounding.

Results of `gemm_into(out, a, b)` equal `np.matmul(a, b, out=out)` bit for bit (tested):
the same kernels on the same operands (row-major CBLAS, transposed views passed as
transposes, nothing copied).
"""

from __future__ import annotations

import ctypes
import glob
import os
from collections.abc import Callable
from typing import Any

import numpy as np

ROW_MAJOR, NO_TRANS, TRANS = 101, 111, 112  # CBLAS enums
_int, _ptr = ctypes.c_int64, ctypes.c_void_p


def _numpy_openblas() -> dict[tuple[str, np.dtype], Callable[..., Any]]:
    """gemm and axpby (s and d) of the OpenBLAS bundled with numpy's wheel, or {}."""
    here = os.path.dirname(np.__file__)
    patterns = (
        os.path.join(here, os.pardir, "numpy.libs", "libscipy_openblas64_*"),  # Linux, Windows
        os.path.join(here, ".dylibs", "libscipy_openblas64_*"),  # macOS
    )
    for path in sorted(p for pattern in patterns for p in glob.glob(pattern)):
        try:
            lib = ctypes.CDLL(path)  # already loaded by numpy: the same handle
        except OSError:
            continue
        found: dict[tuple[str, np.dtype], Callable[..., Any]] = {}
        enum = ctypes.c_int
        for letter, dtype, real in (
            ("s", np.float32, ctypes.c_float),
            ("d", np.float64, ctypes.c_double),
        ):
            # gemm: order, transposes, m n k, alpha, a lda, b ldb, beta, c ldc
            gemm = [enum, enum, enum, _int, _int, _int, real, _ptr, _int, _ptr, _int, real]
            axpby = [_int, real, _ptr, _int, real, _ptr, _int]  # n, a, x incx, b, y incy
            signatures = {"gemm": [*gemm, _ptr, _int], "axpby": axpby}
            for kind, argtypes in signatures.items():
                fn = getattr(lib, f"scipy_cblas_{letter}{kind}64_", None)
                if fn is not None:
                    fn.restype, fn.argtypes = None, argtypes
                    found[kind, np.dtype(dtype)] = fn
        if len(found) == 4:
            return found
    return {}


_GEMM = _numpy_openblas()
HAVE_BLAS = bool(_GEMM)  # False: every product through numpy (tests switch it off)


def _operand(m: np.ndarray) -> tuple[int, int] | None:
    """(transpose flag, leading dimension) to hand m to row-major CBLAS without a copy:
    C-ordered as it is, Fortran-ordered (a transposed view) as the transpose of its
    C-ordered base; None for any other layout."""
    if m.flags.c_contiguous:
        return NO_TRANS, max(1, m.shape[1])
    if m.flags.f_contiguous:
        return TRANS, max(1, m.shape[0])
    return None


def gemm_into(
    out: np.ndarray, a: np.ndarray, b: np.ndarray, alpha: float = 1.0, beta: float = 0.0
) -> np.ndarray:
    """out <- alpha * (a @ b) + beta * out, in place, for 2-D float arrays; returns out.

    With beta 0 what `out` held is ignored (it may be uninitialised). `out` must have the
    product's shape and be C-contiguous (or the numpy path, which accepts any, is taken).
    """
    gemm = _GEMM.get(("gemm", out.dtype)) if HAVE_BLAS else None
    ok = (
        gemm is not None
        and a.dtype == b.dtype == out.dtype
        and out.flags.c_contiguous
        and out.flags.writeable
        and a.size > 0
        and b.size > 0
        and not np.may_share_memory(out, a)
        and not np.may_share_memory(out, b)
    )
    oa, ob = (_operand(a), _operand(b)) if ok else (None, None)
    if gemm is None or oa is None or ob is None:
        return _numpy_gemm(out, a, b, alpha, beta)
    m, k = a.shape
    n = b.shape[1]
    gemm(
        ROW_MAJOR, oa[0], ob[0], m, n, k, alpha, a.ctypes.data, oa[1],
        b.ctypes.data, ob[1], beta, out.ctypes.data, max(1, n),
    )  # fmt: skip
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


def axpby(
    y: np.ndarray,
    x: np.ndarray,
    a: float | np.floating[Any],
    b: float | np.floating[Any],
    scratch: np.ndarray,
) -> np.ndarray:
    """y <- a * x + b * y in place, in one pass over y (BLAS axpby); returns y.

    The optimisers' updates are made of these (m <- g + beta1 * m, w <- w - lr * u).
    OpenBLAS runs axpby on the calling thread (its axpy would wake its thread pool, which
    on a busy machine made one 6 MB update take 15 ms instead of 0.2). Without numpy's
    OpenBLAS, or for arrays it cannot take as they are, numpy does it in two passes,
    using `scratch` (like x) for a * x - the optimisers' previous arithmetic exactly.
    """
    fn = _GEMM.get(("axpby", y.dtype)) if HAVE_BLAS else None
    if (
        fn is not None
        and x.dtype == y.dtype
        and x.shape == y.shape
        and x.flags.c_contiguous
        and y.flags.c_contiguous
        and y.flags.writeable
        and not np.may_share_memory(x, y)
    ):
        fn(y.size, float(a), x.ctypes.data, 1, float(b), y.ctypes.data, 1)
        return y
    scalar = y.dtype.type
    if b != 1.0:
        y *= scalar(b)
    if a == 1.0:
        y += x
    else:
        np.multiply(x, scalar(a), out=scratch)
        y += scratch
    return y
