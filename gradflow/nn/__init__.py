"""nn: pure numpy - an MLP built on the core engine, data sets, optimisers, trainer."""

from gradflow.core.errors import DatasetError
from gradflow.nn.config import ConfigError, TrainConfig
from gradflow.nn.datasets import Dataset, load_dataset
from gradflow.nn.mlp import MLP
from gradflow.nn.trainer import (
    EpochMetrics,
    IterationMetrics,
    Trainer,
    TrainingDiverged,
    TrainingFinished,
)

__all__ = [
    "MLP",
    "ConfigError",
    "Dataset",
    "DatasetError",
    "EpochMetrics",
    "IterationMetrics",
    "TrainConfig",
    "Trainer",
    "TrainingDiverged",
    "TrainingFinished",
    "load_dataset",
]
