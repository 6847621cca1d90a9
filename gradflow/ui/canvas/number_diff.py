"""ui: which numbers on the canvas change between two playback states.

The scene remembers the array each label shows. A new state is compared against it:
the same array object (stepping the player reuses the trace's arrays) or an array that
would be written the same way (a value edit makes new arrays, mostly equal) leaves the
label alone, so a step or an edit touches only the labels whose text changes.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

import numpy as np

K = TypeVar("K", bound=Hashable)


def same_text(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether `a` and `b` are certainly written the same way on a label.

    A label writes a small array in full and a larger one as its shape and first element
    (`labels.number_text`), so equal shape, dtype and those bytes give equal text. -0.0
    and 0.0 count as different: a conservative answer only costs a redraw.
    """
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.size <= 2:
        return a.tobytes() == b.tobytes()
    first = (0,) * a.ndim
    return a[first].tobytes() == b[first].tobytes()


def changed_numbers(
    shown: dict[K, np.ndarray], new: Mapping[K, np.ndarray]
) -> list[tuple[K, np.ndarray | None]]:
    """The (key, array or None to hide) pairs whose text differs from `shown`.

    `shown` is updated to `new` on the way, so the next call compares against this one.
    """
    changes: list[tuple[K, np.ndarray | None]] = []
    for key, value in new.items():
        old = shown.get(key)
        if old is not value:
            shown[key] = value
            if old is None or not same_text(old, value):
                changes.append((key, value))
    if len(shown) > len(new):  # some numbers are no longer shown
        for key in [k for k in shown if k not in new]:
            del shown[key]
            changes.append((key, None))
    return changes
