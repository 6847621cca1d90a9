"""The core, nn and the command line's core commands never load Qt (checked in a fresh process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import contextlib, importlib, io, json, pkgutil, sys
import gradflow.core, gradflow.nn, gradflow.cli
for pkg in (gradflow.core, gradflow.nn):
    for info in pkgutil.iter_modules(pkg.__path__, pkg.__name__ + "."):
        try:
            importlib.import_module(info.name)
        except ModuleNotFoundError as missing:  # nn.adam_loop is Numba's (the fast extra)
            if missing.name != "numba":
                raise
with contextlib.redirect_stdout(io.StringIO()):
    codes = [gradflow.cli.main([cmd, "tiny-mlp"]) for cmd in ("run", "trace", "check")]
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"))
print(json.dumps({"qt": qt, "codes": codes}))
"""


def test_core_nn_and_cli_commands_load_no_qt():
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"qt": [], "codes": [0, 0, 0]}
