"""Entry point for `python -m gradflow`: the same as the `gradflow` command."""

import sys

from gradflow.cli import main

sys.exit(main())
