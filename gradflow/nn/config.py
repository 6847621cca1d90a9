"""nn: `TrainConfig` - every option of a training run, validated with readable messages."""

from __future__ import annotations

import math
from dataclasses import dataclass

from gradflow.core.errors import GradflowError
from gradflow.core.i18n import _
from gradflow.nn.mlp import ACTIVATIONS, INITS, LOSSES
from gradflow.nn.optim import OPTIMIZERS

MAX_WIDTH = 8192
TASKS = ("classification", "regression")


class ConfigError(GradflowError):
    """A training option that is out of range or unknown."""


@dataclass(frozen=True)
class TrainConfig:
    """What to train on and how.

    dataset: "spiral", "xor", "circles", "gaussians", "digits", "cifar10:DIR", "npz:PATH",
        or for regression "line", "sine", "plane" (or "npz:PATH" with real targets).
    task: "classification" or "regression" (mean squared error, linear output; `loss`
        is then ignored).
    image_shape: how a feature row is an image, e.g. (8, 8) or (32, 32, 3), for the
        templates of an npz data set (the digits and CIFAR-10 know their own).
    hidden: sizes of the hidden layers (empty for a linear classifier).
    samples, noise, classes: size, noise and class count of a toy set (classes None
        uses the set's default: 3 for spiral, 2 otherwise; xor is always 2).
    loss: "softmax_ce", or "mse" against one-hot targets.
    """

    dataset: str = "spiral"
    hidden: tuple[int, ...] = (64, 64)
    activation: str = "relu"
    optimizer: str = "adam"
    lr: float = 1e-2
    batch: int = 64
    epochs: int = 20
    weight_decay: float = 0.0
    seed: int = 0
    init: str = "he"
    val_fraction: float = 0.2
    samples: int = 600
    noise: float = 0.1
    classes: int | None = None
    loss: str = "softmax_ce"
    task: str = "classification"
    image_shape: tuple[int, ...] | None = None

    def validate(self) -> None:
        """Raise ConfigError naming the first option that is not usable."""
        _choice("activation", self.activation, ACTIVATIONS)
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _choice("init", self.init, INITS)
        _choice("loss", self.loss, LOSSES)
        _choice("task", self.task, TASKS)
        if any(not 1 <= h <= MAX_WIDTH for h in self.hidden) or len(self.hidden) > 16:
            said = _("hidden layers must be 1..{most} wide (at most 16 layers)")
            raise ConfigError(said.format(most=MAX_WIDTH))
        if not (math.isfinite(self.lr) and self.lr > 0):
            said = _("the learning rate must be a positive number, got {value}")
            raise ConfigError(said.format(value=self.lr))
        if not (math.isfinite(self.weight_decay) and self.weight_decay >= 0):
            said = _("weight decay must be >= 0, got {value}")
            raise ConfigError(said.format(value=self.weight_decay))
        if self.batch < 1:
            said = _("the batch size must be at least 1, got {value}")
            raise ConfigError(said.format(value=self.batch))
        if self.epochs < 1:
            said = _("the number of epochs must be at least 1, got {value}")
            raise ConfigError(said.format(value=self.epochs))
        if not 0 <= self.val_fraction < 1:
            said = _("the validation fraction must be in [0, 1), got {value}")
            raise ConfigError(said.format(value=self.val_fraction))
        if self.seed < 0:
            raise ConfigError(_("the seed must be >= 0, got {value}").format(value=self.seed))
        if self.classes is not None and not 2 <= self.classes <= 10:
            said = _("the number of classes must be between 2 and 10, got {value}")
            raise ConfigError(said.format(value=self.classes))


def _choice(what: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        said = _('unknown {what} "{value}" (choose from {choices})')
        raise ConfigError(said.format(what=what, value=value, choices=", ".join(allowed)))


def parse_hidden(text: str) -> tuple[int, ...]:
    """Hidden sizes from "100,50" (an empty string or "none" means no hidden layer)."""
    if text.strip().lower() in ("", "none"):
        return ()
    try:
        return tuple(int(part) for part in text.split(","))
    except ValueError:
        raise ConfigError(
            _('hidden sizes must be whole numbers like "100,50", got "{text}"').format(text=text)
        ) from None


def parse_image_shape(text: str) -> tuple[int, ...]:
    """An image shape from "8x8" (grey) or "32x32x3" (colour, channels last)."""
    try:
        shape = tuple(int(part) for part in text.lower().split("x"))
    except ValueError:
        shape = ()
    if len(shape) not in (2, 3) or min(shape) < 1 or (len(shape) == 3 and shape[2] not in (1, 3)):
        raise ConfigError(
            _('an image shape looks like "8x8" or "32x32x3", got "{text}"').format(text=text)
        )
    return shape
