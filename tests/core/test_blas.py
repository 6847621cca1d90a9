"""core.blas: gemm into an existing array - numpy's numbers, in place, every layout."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core import blas
from gradflow.core.blas import axpby, gemm_into


def _factor(
    rng: np.random.Generator, shape: tuple[int, int], dtype: type, order: str
) -> np.ndarray:
    """A (rows, cols) factor stored C-ordered, or as the transpose of a C-ordered array."""
    if order == "C":
        return rng.standard_normal(shape).astype(dtype)
    return rng.standard_normal(shape[::-1]).astype(dtype).T


@settings(max_examples=40, deadline=None)
@given(
    m=st.integers(1, 9),
    k=st.integers(1, 9),
    n=st.integers(1, 9),
    order_a=st.sampled_from("CF"),
    order_b=st.sampled_from("CF"),
    dtype=st.sampled_from([np.float32, np.float64]),
    seed=st.integers(0, 2**16),
)
def test_a_product_equals_numpys_in_every_layout(
    m: int, k: int, n: int, order_a: str, order_b: str, dtype: type, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    a, b = _factor(rng, (m, k), dtype, order_a), _factor(rng, (k, n), dtype, order_b)
    out = np.full((m, n), np.nan, dtype)  # what it held is ignored with beta 0
    got = gemm_into(out, a, b)
    assert got is out
    np.testing.assert_allclose(out, a @ b, rtol=1e-5 if dtype == np.float32 else 1e-12, atol=1e-6)


def test_the_training_shapes_match_numpy_bit_for_bit() -> None:
    # the same OpenBLAS kernels on the step's products: a fused and an unfused step see
    # the same forward and the same activation gradients
    rng = np.random.default_rng(1)
    x = rng.random((64, 300), dtype=np.float32)
    w = rng.standard_normal((300, 40)).astype(np.float32)
    g = rng.standard_normal((64, 40)).astype(np.float32)
    for a, b in ((x, w), (x.T, g), (g, w.T)):
        out = np.empty((a.shape[0], b.shape[1]), np.float32)
        np.testing.assert_array_equal(gemm_into(out, a, b), np.matmul(a, b))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_alpha_and_beta_update_the_array_in_place(dtype: type) -> None:
    rng = np.random.default_rng(2)
    x = rng.standard_normal((30, 20)).astype(dtype)
    g = rng.standard_normal((30, 8)).astype(dtype)
    w = rng.standard_normal((20, 8)).astype(dtype)
    expected = w - dtype(0.01) * (x.T @ g)
    before = w.ctypes.data
    gemm_into(w, x.T, g, alpha=-0.01, beta=1.0)
    assert w.ctypes.data == before  # the very array, not a copy put back
    np.testing.assert_allclose(w, expected, rtol=1e-6 if dtype == np.float32 else 1e-14)


def test_without_numpys_openblas_numpy_does_the_same_arithmetic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal((12, 7)).astype(np.float32)
    g = rng.standard_normal((12, 5)).astype(np.float32)
    w = rng.standard_normal((7, 5)).astype(np.float32)
    with_blas = gemm_into(w.copy(), x.T, g, alpha=-0.5, beta=1.0)
    monkeypatch.setattr(blas, "HAVE_BLAS", False)
    plain = gemm_into(w.copy(), x.T, g, alpha=-0.5, beta=1.0)
    np.testing.assert_allclose(plain, with_blas, rtol=1e-6)
    np.testing.assert_array_equal(gemm_into(np.empty((7, 5), np.float32), x.T, g), x.T @ g)
    scaled = gemm_into(w.copy(), x.T, g, alpha=2.0, beta=0.5)
    np.testing.assert_allclose(scaled, 2 * (x.T @ g) + 0.5 * w, rtol=1e-6)


def test_mixed_dtypes_and_strided_arrays_take_numpys_path() -> None:
    rng = np.random.default_rng(4)
    a = rng.standard_normal((6, 10)).astype(np.float32)[:, ::2]  # neither C nor F ordered
    b = rng.standard_normal((5, 3))
    out = np.empty((6, 3))
    np.testing.assert_allclose(gemm_into(out, a, b), a @ b, rtol=1e-6)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_axpby_is_one_scaled_add_in_place(dtype: type, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    x = rng.standard_normal((40, 30)).astype(dtype)
    y0 = rng.standard_normal((40, 30)).astype(dtype)
    f = np.dtype(dtype).type
    expected = f(-0.25) * x + f(0.9) * y0
    y = y0.copy()
    before = y.ctypes.data
    assert axpby(y, x, -0.25, 0.9, np.empty_like(x)) is y
    assert y.ctypes.data == before
    np.testing.assert_allclose(y, expected, rtol=1e-6 if dtype == np.float32 else 1e-14)
    # numpy's path: the optimisers' previous two passes, bit for bit
    monkeypatch.setattr(blas, "HAVE_BLAS", False)
    y = y0.copy()
    axpby(y, x, -0.25, 0.9, np.empty_like(x))
    y_ref = y0 * f(0.9)
    y_ref += x * f(-0.25)
    np.testing.assert_array_equal(y, y_ref)
