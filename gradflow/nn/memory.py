"""nn: how much memory a training run needs, estimated before anything is allocated.

`--hidden 8192` sixteen times asks for a billion float32 weights; building that network
would run the machine out of memory half-way. `check_fits` refuses such a network with
the estimate, before the first array is made. The budget is three quarters of the
physical memory (or of the address-space limit, if one is set).
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Sequence

from gradflow.core.errors import GradflowError
from gradflow.core.i18n import _

BYTES = 4  # float32
EVAL_CHUNK = 4096  # rows evaluated at once (Trainer.evaluate)
# copies of the weights alive while training: the parameters, one in each of the
# training and evaluation graphs, the gradients and a weight-decay temporary
WEIGHT_COPIES = 5
# optimiser arrays per weight (each keeps a scratch array for its in-place update)
STATES = {"sgd": 1, "momentum": 2, "adam": 3}


def parameter_count(sizes: Sequence[int]) -> int:
    """Weights and biases of an MLP with these layer sizes."""
    return sum(a * b + b for a, b in itertools.pairwise(sizes))


def estimate_bytes(sizes: Sequence[int], batch: int, optimizer: str) -> int:
    """About how many bytes training this network takes (weights, states, activations)."""
    weights = parameter_count(sizes) * BYTES * (WEIGHT_COPIES + STATES.get(optimizer, 3))
    activations = max(batch, EVAL_CHUNK) * sum(sizes[1:]) * BYTES * 4
    return weights + activations


def budget_bytes() -> int | None:
    """Three quarters of the memory this process may use, or None if it cannot be told."""
    limits = []
    with contextlib.suppress(ValueError, OSError, AttributeError):
        limits.append(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft != resource.RLIM_INFINITY:
            limits.append(soft)
    except (ImportError, ValueError, OSError):
        pass
    return int(0.75 * min(limits)) if limits else None


def check_fits(sizes: Sequence[int], batch: int, optimizer: str) -> None:
    """GradflowError with the estimate if training this network would not fit in memory."""
    need, budget = estimate_bytes(sizes, batch, optimizer), budget_bytes()
    if budget is not None and need > budget:
        raise GradflowError(
            _(
                "the network is too big for this machine: about {need:.1f} GB for "
                "{params:,} parameters, over the {budget:.1f} GB available; use fewer "
                "or narrower hidden layers"
            ).format(need=need / 2**30, params=parameter_count(sizes), budget=budget / 2**30)
        )
