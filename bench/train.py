"""bench: MLP training speed (3072-512-10 ReLU, batch 256, float32) against numpy's matmul.

Everything is measured in one process, so the ratios hold on any machine:
  * the FLOP rate numpy's matmul reaches on exactly the products one training step
    needs (forward X@W1, h@W2; backward dW2, dh, dW1 - not dX, which nobody needs);
  * gradflow's `Trainer.step` (core engine, recording off, plain SGD and Adam) as the
    dock and the command line run it: this network measures its gradient norms on every
    8th step, and plain SGD folds its update into the backward on the others; a second
    SGD row measures them on every step (the unfused step, what every 8th step costs);
  * a hand-written numpy forward/backward/SGD step, as a reference;
  * PyTorch CPU on the same MLP, if torch is importable.
With --changes it also times the step as it was before each change of the fourth round
(docs/performance.md section 5), in the same rounds: the unfused step with numpy's
products (the third round's step), and Adam with its update in numpy's seven passes
instead of the compiled loop (nn/fused_adam.py, the fifth round's change).
With --cpu (and OPENBLAS_NUM_THREADS=1) each step is timed by the CPU time of the
calling thread instead of the wall clock: on a machine other jobs share, a step then
counts only the time it ran, not the time it waited for a core (PyTorch is left out:
its work may run on threads of its own; so does the compiled Adam loop's, so Adam does
its numpy passes there).
Run from the repository root: python -m bench.train [--rounds 15] [--changes] [--cpu]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

import numpy as np

from gradflow.core import blas
from gradflow.nn import TrainConfig, Trainer, fused_adam
from gradflow.nn.datasets import standardised

N, D, H, C = 256, 3072, 512, 10
SETTLE_S = 0.05  # seconds between candidates, for spinning thread pools to go idle
BURST = 3  # timed calls in a row per candidate and round


def round_times(
    fns: dict[str, Callable[[], object]],
    rounds: int,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, list[float]]:
    """Seconds per call of each function in each of `rounds` interleaved rounds.

    Each round runs every candidate in turn: one untimed call to wake its thread pool,
    then BURST timed calls back to back (as steps run in a training loop; the round keeps
    the fastest, the one least disturbed by other jobs), then an untimed pause.
    Interleaving keeps the ratios fair on a shared machine - a burst of load elsewhere
    slows one round of every candidate, not one candidate - and the pause matters:
    PyTorch's OpenMP threads (and OpenBLAS's) keep spinning after a call and would
    otherwise steal the cores from the next candidate (seen without it: the matmul
    baseline slower than the whole training step it is a part of).
    """
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            fn()
            fastest = float("inf")
            for _ in range(BURST):
                t0 = clock()
                fn()
                fastest = min(fastest, clock() - t0)
            times[name].append(fastest)
            time.sleep(SETTLE_S)
    return times


def median_ratio(num: list[float], den: list[float]) -> float:
    """The median over rounds of num[r] / den[r] (both measured in the same round)."""
    return statistics.median(a / b for a, b in zip(num, den, strict=True))


def matmul_only(x: np.ndarray, w1: np.ndarray, w2: np.ndarray) -> Callable[[], object]:
    """The five matrix products of one step, nothing else."""
    h = x @ w1
    g2 = np.ones((N, C), np.float32)

    def products() -> object:
        a = x @ w1
        a @ w2
        h.T @ g2
        g1 = g2 @ w2.T
        return x.T @ g1

    return products


def numpy_step(
    x: np.ndarray, y: np.ndarray, w1: np.ndarray, w2: np.ndarray
) -> Callable[[], object]:
    """A hand-written forward/backward/SGD step with the same maths as the trainer."""
    b1, b2 = np.zeros(H, np.float32), np.zeros(C, np.float32)
    lr = np.float32(1e-3)
    rows = np.arange(N)

    def step() -> object:
        z1 = x @ w1 + b1
        h = np.maximum(z1, 0)
        s = h @ w2 + b2
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        loss = -np.log(p[rows, y]).mean()
        p[rows, y] -= 1
        p /= N
        dw2, db2 = h.T @ p, p.sum(axis=0)
        dz1 = (p @ w2.T) * (z1 > 0)
        dw1, db1 = x.T @ dz1, dz1.sum(axis=0)
        for w, g in ((w1, dw1), (b1, db1), (w2, dw2), (b2, db2)):
            w -= lr * g
        return loss

    return step


def trainer_step(
    x: np.ndarray, y: np.ndarray, optimizer: str, norms_every: int | None = None
) -> Callable[[], object]:
    """gradflow's Trainer.step on one fixed batch (gradient norms every `norms_every`-th
    step, by default as the trainer chooses for this network)."""
    data = standardised("bench", (x, y, x[:0], y[:0]), C)
    cfg = TrainConfig(dataset="bench", hidden=(H,), optimizer=optimizer, lr=1e-4, batch=N)
    trainer = Trainer(cfg, dataset=data)
    if norms_every is not None:
        trainer.norms_every = norms_every
    xb, yb = data.x_train, data.y_train
    return lambda: trainer.step(xb, yb)


def numpy_products(step: Callable[[], object]) -> Callable[[], object]:
    """`step` with the engine's products in numpy's matmul instead of SciPy's gemm."""

    def run() -> object:
        blas.HAVE_BLAS = False
        try:
            return step()
        finally:
            blas.HAVE_BLAS = True

    return run


