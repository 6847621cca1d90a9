"""ui: an Explanation as HTML for the inspector's "This step" section.

Words come from core (core/explain.py, core/chain_text.py); this module only lays them
out: the gate pattern, then for each input edge its three terms upstream × local =
downstream stacked one a row (so a narrow dock never breaks a word), each coloured by
its role, with tensors as small heat-map tables (vectors as columns, the sign written
in every cell), the local Jacobian with named rows and columns, and the notes.
"""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QCoreApplication

from gradflow.core.chain import ELEMENTWISE, Link
from gradflow.core.chain_text import LinkParts
from gradflow.core.explain import Explanation, Jacobian, Tensor, plural
from gradflow.core.formatting import format_number, format_shape
from gradflow.core.words import role_name
from gradflow.ui.canvas.style import LIGHT

MAX_TABLE = 8  # rows and columns shown in full; larger tensors show a corner and the shape
KIND_COLOURS = {"value": LIGHT.value, "grad": LIGHT.grad, "local": LIGHT.badge}
# the three terms of the chain rule, each its own colour wherever it is written
ROLE_COLOURS = {"upstream": "#c62828", "local": "#b35c00", "downstream": "#6a1b9a"}
_ROLE_KIND = {"upstream": "grad", "local": "local", "downstream": "grad"}


def _cell_colour(x: float, scale: float, kind: str) -> str:
    c = KIND_COLOURS.get(kind, LIGHT.badge)
    alpha = 0.0 if scale == 0 else min(1.0, abs(x) / scale) * 0.45
    return f"rgba({c.red()},{c.green()},{c.blue()},{alpha:.2f})"


def _th(text: str) -> str:
    return f'<td align="center" style="color:#5f6b7d"><small>{escape(text)}</small></td>'


def tensor_table(
    array: np.ndarray,
    kind: str = "value",
    rows: tuple[str, ...] = (),
    cols: tuple[str, ...] = (),
) -> str:
    """A small HTML table with heat-map cells (a scalar is just the number).

    A vector is a column, as the lecture writes it; `rows` and `cols` label the entries.
    Under the table a note says its shape and which index is the row (a table with
    named rows, a Jacobian, says so itself).
    """
    arr = np.asarray(array, dtype=np.float64)
    if arr.ndim == 0:
        return escape(format_number(arr.item()))
    grid = arr.reshape(-1, 1) if arr.ndim == 1 else arr.reshape(arr.shape[0], -1)
    n_rows, n_cols = grid.shape
    shown = grid[:MAX_TABLE, :MAX_TABLE]
    finite = shown[np.isfinite(shown)]
    scale = float(np.max(np.abs(finite))) if finite.size else 0.0
    out = ['<table cellspacing="0" cellpadding="3" style="border-collapse:collapse">']
    if cols:
        out.append("<tr>" + ("<td></td>" if rows else "") + "".join(map(_th, cols[:MAX_TABLE])))
    for i, line in enumerate(shown):
        head = _th(rows[i]) if rows and i < len(rows) else ""
        cells = "".join(
            f'<td align="right" style="border:1px solid #c9ced6; white-space:nowrap;'
            f'background-color:{_cell_colour(v, scale, kind)}">{escape(format_number(v))}</td>'
            for v in line
        )
        more = "<td>…</td>" if n_cols > MAX_TABLE else ""
        out.append(f"<tr>{head}{cells}{more}</tr>")
    if n_rows > MAX_TABLE:
        more_rows = plural(n_rows - MAX_TABLE, "more row")
        out.append(f'<tr><td colspan="{shown.shape[1]}">… {more_rows}</td></tr>')
    out.append("</table>")
    if not rows:  # a Jacobian names its rows and columns itself
        note = escape(_table_note(arr.shape))
        out.append(f'<small style="color:#5f6b7d; white-space:nowrap">{note}</small>')
    return "".join(out)


def _table_note(shape: tuple[int, ...]) -> str:
    """Under a table: its shape and which index runs down the rows."""
    if len(shape) == 1:
        return QCoreApplication.translate("ExplainHtml", "{n} · a column").format(n=shape[0])
    return QCoreApplication.translate("ExplainHtml", "{shape} · row = first index").format(
        shape=format_shape(shape)
    )


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
    out_name, in_name = j.names
    rows = tuple(f"∂{r}" for r in j.rows)
    cols = tuple(f"∂{c}" for c in j.cols)
    note = QCoreApplication.translate(
        "ExplainHtml", "row i, column j: ∂{out}ᵢ/∂{x}ⱼ, how output entry i moves with input entry j"
    )
    note = note.format(out=out_name, x=in_name)
    if len(j.in_shape) > 1:
        note += "; " + QCoreApplication.translate("ExplainHtml", "{x} flattened row-major").format(
            x=in_name
        )
    title = QCoreApplication.translate("ExplainHtml", "local Jacobian {label}").format(
        label=j.label
    )
    return (
        f"<p><b>{escape(title)}</b> <small>({escape(dims)}; "
        f"{escape(note)})</small><br>{tensor_table(j.matrix, 'local', rows, cols)}</p>"
    )


