"""Test configuration: every GUI test runs headless on Qt's offscreen platform, in English."""

import os

# Set before anything imports Qt, so no test ever needs a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "0")
# The tests read English unless they ask for Korean: the machine's locale must not choose
# (gettext and gradflow read LANGUAGE first). Subprocesses inherit it.
os.environ["LANGUAGE"] = "en"


import pytest

from gradflow.core import formatting


@pytest.fixture(autouse=True)
def default_precision():
    """Every test starts and ends with the default number precision (a process-wide rule)."""
    formatting.set_precision(formatting.DEFAULT_DIGITS)
    yield
    formatting.set_precision(formatting.DEFAULT_DIGITS)
