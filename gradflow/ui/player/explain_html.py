"""ui: an Explanation as HTML for the inspector's "This step" section.

Sentences come from core/explain.py; this module only lays them out: the gate pattern,
the chain rule with numbers, and tensors as small heat-map tables (values green,
gradients red, the sign written in every cell), plus the local Jacobian of small steps.
"""

from __future__ import annotations

from html import escape

import numpy as np

from gradflow.core.explain import Explanation, Jacobian, Tensor, plural
from gradflow.core.formatting import format_number, format_shape
from gradflow.ui.canvas.style import LIGHT

MAX_TABLE = 8  # rows and columns shown in full; larger tensors show a corner and the shape
KIND_COLOURS = {"value": LIGHT.value, "grad": LIGHT.grad, "local": LIGHT.badge}


def _cell_colour(x: float, scale: float, kind: str) -> str:
    c = KIND_COLOURS.get(kind, LIGHT.badge)
    alpha = 0.0 if scale == 0 else min(1.0, abs(x) / scale) * 0.45
    return f"rgba({c.red()},{c.green()},{c.blue()},{alpha:.2f})"


def tensor_table(array: np.ndarray, kind: str = "value") -> str:
    """A small HTML table with heat-map cells (a scalar is just the number)."""
    arr = np.asarray(array, dtype=np.float64)
    if arr.ndim == 0:
        return escape(format_number(arr.item()))
    grid = arr.reshape(1, -1) if arr.ndim == 1 else arr
    rows, cols = grid.shape
    shown = grid[:MAX_TABLE, :MAX_TABLE]
    finite = shown[np.isfinite(shown)]
    scale = float(np.max(np.abs(finite))) if finite.size else 0.0
    out = ['<table cellspacing="0" cellpadding="3" style="border-collapse:collapse">']
    for row in shown:
        cells = "".join(
            f'<td align="right" style="border:1px solid #c9ced6;'
            f'background-color:{_cell_colour(v, scale, kind)}">{escape(format_number(v))}</td>'
            for v in row
        )
        more = "<td>…</td>" if cols > MAX_TABLE else ""
        out.append(f"<tr>{cells}{more}</tr>")
    if rows > MAX_TABLE:
        more_rows = plural(rows - MAX_TABLE, "more row")
        out.append(f'<tr><td colspan="{shown.shape[1]}">… {more_rows}</td></tr>')
    out.append("</table>")
    return "".join(out)


def _tensor_block(t: Tensor) -> str:
    colour = KIND_COLOURS.get(t.kind, LIGHT.badge).name()
    head = (
        f'<b style="color:{colour}">{escape(t.label)}</b> '
        f"<small>({escape(format_shape(t.array.shape))})</small>"
    )
    return f"<p>{head}<br>{tensor_table(t.array, t.kind)}</p>"


def _count(shape: tuple[int, ...], word: str) -> str:
    """'2×3 outputs', '4 inputs', but '1 output' and 'scalar input' (one entry, one word)."""
    one = len(shape) <= 1 and all(n == 1 for n in shape)
    return f"{format_shape(shape)} {word}" if one else f"{format_shape(shape)} {word}s"


def _jacobian_block(j: Jacobian) -> str:
    dims = f"{_count(j.out_shape, 'output')} × {_count(j.in_shape, 'input')}"
    return (
        f"<p><b>local Jacobian {escape(j.label)}</b> <small>({escape(dims)}; row i = how "
        f"output entry i moves with each input entry)</small><br>"
        f"{tensor_table(j.matrix, 'local')}</p>"
    )


def explanation_html(
    exp: Explanation,
    *,
    show_pattern: bool = True,
    show_values: bool = True,
    show_grads: bool = True,
) -> str:
    """The whole "This step" section for one step."""
    colour = (LIGHT.value if exp.phase == "forward" else LIGHT.grad).name()
    parts = [f'<p><b style="color:{colour}">{escape(exp.caption)}</b></p>']
    # the gate pattern is how gradients flow back: a forward step shows its formula instead
    if show_pattern and exp.pattern and exp.phase == "backward":
        parts.append(f"<p><i>{escape(exp.pattern)}</i></p>")
    parts.append("<ul>" + "".join(f"<li>{escape(s)}</li>" for s in exp.sentences) + "</ul>")
    for t in exp.tensors:
        if (t.kind == "value" and show_values) or (t.kind == "grad" and show_grads):
            parts.append(_tensor_block(t))
    if show_grads:
        parts.extend(_jacobian_block(j) for j in exp.jacobians)
        parts.extend(f"<p><small>{escape(n)}</small></p>" for n in exp.notes)
    return "".join(parts)


def summary_html(caption: str) -> str:
    """A caption with no step behind it (start, whole run)."""
    return f"<p>{escape(caption)}</p>"
