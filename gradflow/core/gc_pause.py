"""core: pausing Python's cyclic garbage collector while a big pass allocates.

A 100,000-node graph and its run hold about a million Python objects. Every full
collection of the cyclic collector walks all of them, and a pass that allocates a
list or a tuple per node (reading a file, laying it out, compiling its plan) sets off
collection after collection: measured, about half the time of such a pass. Nothing in
these passes makes reference cycles, so reference counting frees their garbage at once;
`paused_gc()` turns the cycle collector off for the pass and back on after it (if it was
on: a caller that turned it off keeps it off).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block without cyclic garbage collection (reference counting still frees)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
