"""ui.training: the training dock - options, live loss/accuracy/gradient plots, worker thread."""

from gradflow.ui.training.panel import TrainingPanel

__all__ = ["TrainingPanel"]
