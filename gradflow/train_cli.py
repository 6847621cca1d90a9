"""cli: `gradflow train` - headless MLP training with a progress bar or JSON lines.

Output: one line per epoch on stdout (plain text, or with --json one JSON object with
keys epoch, iterations, train_loss, val_loss, train_acc, val_acc, samples_per_s,
grad_norms, elapsed_s), then a summary. The final JSON object has "final": true and
epochs, iterations, elapsed_s, stopped, train_loss, val_loss, train_acc, val_acc (those
of the last epoch; null when not computed) and mean_samples_per_s. A progress bar is
drawn on stderr when it is a terminal. Exit codes: 0 done, 1 training diverged,
2 bad options or data, 130 interrupted (Ctrl+C).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from pathlib import Path
from typing import IO, Any, NoReturn

from gradflow.core.errors import GradflowError
from gradflow.core.i18n import _
from gradflow.core.text import error_line
from gradflow.nn.config import TASKS, TrainConfig, parse_hidden, parse_image_shape
from gradflow.nn.linear_map import effective_linear, is_one_linear_map
from gradflow.nn.mlp import ACTIVATIONS
from gradflow.nn.model_file import Checkpoint, checkpoint_of, load_model, save_model
from gradflow.nn.templates import template_names, template_tiles, tiles_rgb
from gradflow.nn.torch_export import write_pytorch
from gradflow.nn.toy_sets import REGRESSION_SETS
from gradflow.nn.trainer import EpochMetrics, IterationMetrics, Trainer, TrainingDiverged


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The `gradflow train` option parser."""
    p = _Parser(prog="gradflow train", description=_("Train an MLP on the core engine."))
    add = p.add_argument
    add(
        "--dataset",
        default=None,
        help=_(
            "spiral, xor, circles, gaussians, digits, cifar10:DIR or npz:PATH; for "
            "--task regression line, sine, plane or npz:PATH (default spiral, or the --load "
            "model's)"
        ),
    )
    add(
        "--task",
        default=None,
        choices=TASKS,
        help=_(
            "classification, or regression (MSE, linear output); default: regression for "
            "line, sine and plane, else classification"
        ),
    )
    add("--hidden", default="64,64", help=_('hidden layer sizes, e.g. "100,50" (default 64,64)'))
    add("--activation", default="relu", choices=ACTIVATIONS)
    add("--optimizer", default="adam", choices=("sgd", "momentum", "adam"))
    add("--loss", default="softmax_ce", choices=("softmax_ce", "mse"))
    add("--init", default="he", choices=("he", "xavier"))
    add("--lr", type=float, default=1e-2, help=_("learning rate (default 0.01)"))
    add("--batch", type=int, default=64, help=_("mini-batch size (default 64)"))
    add("--epochs", type=int, default=20, help=_("number of epochs (default 20)"))
    add("--weight-decay", type=float, default=0.0, help=_("L2 weight decay (default 0)"))
    add("--seed", type=int, default=0, help=_("random seed: same seed, same losses (default 0)"))
    add(
        "--val-fraction",
        type=float,
        default=0.2,
        help=_("share held out for validation (default 0.2; cifar10 uses its test_batch)"),
    )
    add("--samples", type=int, default=600, help=_("toy sets: number of points (default 600)"))
    add("--noise", type=float, default=0.1, help=_("toy sets: noise (default 0.1)"))
    add("--classes", type=int, default=None, help=_("spiral/circles/gaussians: class count"))
    add("--image-shape", default=None, help=_('how an npz row is an image: "8x8" or "32x32x3"'))
    add("--save", metavar="MODEL.npz", help=_("save the trained model (weights, config, scaling)"))
    add(
        "--load",
        metavar="MODEL.npz",
        help=_("start from a saved model: its layers, activation, task and scaling"),
    )
    add("--templates", metavar="PNG", help=_("write the first layer's W rows as images"))
    add(
        "--export-pytorch",
        metavar="MODEL.py",
        help=_("write a PyTorch nn.Sequential of the model (weights beside it as MODEL.npz)"),
    )
    add("--json", action="store_true", help=_("print one JSON object per epoch and a summary"))
    return p