def _role(role: str, symbol: str, text: str, array: np.ndarray | None) -> tuple[str, str]:
    """One term: its role's name and symbol in the role's colour, and its number (a
    scalar: "" for the table) or its table (a tensor: under the name, "" for the number)."""
    colour = ROLE_COLOURS[role]
    label = f'<span style="color:{colour}"><b>{escape(role_name(role))}</b>'
    if symbol:
        label += f" {escape(symbol)}"
    label += "</span>"
    if array is not None and np.ndim(array):
        return label + tensor_table(array, _ROLE_KIND[role]), ""  # a table starts its own line
    return label, f'<span style="color:{colour}">{escape(text)}</span>'


def _term_row(op: str, term: tuple[str, str]) -> str:
    """One row of the stacked chain rule: the operator joining the term, the term's name,
    and its number at the right (a tensor's table is under its name)."""
    sign = f"<b>{escape(op)}</b>" if op else ""
    label, number = term
    return (
        f'<tr><td valign="middle" align="center">{sign}</td><td valign="middle">{label}</td>'
        f'<td valign="middle" align="right" style="padding-left:10px">{number}</td></tr>'
    )


def _local_array(link: Link) -> np.ndarray | None:
    if link.rule == ELEMENTWISE:
        return link.local
    if link.factor is not None:
        return np.swapaxes(np.atleast_2d(link.factor), -1, -2) if link.factor.ndim > 1 else None
    return None


def _link_block(p: LinkParts, link: Link | None) -> str:
    """upstream × local = downstream for one input edge, one term a row (the operator
    before it), each term in its role's colour."""
    up = _role("upstream", p.up_symbol, p.up, None if link is None else link.upstream)
    local_arr = None if link is None else _local_array(link)
    if link is not None and link.factor is not None and link.factor.ndim == 1:
        local_arr = link.factor.reshape(1, -1)  # xᵀ: a row
    local_symbol = "" if p.local_symbol == p.down_symbol else p.local_symbol
    local = _role("local", local_symbol, p.local, local_arr)
    down = _role("downstream", p.down_symbol, p.down, None if link is None else link.downstream)
    first, second = (local, up) if p.local_first else (up, local)
    shapes = f"<br><small>{escape(p.shapes)}</small>" if p.shapes else ""
    # one row per term, the operator in front (as a column sum is written): the role
    # words and symbols keep the dock's whole width, so no word is ever broken
    table = (
        '<table cellspacing="0" cellpadding="2">'
        + _term_row("", first)
        + _term_row(p.op, second)
        + _term_row("=", down)
        + "</table>"
    )
    completes = f"<br><b>{escape(p.completes)}</b>" if p.completes else ""
    return f"<p><b>{escape(p.lead)}</b>{shapes}{table}{completes}</p>"


def _backward_html(exp: Explanation, show_grads: bool) -> list[str]:
    parts = ["<ul>" + "".join(f"<li>{escape(s)}</li>" for s in exp.head) + "</ul>"]
    links = exp.chain.links if exp.chain is not None else ()
    for i, p in enumerate(exp.parts):
        parts.append(_link_block(p, links[i] if i < len(links) else None))
    if exp.tail:
        parts.append("<ul>" + "".join(f"<li>{escape(s)}</li>" for s in exp.tail) + "</ul>")
    if show_grads:
        parts.extend(_tensor_block(t) for t in exp.tensors if t.kind == "grad")
        parts.extend(_jacobian_block(j) for j in exp.jacobians)
        parts.extend(f"<p><small>{escape(n)}</small></p>" for n in exp.notes)
    return parts


def explanation_html(
    exp: Explanation,
    *,
    show_pattern: bool = True,
    show_values: bool = True,
    show_grads: bool = True,
) -> str:
    """The whole "This step" section for one step."""
    colour = (LIGHT.value if exp.phase == "forward" else LIGHT.grad).name()
    # the caption is already under the player; the inspector heads its section briefly
    parts = [f'<p><b style="color:{colour}">{escape(exp.title or exp.caption)}</b></p>']
    # the gate pattern is how gradients flow back: a forward step shows its formula instead
    if show_pattern and exp.pattern and exp.phase == "backward":
        parts.append(f"<p><i>{escape(exp.pattern)}</i></p>")
    if exp.phase == "backward" and exp.chain is not None:
        return "".join(parts + _backward_html(exp, show_grads))
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
