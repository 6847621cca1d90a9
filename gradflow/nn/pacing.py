"""nn: Pacer - holds a training loop to at most N iterations per second (None: no limit).

A slow pace lets a student watch the decision boundary form. The pacer keeps a
schedule (the time the next iteration may start) rather than sleeping a fixed time
after each one, so time spent training counts towards the interval; after a pause or
a long iteration it does not try to catch up. The clock and the wait are injectable,
so the bound is tested without timing anything.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Pacer:
    """`wait()` before each iteration; `rate` may be changed from any thread."""

    def __init__(
        self,
        rate: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] | None = None,
    ) -> None:
        self.rate = rate
        self._clock = clock
        self._wake = threading.Event()
        self._sleep = sleep or (lambda s: self._wake.wait(s))
        self._next: float | None = None

    def set_rate(self, rate: float | None) -> None:
        """Iterations per second (None or <= 0: as fast as possible); takes effect at once."""
        self.rate = rate if rate and rate > 0 else None
        self._next = None
        self._wake.set()  # a long wait for the old rate ends now
        self._wake = threading.Event()

    def wait(self) -> None:
        """Return when the next iteration may start."""
        rate = self.rate
        if rate is None:
            self._next = None
            return
        now = self._clock()
        if self._next is not None and self._next > now:
            self._sleep(self._next - now)
            now = max(now, self._clock())
        self._next = now + 1.0 / rate

    def release(self) -> None:
        """End a wait in progress (stopping)."""
        self._wake.set()