def config_from_args(args: argparse.Namespace, start: Checkpoint | None = None) -> TrainConfig:
    """A validated TrainConfig from parsed options; with `start` (a loaded model) the
    layers, activation, task, loss and image shape are the model's."""
    dataset = args.dataset or (start.config.dataset if start else "spiral")
    task = args.task or (
        "regression" if dataset.partition(":")[0] in REGRESSION_SETS else "classification"
    )
    cfg = TrainConfig(
        dataset=dataset,
        hidden=parse_hidden(args.hidden),
        activation=args.activation,
        optimizer=args.optimizer,
        lr=args.lr,
        batch=args.batch,
        epochs=args.epochs,
        weight_decay=args.weight_decay,
        seed=args.seed,
        init=args.init,
        val_fraction=args.val_fraction,
        samples=args.samples,
        noise=args.noise,
        classes=args.classes,
        loss=args.loss,
        task=task,
        image_shape=parse_image_shape(args.image_shape) if args.image_shape else None,
    )
    if start is not None:
        saved = start.config
        cfg = dataclasses.replace(
            cfg,
            hidden=saved.hidden,
            activation=saved.activation,
            task=args.task or saved.task,
            loss=saved.loss,
            image_shape=cfg.image_shape or saved.image_shape,
        )
    cfg.validate()
    return cfg


def _num(x: float) -> float | None:
    return x if math.isfinite(x) else None


class _Progress:
    """A one-line progress bar on a terminal, redrawn at most 10 times a second."""

    def __init__(self, stream: IO[str], epochs: int, per_epoch: int) -> None:
        self.stream, self.epochs, self.total = stream, epochs, epochs * per_epoch
        self.start, self.last = time.monotonic(), 0.0  # the first iteration is drawn at once

    def update(self, it: IterationMetrics) -> None:
        now = time.monotonic()
        if now - self.last < 0.1:
            return
        self.last = now
        done = min(1.0, it.iteration / max(self.total, 1))
        left = (now - self.start) * (1 - done) / done if done > 0 else 0.0
        bar = "#" * int(done * 30)
        self.stream.write(
            f"\repoch {it.epoch}/{self.epochs} [{bar:<30}] {done:4.0%}  "
            f"loss {it.loss:.4f}  {left:4.0f} s left "
        )
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r" + " " * 79 + "\r")
        self.stream.flush()


def _epoch_line(ep: EpochMetrics, as_json: bool) -> str:
    if as_json:
        return json.dumps(
            {
                "epoch": ep.epoch,
                "iterations": ep.iteration,
                "train_loss": _num(ep.train_loss),
                "val_loss": _num(ep.val_loss),
                "train_acc": _num(ep.train_acc),
                "val_acc": _num(ep.val_acc),
                "samples_per_s": _num(ep.samples_per_s),
                "grad_norms": [_num(g) for g in ep.grad_norms],
                "elapsed_s": ep.elapsed,
            }
        )
    val = "" if math.isnan(ep.val_loss) else f"  val loss {ep.val_loss:.4f} acc {ep.val_acc:.1%}"
    return (
        f"epoch {ep.epoch:3d}  loss {ep.train_loss:.4f} acc {ep.train_acc:.1%}{val}"
        f"  {ep.samples_per_s:,.0f} samples/s"
    )


