"""core: the exceptions the core raises; the UI and CLI show their messages as they are."""

from __future__ import annotations


class GradflowError(Exception):
    """Base of every error gradflow raises on purpose; its message is meant for a user."""


class GraphError(GradflowError):
    """A graph mutation or evaluation that cannot be done (cycle, port taken, wrong shape...)."""


class GraphFileError(GradflowError):
    """A `.gflow` document that cannot be loaded or saved; the message names the location."""


class DatasetError(GradflowError):
    """A data set that cannot be made or read (missing folder, bad file, NaN, bad labels...)."""
