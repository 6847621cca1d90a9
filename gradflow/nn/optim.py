"""nn: optimisers (SGD, SGD with momentum, Adam) that update parameters in place.

All arithmetic stays in the parameters' dtype (float32 for training) and works in place,
so a step allocates nothing after the first one. L2 weight decay adds `weight_decay * w`
to the gradient of every weight matrix (biases are not decayed).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

import numpy as np

from gradflow.core.errors import GradflowError

OPTIMIZERS = ("sgd", "momentum", "adam")


class Optimizer:
    """Base class: `step(params, grads)` changes `params` in place."""

    def __init__(self, lr: float, weight_decay: float = 0.0) -> None:
        if not (lr > 0 and np.isfinite(lr)):
            raise GradflowError(f"the learning rate must be a positive number, got {lr}")
        if not (weight_decay >= 0 and np.isfinite(weight_decay)):
            raise GradflowError(f"weight decay must be >= 0, got {weight_decay}")
        self.lr = lr
        self.weight_decay = weight_decay
        self.t = 0

    def _grad(self, name: str, w: np.ndarray, g: np.ndarray) -> np.ndarray:
        if self.weight_decay and name.startswith("W"):
            result: np.ndarray = g + w.dtype.type(self.weight_decay) * w
            return result
        return g

    def step(
        self, params: MutableMapping[str, np.ndarray], grads: Mapping[str, np.ndarray]
    ) -> None:
        """Apply one update to every parameter."""
        self.t += 1
        for name, w in params.items():
            self._update(name, w, self._grad(name, w, grads[name]))

    def _update(self, name: str, w: np.ndarray, g: np.ndarray) -> None:
        raise NotImplementedError


def _scaled_into(kept: dict[str, np.ndarray], name: str, g: np.ndarray, k: float) -> np.ndarray:
    """k * g written into an array kept under `name` for the next step (no new array)."""
    tmp = kept.get(name)
    if tmp is None or tmp.shape != g.shape or tmp.dtype != g.dtype:
        tmp = kept[name] = np.empty_like(g)
    result: np.ndarray = np.multiply(g, g.dtype.type(k), out=tmp)
    return result


class SGD(Optimizer):
    """Plain gradient descent: w -= lr * g (lr * g in an array kept for the next step)."""

    def __init__(self, lr: float, weight_decay: float = 0.0) -> None:
        super().__init__(lr, weight_decay)
        self._tmp: dict[str, np.ndarray] = {}

    def _update(self, name: str, w: np.ndarray, g: np.ndarray) -> None:
        w -= _scaled_into(self._tmp, name, g, self.lr)


class Momentum(Optimizer):
    """SGD with (heavy-ball) momentum: v = mu * v + g; w -= lr * v."""

    def __init__(self, lr: float, weight_decay: float = 0.0, mu: float = 0.9) -> None:
        super().__init__(lr, weight_decay)
        self.mu = mu
        self.velocity: dict[str, np.ndarray] = {}
        self._tmp: dict[str, np.ndarray] = {}

    def _update(self, name: str, w: np.ndarray, g: np.ndarray) -> None:
        v = self.velocity.get(name)
        if v is None:
            v = self.velocity[name] = np.zeros_like(w)
        v *= w.dtype.type(self.mu)
        v += g
        w -= _scaled_into(self._tmp, name, v, self.lr)


class Adam(Optimizer):
    """Adam (Kingma & Ba) with bias correction; beta1 0.9, beta2 0.999, eps 1e-8."""

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
        self.m: dict[str, np.ndarray] = {}
        self.v: dict[str, np.ndarray] = {}
        self._tmp: dict[str, np.ndarray] = {}

    def _update(self, name: str, w: np.ndarray, g: np.ndarray) -> None:
        # m and v are kept divided by (1 - beta1) and (1 - beta2): then each moment takes
        # one multiply and one add (no g * (1 - beta) pass), and the constants fold into
        # the step size and eps below - 10 passes over the parameter instead of 12.
        if name not in self.m:
            self.m[name], self.v[name], self._tmp[name] = (np.zeros_like(w) for _ in range(3))
        m, v, tmp = self.m[name], self.v[name], self._tmp[name]
        f = w.dtype.type
        m *= f(self.beta1)
        m += g  # m / (1 - beta1)
        np.multiply(g, g, out=tmp)
        v *= f(self.beta2)
        v += tmp  # v / (1 - beta2)
        # w -= lr * m_hat / (sqrt(v_hat) + eps) with m_hat = m / (1 - beta1^t),
        # v_hat = v / (1 - beta2^t), written in the stored (scaled) m and v
        corr1 = 1 - self.beta1**self.t
        corr2 = 1 - self.beta2**self.t
        scale = np.sqrt(corr2 / (1 - self.beta2))
        np.sqrt(v, out=tmp)
        tmp += f(self.eps * scale)
        np.divide(m, tmp, out=tmp)
        tmp *= f(self.lr * (1 - self.beta1) / corr1 * scale)
        w -= tmp


def make_optimizer(name: str, lr: float, weight_decay: float = 0.0) -> Optimizer:
    """The optimiser called `name` ("sgd", "momentum" or "adam")."""
    kinds: dict[str, type[Optimizer]] = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
    if name not in kinds:
        raise GradflowError(f'unknown optimizer "{name}" (choose from {", ".join(OPTIMIZERS)})')
    return kinds[name](lr, weight_decay)
