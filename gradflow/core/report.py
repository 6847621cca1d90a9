"""core: reports of a run, its trace and a gradient check - as JSON data and as text lines.

The command line prints these; anything else that wants the same table (a notebook, a
log) can use them too. Numbers in JSON are plain numbers or nested lists
(`formatting.to_jsonable`); in text they are compact (`formatting.format_array`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from gradflow.core.chain import StepChain, chain_at
from gradflow.core.chain_json import chain_json
from gradflow.core.chain_text import caption_body
from gradflow.core.engine import RunResult
from gradflow.core.explain import forward_body
from gradflow.core.formatting import format_array, format_number, to_jsonable
from gradflow.core.gradcheck import GradcheckResult, NodeCheck
from gradflow.core.graph import Graph
from gradflow.core.i18n import _, ngettext
from gradflow.core.naming import Namer
from gradflow.core.scalar_results import NodeGrads, NodeValues
from gradflow.core.text import align_columns
from gradflow.core.trace import BackwardStep, ForwardStep, Step, Trace

Arrays = Callable[[np.ndarray], Any]  # how arrays are put in JSON data (lists, or kept)


def node_grad(result: RunResult, node_id: str) -> np.ndarray | None:
    """dL/d(the node's value): summed over output ports (a copy sends one value to each)."""
    ports = result.grads.get(node_id)
    if ports is None:
        return None
    total = ports[0]
    if len(ports) > 1:  # entering errstate costs more than the sum of two scalars
        with np.errstate(all="ignore"):  # inf + -inf is NaN, reported as such
            for g in ports[1:]:
                total = total + g
    return np.asarray(total)


def run_json(graph: Graph, result: RunResult, arrays: Arrays = to_jsonable) -> dict[str, Any]:
    """{"output": id, "nodes": {id: {"op", "value", "grad"}}}; grad is null where none.

    `arrays=np.asarray` keeps the arrays as they are, for `json_stream.write_json`.
    """
    nodes = {}
    for node in graph:
        grad = node_grad(result, node.id)
        nodes[node.id] = {
            "op": node.op,
            "value": arrays(result.values[node.id][0]),
            "grad": None if grad is None else arrays(grad),
        }
    return {"output": result.output, "nodes": nodes}


def non_finite_notes(graph: Graph, result: RunResult) -> list[str]:
    """One line per node whose value or gradient overflowed to inf or became NaN."""
    notes = []
    for node in graph:
        what = non_finite_note(result, node.id)
        if what:
            notes.append(_("note: {node} has {what}").format(node=node.id, what=what))
    return notes


def non_finite_note(result: RunResult, node_id: str) -> str | None:
    """'value inf, gradient nan' for a node whose numbers are not all finite, else None."""
    value = non_finite_kind(result.values.get(node_id, (None,))[0])
    grad = non_finite_kind(node_grad(result, node_id))
    if value is None and grad is None:  # the common case: no words looked up
        return None
    kinds = ((_("value"), value), (_("gradient"), grad))
    return ", ".join(f"{what} {kind}" for what, kind in kinds if kind)


def non_finite_suspects(result: RunResult) -> frozenset[str] | None:
    """The nodes of a run on floats whose value or gradient is not finite - exactly those
    `non_finite_note` names, found in one pass - or None for a run on arrays (ask
    `non_finite_note` per node)."""
    values, grads = result.values, result.grads
    if not isinstance(values, NodeValues) or not isinstance(grads, (NodeGrads, dict)):
        return None
    if isinstance(grads, dict) and grads:
        return None
    found = values.non_finite()
    if isinstance(grads, NodeGrads):
        found += grads.non_finite()
    return frozenset(found)


def non_finite_kind(arr: np.ndarray | None) -> str | None:
    """'inf', 'nan' or 'inf and nan' for an array holding such entries, else None."""
    if arr is None or np.asarray(arr).dtype.kind != "f":
        return None
    arr = np.asarray(arr)
    if arr.ndim == 0 and math.isfinite(float(arr)):
        return None  # the common case, ten times faster than np.isfinite
    if np.all(np.isfinite(arr)):
        return None
    has_inf, has_nan = bool(np.isinf(arr).any()), bool(np.isnan(arr).any())
    return " and ".join(k for k, on in (("inf", has_inf), ("nan", has_nan)) if on)


def run_table(graph: Graph, result: RunResult) -> list[str]:
    """An aligned table: node, op, value, gradient (one row per node, in graph order)."""
    rows = [(_("node"), _("op"), _("value"), _("gradient"))]
    for node in graph:
        grad = node_grad(result, node.id)
        mark = " " + _("(output)") if node.id == result.output else ""
        rows.append(
            (
                node.id + mark,
                node.op,
                format_array(result.values[node.id][0]),
                "-" if grad is None else format_array(grad),
            )
        )
    return _align(rows)


def step_json(
    step: Step, chain: StepChain | None = None, arrays: Arrays = to_jsonable
) -> dict[str, Any]:
    """One trace step as JSON data (its index is 1-based, like the playhead).

    A backward step given its `chain` also carries the chain rule per input edge
    (`chain`, `total`, ...: see core/chain_json.py). `arrays=np.asarray` keeps arrays
    as they are, for `json_stream.write_json`.
    """
    head = {"index": step.index + 1, "phase": step.phase, "node": step.node, "op": step.op}
    if isinstance(step, ForwardStep):
        inputs = [
            {"from": e.src, "value": arrays(x)}
            for e, x in zip(step.input_edges, step.inputs, strict=True)
        ]
        return {**head, "inputs": inputs, "value": arrays(step.outputs[0])}
    return {
        **head,
        "upstream": [
            {"from": None if a.edge is None else a.edge.dst, "grad": arrays(a.grad)}
            for a in step.upstream
        ],
        "grad": arrays(_total(step)),
        "local": [None if x is None else arrays(x) for x in step.local],
        "downstream": [
            {"to": e.src, "port": e.dst_port, "grad": arrays(g)} for e, g in step.downstream
        ],
        **({} if chain is None else chain_json(chain)),
    }


def trace_json(
    result: RunResult, graph: Graph | None = None, arrays: Arrays = to_jsonable
) -> dict[str, Any]:
    """{"output": id, "steps": [step_json, ...]} for a recorded run.

    With the `graph` the run came from, backward steps carry their chain rule too.
    """
    return {"output": result.output, "steps": list(trace_steps(result, graph, arrays))}


def trace_steps(
    result: RunResult, graph: Graph | None = None, arrays: Arrays = to_jsonable
) -> Iterator[dict[str, Any]]:
    """The steps of `trace_json` one at a time (for streaming a long trace)."""
    trace = result.trace
    if trace is None:
        return
    for s in trace:
        yield step_json(s, None if graph is None else chain_at(trace, graph, s.index), arrays)


def step_line(step: Step, graph: Graph, trace: Trace, namer: Namer | None = None) -> str:
    """One step in the lecture's words, as the player's caption says it (without 'Step k/n')."""
    namer = namer or Namer(graph, trace)
    if isinstance(step, ForwardStep):
        return forward_body(step, graph, namer)
    chain = chain_at(trace, graph, step.index)
    return "" if chain is None else caption_body(chain, namer)


def trace_lines(result: RunResult, graph: Graph) -> list[str]:
    """Every step numbered from 1, forward then backward."""
    trace = result.trace
    if trace is None:
        return []
    width = len(str(len(trace)))
    namer = Namer(graph, trace)
    return [f"{s.index + 1:>{width}}  {step_line(s, graph, trace, namer)}" for s in trace]


def check_json(check: GradcheckResult) -> dict[str, Any]:
    """{"ok", "tolerance", "nodes": [{"node", "error", "index", "analytic", "numeric", "ok"}]}."""
    return {
        "ok": check.ok,
        "tolerance": check.tolerance,
        "nodes": [
            {
                "node": c.node,
                "error": _finite_or_none(c.error),
                "index": list(c.index),
                "analytic": _finite_or_none(c.analytic),
                "numeric": _finite_or_none(c.numeric),
                "ok": c.ok,
                "informative": c.informative,
                "kink": c.kink or None,
            }
            for c in check.nodes
        ],
    }


def check_table(check: GradcheckResult) -> list[str]:
    """An aligned table of each input's worst entry, then a one-line verdict."""
    rows = [(_("node"), _("entry"), _("analytic"), _("numeric"), _("rel. error"), "")]
    for c in check.nodes:
        entry = ",".join(str(i) for i in c.index) or "-"
        rows.append(
            (
                c.node,
                entry if c.informative else "-",
                format_number(c.analytic, 8),
                format_number(c.numeric, 8),
                f"{c.error:.1e}" if c.informative else "-",
                _verdict(c),
            )
        )
    lines = _align(rows)
    for c in check.nodes:
        if not c.ok and c.kink:
            lines.append(
                _("{node}: not differentiable at this point ({why})").format(
                    node=c.node, why=c.kink
                )
            )
    tol = f"{check.tolerance:.0e}"
    vague = len(check.uninformative)
    checked = len(check.nodes) - vague
    if not check.nodes:
        lines.append(_("nothing to check: no trainable input reaches the output"))
    elif check.ok and checked and not any(c.kink for c in check.nodes):
        lines.append(
            _("all {n} inputs match finite differences (tolerance {tol})").format(
                n=checked, tol=tol
            )
        )
    elif check.ok and checked:
        kinked = sum(not c.ok for c in check.nodes)
        lines.append(
            ngettext(
                "{ok} of {n} inputs match; {kinked} differs only because the function is not "
                "differentiable here (tolerance {tol})",
                "{ok} of {n} inputs match; {kinked} differ only because the function is not "
                "differentiable here (tolerance {tol})",
                kinked,
            ).format(ok=checked - kinked, n=checked, kinked=kinked, tol=tol)
        )
    elif not check.ok:
        bad = sum(not c.ok for c in check.nodes)
        lines.append(
            _("{bad} of {n} inputs do not match (tolerance {tol})").format(
                bad=bad, n=checked, tol=tol
            )
        )
    if vague:
        lines.append(
            _(
                "{n} inputs not checked: at these magnitudes (near the float limit) finite "
                "differences are not informative"
            ).format(n=vague)
        )
    return lines


def _verdict(c: NodeCheck) -> str:
    if not c.informative:
        return _("not informative")
    return _("ok") if c.ok else (_("kink") if c.kink else _("MISMATCH"))


def _finite_or_none(x: float) -> float | None:
    return x if np.isfinite(x) else None


def _total(step: BackwardStep) -> np.ndarray:
    total = step.upstream_sum[0]
    with np.errstate(all="ignore"):
        for g in step.upstream_sum[1:]:
            total = total + g
    return np.asarray(total)


def _align(rows: Sequence[tuple[str, ...]]) -> list[str]:
    return align_columns(rows)