def numpy_adam_passes(step: Callable[[], object]) -> Callable[[], object]:
    """`step` with Adam's update in numpy's passes instead of the compiled loop."""
    compiled = fused_adam._compiled

    def run() -> object:
        fused_adam._compiled = lambda: None  # type: ignore[assignment]
        try:
            return step()
        finally:
            fused_adam._compiled = compiled

    return run


def torch_step(x: np.ndarray, y: np.ndarray, optimizer: str) -> Callable[[], object] | None:
    """PyTorch CPU on the same MLP and batch, or None if torch is not installed."""
    try:
        import torch
    except ImportError:
        return None
    model = torch.nn.Sequential(torch.nn.Linear(D, H), torch.nn.ReLU(), torch.nn.Linear(H, C))
    kind = torch.optim.SGD if optimizer == "sgd" else torch.optim.Adam
    opt = kind(model.parameters(), lr=1e-4)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def step() -> object:
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(xt), yt)
        loss.backward()
        opt.step()
        return loss

    return step


def main() -> None:
    """Measure and print samples/s, fractions of the matmul rate and the target ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--changes", action="store_true", help="also time the older steps")
    parser.add_argument("--cpu", action="store_true", help="time the thread's CPU time")
    args = parser.parse_args()
    if args.cpu and os.environ.get("OPENBLAS_NUM_THREADS") != "1":
        parser.error("--cpu needs OPENBLAS_NUM_THREADS=1 (all work on the calling thread)")
    if args.cpu:
        fused_adam._compiled = lambda: None  # type: ignore[assignment]
    elif not fused_adam.available():  # imports Numba and loads the loop, outside the rounds
        print("Numba is not installed: Adam does its update in numpy's passes")
    rng = np.random.default_rng(0)
    x = rng.random((N, D), dtype=np.float32)
    y = rng.integers(0, C, N)
    w1 = (rng.standard_normal((D, H)) * np.sqrt(2 / D)).astype(np.float32)
    w2 = (rng.standard_normal((H, C)) * np.sqrt(2 / H)).astype(np.float32)
    flops = 2 * N * (2 * D * H + 3 * H * C)  # forward + dW1 (no dX), forward + dW2 + dh

    rows: list[tuple[str, Callable[[], object] | None]] = [
        ("numpy matmul only", matmul_only(x, w1, w2)),
        ("gradflow SGD", trainer_step(x, y, "sgd")),
        ("gradflow Adam", trainer_step(x, y, "adam")),
        ("gradflow SGD, norms every step", trainer_step(x, y, "sgd", norms_every=1)),
        ("hand-written numpy SGD", numpy_step(x, y, w1.copy(), w2.copy())),
        ("PyTorch CPU SGD", None if args.cpu else torch_step(x, y, "sgd")),
        ("PyTorch CPU Adam", None if args.cpu else torch_step(x, y, "adam")),
    ]
    if args.changes:
        unfused = trainer_step(x, y, "sgd", norms_every=1)
        adam_before = trainer_step(x, y, "adam", norms_every=1)
        adam_passes = trainer_step(x, y, "adam")
        rows += [
            ("SGD before (unfused, numpy products)", numpy_products(unfused)),
            (
                "Adam before (numpy products, norms every step)",
                numpy_adam_passes(numpy_products(adam_before)),
            ),
            ("Adam, numpy's passes (no compiled loop)", numpy_adam_passes(adam_passes)),
        ]
    fns = {name: fn for name, fn in rows if fn is not None}
    load_before = os.getloadavg()
    times = round_times(fns, args.rounds, time.thread_time if args.cpu else time.perf_counter)
    load_after = os.getloadavg()
    mm = times["numpy matmul only"]
    print(
        f"3072-512-10 ReLU MLP, batch {N}, float32; {args.rounds} interleaved rounds, "
        f"each the fastest of {BURST} steps; medians over the rounds"
        + ("; CPU time of one thread" if args.cpu else "")
    )
    print(
        "load average (1, 5, 15 min) before "
        + ", ".join(f"{v:.2f}" for v in load_before)
        + "; after "
        + ", ".join(f"{v:.2f}" for v in load_after)
    )
    t_mm = statistics.median(mm)
    print(
        f"numpy matmul on the step's products: {flops / t_mm / 1e9:7.1f} GFLOP/s "
        f"({t_mm * 1e3:.2f} ms per step)"
    )
    for name, ts in times.items():
        if name == "numpy matmul only":
            continue
        t = statistics.median(ts)
        print(
            f"{name:46s} {N / t:8.0f} samples/s {t * 1e3:7.2f} ms/step "
            f"{median_ratio(mm, ts):6.1%} of the matmul rate"
        )
    sgd, adam = times["gradflow SGD"], times["gradflow Adam"]
    targets = [
        ("gradflow SGD, fraction of the matmul rate (target >= 0.90)", mm, sgd),
        ("gradflow Adam / SGD samples/s (target >= 0.85)", sgd, adam),
        ("gradflow SGD vs hand-written numpy (speed)", times["hand-written numpy SGD"], sgd),
    ]
    if "PyTorch CPU SGD" in times:
        targets += [
            ("gradflow SGD vs PyTorch SGD (target >= 1.15x)", times["PyTorch CPU SGD"], sgd),
            ("gradflow Adam vs PyTorch Adam", times["PyTorch CPU Adam"], adam),
        ]
    else:
        print("PyTorch: " + ("left out (--cpu)" if args.cpu else "not installed, skipped"))
    for label, slower, faster in targets:
        print(f"{label:60s} {median_ratio(slower, faster):5.2f}")


if __name__ == "__main__":
    main()
