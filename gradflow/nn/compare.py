"""nn: comparing runs - what differs between their configs, in a few words for a legend.

Two runs of the same data set that differ only in the activation are named "relu" and
"sigmoid"; runs that differ in more are named by every option that differs
("relu, lr=0.01"). The activation, optimiser, loss, init and task are named by their
value alone, every other option as name=value.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from gradflow.nn.config import TrainConfig

BARE = ("activation", "optimizer", "loss", "init", "task", "dataset")


def _value(field: str, value: object) -> str:
    if field == "hidden":
        return "hidden " + (",".join(map(str, value)) if value else "none")  # type: ignore[call-overload]
    if field in BARE:
        return str(value)
    return f"{field}={value}"


def differences(configs: Sequence[TrainConfig]) -> list[str]:
    """A label per config naming how it differs from the others ("run k" if it does not)."""
    if not configs:
        return []
    fields = [f.name for f in dataclasses.fields(TrainConfig)]
    varying = [f for f in fields if len({repr(getattr(c, f)) for c in configs}) > 1]
    labels = []
    for k, cfg in enumerate(configs, start=1):
        parts = [_value(f, getattr(cfg, f)) for f in varying]
        labels.append(", ".join(parts) if parts else f"run {k}")
    return labels
