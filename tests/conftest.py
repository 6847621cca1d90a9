"""Test configuration: every GUI test runs headless on Qt's offscreen platform."""

import os

# Set before anything imports Qt, so no test ever needs a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "0")
