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


@pytest.fixture
def korean():
    """The core's texts in Korean for one test, English again after it (tests/ui's own
    `korean` switches Qt's texts too)."""
    from gradflow.core import i18n

    i18n.set_language("ko")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def default_precision():
    """Every test starts and ends with the default number precision (a process-wide rule)."""
    formatting.set_precision(formatting.DEFAULT_DIGITS)
    yield
    formatting.set_precision(formatting.DEFAULT_DIGITS)


def pytest_addoption(parser):
    """Without pytest-qt (the Qt-less CI run of tests/core, nn and cli), declare its ini
    options so the strict configuration in pyproject.toml still loads."""
    try:
        import pytestqt  # noqa: F401
    except ImportError:
        parser.addini("qt_api", "pytest-qt is not installed: ignored")
        parser.addini("qt_log_level_fail", "pytest-qt is not installed: ignored")
        parser.addini("qt_log_ignore", "pytest-qt is not installed: ignored", type="linelist")
