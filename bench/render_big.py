"""bench: `gradflow render` of a 100,000-node chain - wall time and peak memory.

A graph past `render.OVERVIEW_NODES` nodes is drawn as an overview (wires and node
boxes straight from the positions, no canvas items), at a capped default size. The
chain is loaded from a `.gflow` file with its edges listed backwards (the slow order
before loading became linear). The baseline printed beside it is the same command on a
1,000-node chain, drawn in full with the canvas items.

    python bench/render_big.py [N]      (default 100,000 nodes)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def chain_file(folder: Path, n: int) -> Path:
    """A chain x0 -> neg -> ... of n nodes, edges from the output backwards."""
    nodes = [{"id": "x0", "op": "input", "value": 1.0}]
    nodes += [{"id": f"x{i}", "op": "neg"} for i in range(1, n)]
    edges = [{"from": f"x{i - 1}", "to": f"x{i}"} for i in range(n - 1, 0, -1)]
    path = folder / f"chain{n}.gflow"
    path.write_text(
        json.dumps({"format": "gradflow", "version": 1, "nodes": nodes, "edges": edges})
    )
    return path


def render(path: Path, out: Path) -> tuple[float, float, str]:
    """(seconds, peak MB of the child, its stderr) of one `gradflow render` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "gradflow", "render", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - t0
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    if done.returncode:
        raise SystemExit(done.stderr)
    return seconds, peak, done.stderr.strip()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small_s, small_mb, _ = render(chain_file(folder, 1000), folder / "small.png")
        big_s, big_mb, note = render(chain_file(folder, n), folder / "big.png")
        size = (folder / "big.png").stat().st_size
    print(f"1,000-node chain (full canvas): {small_s:.1f} s, peak {small_mb:.0f} MB")
    print(
        f"{n:,}-node chain (overview): {big_s:.1f} s, peak {big_mb:.0f} MB, "
        f"PNG {size / 1024:.0f} KB"
    )
    print(f"  {note}")
    print(f"ratio: {big_s / small_s:.1f}x the time for {n / 1000:.0f}x the nodes")


if __name__ == "__main__":
    main()
