"""ui: which numbers on the canvas change between two playback states.

The scene remembers the array each label shows. A new state is compared against it:
the same array object (stepping the player reuses the trace's arrays) or an array that
would be written the same way (a value edit makes new arrays, mostly equal) leaves the
label alone, so a step or an edit touches only the labels whose text changes.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from itertools import islice
from typing import TypeVar

import numpy as np

K = TypeVar("K", bound=Hashable)


def same_text(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether `a` and `b` are certainly written the same way on a label.

    A label writes a small array in full and a larger one as its shape over a heat-map
    tile of every entry, so only equal shape, dtype and bytes give an equal picture. -0.0
    and 0.0 count as different: a conservative answer only costs a redraw.
    """
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    return a.tobytes() == b.tobytes()


def changed_numbers(
    shown: Mapping[K, np.ndarray], new: Mapping[K, np.ndarray]
) -> tuple[list[tuple[K, np.ndarray | None]], dict[K, np.ndarray]]:
    """The (key, array or None to hide) pairs whose text differs from `shown`, and what
    is shown afterwards (a copy of `new`, to compare the next state against).

    States of one trace list their keys in the same order (a later step only adds keys
    at the end), so the two are walked side by side while the keys are the same objects:
    no key is hashed then, which matters for 2,000 numbers with dataclass keys.
    """
    changes: list[tuple[K, np.ndarray | None]] = []
    common = 0
    for (key, value), (old_key, old) in zip(new.items(), shown.items(), strict=False):
        if key is not old_key:
            break
        common += 1
        if old is not value and not same_text(old, value):
            changes.append((key, value))
    if common == min(len(new), len(shown)):  # one is the other plus keys at the end
        changes.extend(islice(new.items(), common, None))
        changes.extend((key, None) for key in islice(shown, common, None))
    else:  # keys in another order: look each one up
        changes = []
        for key, value in new.items():
            before = shown.get(key)
            if before is not value and (before is None or not same_text(before, value)):
                changes.append((key, value))
        changes.extend((key, None) for key in shown.keys() - new.keys())
    return changes, dict(new)
