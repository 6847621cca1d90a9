"""nn: Export as PyTorch - a small `.py` file that rebuilds a saved model as `nn.Sequential`.

The file is written as text (no torch needed to write it). It defines `build_model()`,
which makes the same layers (`nn.Linear` for each W and b, the activation between them)
and loads the weights from the gradflow model file saved beside it, and `standardise(x)`,
the input scaling the network was trained with. `nn.Linear` keeps its weight as
out x in - the lecture's orientation - so each W is transposed on loading.
"""

from __future__ import annotations

import os
from pathlib import Path

from gradflow.core.i18n import _
from gradflow.core.ops import REGISTRY
from gradflow.nn.model_file import Checkpoint, ModelFileError

IDENTITY = "nn.Identity()"  # the linear activation

TEMPLATE = '''"""{title}

Made by gradflow's Export as PyTorch. The weights are in {model_file} (beside this
file); inputs are standardised as in training: x -> (x - mean) / std.

    from {module} import build_model, standardise
    model = build_model()
    scores = model(standardise(torch.tensor(raw_rows, dtype=torch.float32)))
"""

from pathlib import Path

import numpy as np
import torch
from torch import nn

MODEL_FILE = Path(__file__).with_name({model_file!r})


def build_model() -> nn.Sequential:
    """The network, with the trained weights loaded."""
    model = nn.Sequential(
{layers}
    )
    with np.load(MODEL_FILE, allow_pickle=False) as saved, torch.no_grad():
        for i, layer in enumerate(model[::2], start=1):
            layer.weight.copy_(torch.from_numpy(saved[f"W{{i}}"].T.copy()))
            layer.bias.copy_(torch.from_numpy(saved[f"b{{i}}"]))
    return model.eval()


def standardise(x: torch.Tensor) -> torch.Tensor:
    """Raw input rows scaled the way the network saw them in training."""
    with np.load(MODEL_FILE, allow_pickle=False) as saved:
        mean = torch.from_numpy(saved["mean"].astype(np.float32))
        std = torch.from_numpy(saved["std"].astype(np.float32))
    return (x - mean) / std
'''


def pytorch_source(checkpoint: Checkpoint, model_file: str, module: str = "model") -> str:
    """The text of the PyTorch file for `checkpoint`, whose weights are in `model_file`."""
    activation = REGISTRY[checkpoint.config.activation].torch or IDENTITY  # the op's entry
    sizes = checkpoint.sizes
    lines = []
    for i in range(len(sizes) - 1):
        lines.append(f"        nn.Linear({sizes[i]}, {sizes[i + 1]}),")
        if i < len(sizes) - 2:
            lines.append(f"        {activation},")
    task = "regression" if checkpoint.config.task == "regression" else "classifier"
    title = f"A gradflow {task} as PyTorch: {'-'.join(map(str, sizes))}"
    title += f", {checkpoint.config.activation}" if len(sizes) > 2 else ""
    return TEMPLATE.format(
        title=title, model_file=model_file, module=module, layers="\n".join(lines)
    )


def write_pytorch(checkpoint: Checkpoint, py_path: str | os.PathLike[str], model_file: str) -> None:
    """Write the PyTorch file to `py_path`; `model_file` is the saved model's file name,
    which must sit in the same folder."""
    target = Path(py_path)
    text = pytorch_source(checkpoint, model_file, target.stem)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as err:
        raise ModelFileError(
            _("cannot save {path}: {why}").format(path=target, why=err.strerror or err)
        ) from None
