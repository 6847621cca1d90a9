"""nn: optimisers (SGD, SGD with momentum, Adam) that update parameters in place.

All arithmetic stays in the parameters' dtype (float32 for training): every constant is
made a scalar of that dtype before it meets an array, so nothing is upcast. Each update
is a short list of numpy ufuncs and BLAS axpby calls (y <- a x + b y in one pass,
`core.blas`) writing into arrays the optimiser keeps, so a step allocates nothing after
the first one. L2 weight decay adds `weight_decay * w` to
the gradient of every weight matrix (biases are not decayed), also into a kept array.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, MutableMapping
from typing import Any

import numpy as np

from gradflow.core.blas import axpby
from gradflow.core.errors import GradflowError
from gradflow.nn import fused_adam

OPTIMIZERS = ("sgd", "momentum", "adam")


class Optimizer:
    """Base class: `step(params, grads)` changes `params` in place.

    Subclasses name the arrays they keep per parameter (`SLOTS`) and give `_kernel`,
    which updates one parameter in place with this step's constants.
    """

    SLOTS: tuple[str, ...] = ()

    def __init__(self, lr: float, weight_decay: float = 0.0) -> None:
        if not (lr > 0 and np.isfinite(lr)):
            raise GradflowError(f"the learning rate must be a positive number, got {lr}")
        if not (weight_decay >= 0 and np.isfinite(weight_decay)):
            raise GradflowError(f"weight decay must be >= 0, got {weight_decay}")
        self.lr = lr
        self.weight_decay = weight_decay
        self.t = 0
        self.state: dict[str, dict[str, np.ndarray]] = {slot: {} for slot in self.SLOTS}
        self._decayed: dict[str, np.ndarray] = {}

    def step(
        self, params: MutableMapping[str, np.ndarray], grads: Mapping[str, np.ndarray]
    ) -> None:
        """Apply one update to every parameter."""
        self.t += 1
        consts = self._constants()
        for name, w in params.items():
            g = grads[name]
            kept = [self._kept(slot, name, w) for slot in self.SLOTS]
            if self.weight_decay and name.startswith("W"):
                d = self._kept_in(self._decayed, name, w)
                decay = w.dtype.type(self.weight_decay)
                _decay_kernel(w, g, d, decay)
                g = d
            self._kernel(w, g, *kept, *(w.dtype.type(c) for c in consts))

    def plain_rates(self, params: Mapping[str, np.ndarray]) -> dict[str, float] | None:
        """The step size of each parameter if this step is plain gradient descent,
        w <- w - lr * g with nothing kept between steps (the engine can then apply it
        inside the backward, `core.descend`); None for every other update."""
        return None

    def count_step(self) -> None:
        """Count a step that `plain_rates` let the engine apply."""
        self.t += 1

    def _constants(self) -> tuple[float, ...]:
        """This step's scalars, as Python floats (made the parameter's dtype by `step`)."""
        return (self.lr,)

    def _kept(self, slot: str, name: str, w: np.ndarray) -> np.ndarray:
        return self._kept_in(self.state[slot], name, w)

    @staticmethod
    def _kept_in(store: dict[str, np.ndarray], name: str, w: np.ndarray) -> np.ndarray:
        """The array kept under `name` (zeros like `w` the first time, or on a new shape)."""
        a = store.get(name)
        if a is None or a.shape != w.shape or a.dtype != w.dtype:
            a = store[name] = np.zeros_like(w)
        return a

    def _kernel(self, *arrays_and_constants: np.ndarray | np.generic) -> None:
        raise NotImplementedError


def _decay_kernel(w: np.ndarray, g: np.ndarray, d: np.ndarray, decay: np.generic) -> None:
    """d = g + decay * w."""
    np.multiply(w, decay, out=d)
    d += g


class SGD(Optimizer):
    """Plain gradient descent: w -= lr * g (one axpby; `tmp` is numpy's scratch without
    BLAS)."""

    SLOTS = ("tmp",)

    def plain_rates(self, params: Mapping[str, np.ndarray]) -> dict[str, float] | None:
        """lr for every parameter (None with weight decay, which changes the gradient)."""
        return None if self.weight_decay else dict.fromkeys(params, self.lr)

    @staticmethod
    def _kernel(  # type: ignore[override]
        w: np.ndarray, g: np.ndarray, tmp: np.ndarray, lr: np.floating[Any]
    ) -> None:
        axpby(w, g, -lr, 1.0, tmp)


class Momentum(Optimizer):
    """SGD with (heavy-ball) momentum: v = mu * v + g; w -= lr * v."""

    SLOTS = ("velocity", "tmp")

    def __init__(self, lr: float, weight_decay: float = 0.0, mu: float = 0.9) -> None:
        super().__init__(lr, weight_decay)
        self.mu = mu

    def _constants(self) -> tuple[float, ...]:
        return (self.mu, self.lr)

    @staticmethod
    def _kernel(  # type: ignore[override]
        w: np.ndarray,
        g: np.ndarray,
        v: np.ndarray,
        tmp: np.ndarray,
        mu: np.floating[Any],
        lr: np.floating[Any],
    ) -> None:
        axpby(v, g, 1.0, mu, tmp)  # v = mu v + g
        axpby(w, v, -lr, 1.0, tmp)


class Adam(Optimizer):
    """Adam (Kingma & Ba) with bias correction; beta1 0.9, beta2 0.999, eps 1e-8.

    m and v are kept divided by (1 - beta1) and (1 - beta2): each moment update is then
    m <- g + beta1 * m (no g * (1 - beta) pass), and the constants fold into the step
    size and eps, one scalar each per step. With BLAS's axpby (y <- a x + b y in one
    pass) for both moments and the final w <- w - step * u, that is 7 passes over a
    parameter: axpby, g², axpby, sqrt, + eps, divide, axpby (10 with numpy alone: it has
    no fused multiply-add; `np.hypot` would merge the square root into v's update but
    is ~15x slower than the passes it saves). A large parameter takes one compiled pass
    instead where Numba is installed (`fused_adam`: ~4x faster on bench/train.py's W1).
    """

    SLOTS = ("m", "v", "tmp")

    def __init__(
        self,
        lr: float,
        weight_decay: float = 0.0,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
    ) -> None:
        super().__init__(lr, weight_decay)
        self.beta1, self.beta2 = betas
        self.eps = eps

    def _constants(self) -> tuple[float, ...]:
        # w -= lr * m_hat / (sqrt(v_hat) + eps) with m_hat = m / (1 - beta1^t) and
        # v_hat = v / (1 - beta2^t), written in the stored (scaled) m and v
        corr1 = 1 - self.beta1**self.t
        corr2 = 1 - self.beta2**self.t
        scale = math.sqrt(corr2 / (1 - self.beta2))
        step = self.lr * (1 - self.beta1) / corr1 * scale
        return (self.beta1, self.beta2, self.eps * scale, step)

    @staticmethod
    def _kernel(  # type: ignore[override]
        w: np.ndarray,
        g: np.ndarray,
        m: np.ndarray,
        v: np.ndarray,
        tmp: np.ndarray,
        beta1: np.floating[Any],
        beta2: np.floating[Any],
        eps: np.floating[Any],
        step: np.floating[Any],
    ) -> None:
        if fused_adam.update(w, g, m, v, beta1, beta2, eps, step):
            return  # a large parameter, in one compiled pass (where Numba is installed)
        axpby(m, g, 1.0, beta1, tmp)  # m / (1 - beta1)
        np.multiply(g, g, out=tmp)
        axpby(v, tmp, 1.0, beta2, tmp)  # v / (1 - beta2); with a = 1 no scratch is used
        np.sqrt(v, out=tmp)
        tmp += eps
        np.divide(m, tmp, out=tmp)
        axpby(w, tmp, -step, 1.0, tmp)  # numpy's path may scale tmp itself: not needed after

    @property
    def m(self) -> dict[str, np.ndarray]:
        """First moments per parameter, kept divided by (1 - beta1)."""
        return self.state["m"]

    @property
    def v(self) -> dict[str, np.ndarray]:
        """Second moments per parameter, kept divided by (1 - beta2)."""
        return self.state["v"]


def make_optimizer(name: str, lr: float, weight_decay: float = 0.0) -> Optimizer:
    """The optimiser called `name` ("sgd", "momentum" or "adam")."""
    kinds: dict[str, type[Optimizer]] = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
    if name not in kinds:
        raise GradflowError(f'unknown optimizer "{name}" (choose from {", ".join(OPTIMIZERS)})')
    return kinds[name](lr, weight_decay)
