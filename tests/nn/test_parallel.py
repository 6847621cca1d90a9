"""nn.parallel: an elementwise kernel cut into parts gives the whole-array result, bit for
bit, and the parts really run in other threads."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from gradflow.nn import parallel
from gradflow.nn.parallel import in_parts, part_bounds


def _kernel(seen: list[int]):
    def kernel(x: np.ndarray, out: np.ndarray, k: np.float32) -> None:
        seen.append(threading.get_ident())
        np.multiply(x, k, out=out)
        np.sqrt(out, out=out)

    return kernel


@pytest.mark.parametrize("parts", [2, 3, 4])
def test_parts_give_the_whole_array_result_from_several_threads(parts: int) -> None:
    x = np.random.default_rng(0).random((1000, 700), dtype=np.float32)
    out, whole = np.empty_like(x), np.empty_like(x)
    seen: list[int] = []
    in_parts(_kernel(seen), (x, out), (np.float32(3),), parts=parts)
    _kernel([])(x, whole, np.float32(3))
    np.testing.assert_array_equal(out, whole)
    assert len(seen) == parts
    assert threading.get_ident() in seen  # the caller does a part itself
    assert len(set(seen)) >= 2  # and at least one other thread the rest


def test_small_or_strided_arrays_are_done_in_one_call() -> None:
    seen: list[int] = []
    small = np.ones(parallel.MIN_PART, np.float32)
    in_parts(_kernel(seen), (small, np.empty_like(small)), (np.float32(1),), parts=4)
    big = np.ones((2000, 400), np.float32)
    strided = big[:, ::2]  # not contiguous: a flat view cannot be made
    out = np.zeros_like(big)[:, ::2]
    in_parts(_kernel(seen), (strided, out), (np.float32(4),), parts=4)
    assert len(seen) == 2
    assert np.all(out == 2)


def test_part_bounds_cover_everything_once() -> None:
    assert part_bounds(10, 3) == [(0, 3), (3, 6), (6, 10)]
    assert part_bounds(4, 4) == [(0, 1), (1, 2), (2, 3), (3, 4)]
