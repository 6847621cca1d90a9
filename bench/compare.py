"""bench: one bench script, before and after, interleaved - each run's figures, medians, ratios.

A machine shared with other work (a load of 3-8 on two cores) makes single wall-clock
runs vary up to 3x, and the load drifts over minutes. So the two trees run alternately
(before, after, before, after ...) in fresh processes, each with its own copy of the
script (`<tree>/bench/<script>.py`, its gradflow first on `sys.path`), and the table
lists every run, the medians and after/before.

`--clock cpu` (the default) measures CPU time instead of wall time: the scripts' clock
(`time.perf_counter`) is replaced by `time.process_time` in the process that times (for
start-up, which times child processes, by the children's CPU time from `getrusage`).
CPU time leaves out the time the process waited for a core, the part of a figure the
other engineers' load adds. The player's painted frames per second follow Qt's 60 Hz
timer, so that row is only meaningful with `--clock wall`.

Run (from any directory):
    python bench/compare.py animation --before /work/wt-pre8 --after . --rounds 5
    python bench/compare.py canvas --before /work/wt-pre8 --after . --rounds 5
    python bench/compare.py startup --before /work/wt-pre8 --after . --rounds 5
`--before` is a worktree of the old commit (`git worktree add /tmp/old 196a08b`); both
trees use the current environment's packages. `--same-script` runs the after tree's copy
of the script for both trees (a script changed since the old commit that still runs on
it, as bench/animation.py does), so both are measured the same way.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

# the figure each script prints per row: (row name, pattern whose group 1 is the number)
ROWS: dict[str, list[tuple[str, str]]] = {
    "animation": [
        ("playing: painted frames/s (wall only)", r"steps: +([\d.]+) painted frames/s"),
        ("full redraw into a QImage (ms/frame)", r"into a QImage: .*?= ([\d.]+) ms per frame"),
        ("  best sample of the redraw (ms/frame)", r"samples of \d+ frames, ([\d.]+)-"),
        ("step latency, median (ms)", r"^step latency \(→ key.*?median ([\d.]+) ms"),
        ("reveal latency, median (ms)", r"^reveal latency.*?median ([\d.]+) ms"),
    ],
    "canvas": [
        ("scene.render, fitted (ms)", r"^scene\.render into a view-sized QImage +([\d.]+) ms"),
        ("view repaint, fitted (ms)", r"^view repaint \(items cached\) +([\d.]+) ms"),
        ("value edit → frame, fitted (ms)", r"^value edit → painted frame +([\d.]+) ms"),
        ("  of which core (ms)", r"^  of which core: set value \+ run \+ trace +([\d.]+) ms"),
        ("100 %: view repaint (ms)", r"^at 100 % zoom: view repaint +([\d.]+) ms"),
        ("100 %: value edit → frame (ms)", r"^at 100 % zoom: value edit → painted frame +([\d.]+)"),
        ("100 %: scroll 40 px (ms)", r"^at 100 % zoom: scroll 40 px → painted +([\d.]+) ms"),
    ],
    "startup": [
        ("imports alone (ms, best)", r"^import PySide6\.QtWidgets, numpy, pyqtgraph: +([\d.]+)"),
        ("window, first frame (ms, best)", r"^gradflow window, first frame painted: +([\d.]+)"),
        ("ratio window / imports", r"^ratio: ([\d.]+) ×"),
    ],
}

# replaces the scripts' clock before they run (argv[1:] are the script and its arguments)
RUNNER = """
import os, resource, runpy, sys, time
clock = sys.argv[1]
script = sys.argv[2]
if clock == "cpu":
    if script.endswith("startup.py"):
        def children_cpu():
            r = resource.getrusage(resource.RUSAGE_CHILDREN)
            return r.ru_utime + r.ru_stime
        time.perf_counter = children_cpu
    else:
        time.perf_counter = time.process_time
sys.argv = sys.argv[2:]
runpy.run_path(script, run_name="__main__")
"""


def run_once(tree: str, script: str, clock: str, args: list[str], path: str = "") -> str:
    """What `<tree>/bench/<script>.py` (or the script at `path`) prints, run with `tree`'s
    gradflow first on the path."""
    tree = os.path.abspath(tree)
    env = dict(os.environ, PYTHONPATH=tree, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # both trees with their .pyc, as installed
    path = os.path.abspath(path) if path else os.path.join(tree, "bench", f"{script}.py")
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, clock, path, *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def figures(script: str, output: str) -> dict[str, float]:
    """The rows' numbers found in one run's output."""
    found: dict[str, float] = {}
    for name, pattern in ROWS[script]:
        match = re.search(pattern, output, re.MULTILINE)
        if match:
            found[name] = float(match.group(1))
    return found


def load() -> str:
    """The 1-minute load average, for the table's caption."""
    return f"{os.getloadavg()[0]:.1f}"


def main() -> int:
    """Run the rounds and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("script", choices=sorted(ROWS))
    parser.add_argument("--before", required=True, help="worktree of the old commit")
    parser.add_argument("--after", default=".", help="worktree of the new commit")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    parser.add_argument(
        "--same-script", action="store_true", help="run the after tree's script for both"
    )
    parser.add_argument("args", nargs="*", help="passed to the script")
    opts = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    loads = [load()]
    started = time.perf_counter()
    for i in range(opts.rounds):
        for side in ("before", "after") if i % 2 == 0 else ("after", "before"):
            tree = opts.before if side == "before" else opts.after
            own = os.path.join(opts.after, "bench", f"{opts.script}.py")
            path = own if opts.same_script else ""
            output = run_once(tree, opts.script, opts.clock, opts.args, path)
            runs[side].append(figures(opts.script, output))
        loads.append(load())
        print(f"round {i + 1}/{opts.rounds} done, load {loads[-1]}", file=sys.stderr)
    minutes = (time.perf_counter() - started) / 60
    print(
        f"bench/{opts.script}.py, {opts.clock} clock, {opts.rounds} interleaved rounds "
        f"in {minutes:.1f} min, load average {min(loads)}-{max(loads)}"
        + (f", the script of {opts.after} for both" if opts.same_script else "")
    )
    print("| row | before (each run) | median | after (each run) | median | after/before |")
    print("|-----|-------------------|--------|------------------|--------|--------------|")
    for name, _pattern in ROWS[opts.script]:
        before = [r[name] for r in runs["before"] if name in r]
        after = [r[name] for r in runs["after"] if name in r]
        if not before or not after or (opts.clock == "cpu" and "wall only" in name):
            continue
        b, a = statistics.median(before), statistics.median(after)
        each_b = ", ".join(f"{v:g}" for v in before)
        each_a = ", ".join(f"{v:g}" for v in after)
        print(f"| {name} | {each_b} | {b:g} | {each_a} | {a:g} | {a / b:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