def _train(trainer: Trainer, as_json: bool, out: IO[str], err: IO[str]) -> dict[str, Any]:
    cfg, n = trainer.config, len(trainer.data.x_train)
    per_epoch = -(-n // cfg.batch)
    bar = _Progress(err, cfg.epochs, per_epoch) if err.isatty() else None
    last: EpochMetrics | None = None
    speeds: list[float] = []
    summary: dict[str, Any] = {}
    try:
        for ev in trainer.run():
            if isinstance(ev, IterationMetrics):
                if bar:
                    bar.update(ev)
            elif isinstance(ev, EpochMetrics):
                last = ev
                speeds.append(ev.samples_per_s)
                if bar:
                    bar.clear()
                print(_epoch_line(ev, as_json), file=out, flush=True)
            else:
                summary = {
                    "final": True,
                    "epochs": ev.epochs,
                    "iterations": ev.iterations,
                    "elapsed_s": ev.elapsed,
                    "stopped": ev.stopped,
                }
    finally:
        if bar:
            bar.clear()
    nan = float("nan")
    summary.update(
        train_loss=_num(last.train_loss if last else nan),
        val_loss=_num(last.val_loss if last else nan),
        train_acc=_num(last.train_acc if last else nan),
        val_acc=_num(last.val_acc if last else nan),
        mean_samples_per_s=_num(sum(speeds) / len(speeds) if speeds else nan),
    )
    return summary


def main(
    argv: list[str] | None = None, *, out: IO[str] | None = None, err: IO[str] | None = None
) -> int:
    """Run `gradflow train` with these arguments; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
        start = load_model(args.load) if args.load else None
        trainer = Trainer(config_from_args(args, start), start=start)
        _check_outputs(args, trainer)
    except SystemExit as done:  # --help
        return int(done.code or 0)
    except (_UsageError, GradflowError) as exc:
        err.write(error_line(str(exc)))
        return 2
    try:
        summary = _train(trainer, args.json, out, err)
        written = write_outputs(args, trainer)
    except TrainingDiverged as exc:
        err.write(error_line(str(exc)))
        return 1
    except GradflowError as exc:
        err.write(error_line(str(exc)))
        return 2
    except KeyboardInterrupt:
        err.write(_("gradflow: interrupted") + "\n")
        return 130
    summary["written"] = written
    summary["one_linear_map"] = is_one_linear_map(trainer.config.activation, trainer.config.hidden)
    if args.json:
        print(json.dumps(summary), file=out)
    else:
        val, val_loss = summary["val_acc"], summary["val_loss"]
        if val is not None:
            shown = f", validation accuracy {val:.1%}"
        elif val_loss is not None:
            shown = f", validation loss {val_loss:.4g}"
        else:
            shown = ""
        print(
            f"done: {summary['epochs']} epochs, {summary['iterations']} iterations in "
            f"{summary['elapsed_s']:.1f} s{shown}",
            file=out,
        )
        if summary["one_linear_map"]:
            print(_linear_map_line(trainer), file=out)
        for path in written:
            print(_("wrote {path}").format(path=path), file=out)
    return 0


def _linear_map_line(trainer: Trainer) -> str:
    w, _b = effective_linear(trainer.model.params)
    return _(
        "one linear map (no hidden layer, or every hidden activation linear): f(x) = W x + b, "
        "W = Wk…W1 of shape {rows} x {cols}"
    ).format(rows=w.shape[0], cols=w.shape[1])


def _check_outputs(args: argparse.Namespace, trainer: Trainer) -> None:
    """Refuse, before training, outputs that cannot be made (no image shape, bad names)."""
    if args.templates and trainer.data.image_shape is None:
        raise GradflowError(
            _("--templates needs image data: the digits, CIFAR-10, or --image-shape for an npz")
        )
    if args.templates:
        _qt_for_templates()
    for option, path, suffix in (
        ("--save", args.save, ".npz"),
        ("--export-pytorch", args.export_pytorch, ".py"),
        ("--templates", args.templates, ".png"),
    ):
        if path and not path.lower().endswith(suffix):
            raise GradflowError(
                _("{option} needs a file name ending in {suffix}, got {path}").format(
                    option=option, suffix=suffix, path=path
                )
            )


def _qt_for_templates() -> None:
    """The templates picture is drawn with Qt (as the dock draws it): refuse --templates
    before training when Qt cannot be loaded, rather than fail after the run."""
    try:
        import gradflow.ui.render
        import gradflow.ui.training.templates_image  # noqa: F401
    except ImportError as err:
        raise GradflowError(
            _(
                "--templates draws its picture with Qt (PySide6), which cannot be loaded "
                "here ({why}); install PySide6-Essentials or leave --templates out"
            ).format(why=err)
        ) from None


def write_outputs(args: argparse.Namespace, trainer: Trainer) -> list[str]:
    """Write what --save, --export-pytorch and --templates asked for; the paths written."""
    written: list[str] = []
    checkpoint = checkpoint_of(trainer.config, trainer.data, trainer.model.params)
    if args.save:
        save_model(checkpoint, args.save)
        written.append(args.save)
    if args.export_pytorch:
        py = Path(args.export_pytorch)
        weights = py.with_suffix(".npz")
        if not (args.save and Path(args.save).resolve() == weights.resolve()):
            save_model(checkpoint, weights)
            written.append(str(weights))
        write_pytorch(checkpoint, py, weights.name)
        written.append(str(py))
    if args.templates:
        _write_templates(args.templates, trainer)
        written.append(args.templates)
    return written


def _write_templates(path: str, trainer: Trainer) -> None:
    from gradflow.ui.render import ensure_app
    from gradflow.ui.training.templates_image import save_templates_png

    ensure_app()
    names = template_names(trainer.config.hidden, trainer.data.names())
    tiles = template_tiles(trainer.model.params["W1"], trainer.data.image_shape or ())
    try:
        save_templates_png(path, tiles_rgb(tiles), names)
    except OSError as err:
        raise GradflowError(_("cannot write {path}: {why}").format(path=path, why=err)) from None


if __name__ == "__main__":
    sys.exit(main())
