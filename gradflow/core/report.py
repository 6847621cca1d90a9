"""core: reports of a run, its trace and a gradient check - as JSON data and as text lines.

The command line prints these; anything else that wants the same table (a notebook, a
log) can use them too. Numbers in JSON are plain numbers or nested lists
(`formatting.to_jsonable`); in text they are compact (`formatting.format_array`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from gradflow.core.chain import StepChain, chain_at
from gradflow.core.chain_json import chain_json
from gradflow.core.engine import RunResult
from gradflow.core.formatting import format_array, format_number, to_jsonable
from gradflow.core.gradcheck import GradcheckResult
from gradflow.core.graph import Graph
from gradflow.core.trace import BackwardStep, ForwardStep, Step


def node_grad(result: RunResult, node_id: str) -> np.ndarray | None:
    """dL/d(the node's value): summed over output ports (a copy sends one value to each)."""
    ports = result.grads.get(node_id)
    if ports is None:
        return None
    total = ports[0]
    for g in ports[1:]:
        total = total + g
    return np.asarray(total)


def run_json(graph: Graph, result: RunResult) -> dict[str, Any]:
    """{"output": id, "nodes": {id: {"op", "value", "grad"}}}; grad is null where none."""
    nodes = {}
    for node in graph:
        grad = node_grad(result, node.id)
        nodes[node.id] = {
            "op": node.op,
            "value": to_jsonable(result.values[node.id][0]),
            "grad": None if grad is None else to_jsonable(grad),
        }
    return {"output": result.output, "nodes": nodes}


def run_table(graph: Graph, result: RunResult) -> list[str]:
    """An aligned table: node, op, value, gradient (one row per node, in graph order)."""
    rows = [("node", "op", "value", "gradient")]
    for node in graph:
        grad = node_grad(result, node.id)
        mark = " (output)" if node.id == result.output else ""
        rows.append(
            (
                node.id + mark,
                node.op,
                format_array(result.values[node.id][0]),
                "-" if grad is None else format_array(grad),
            )
        )
    return _align(rows)


def step_json(step: Step, chain: StepChain | None = None) -> dict[str, Any]:
    """One trace step as JSON data (its index is 1-based, like the playhead).

    A backward step given its `chain` also carries the chain rule per input edge
    (`chain`, `total`, ...: see core/chain_json.py).
    """
    head = {"index": step.index + 1, "phase": step.phase, "node": step.node, "op": step.op}
    if isinstance(step, ForwardStep):
        inputs = [
            {"from": e.src, "value": to_jsonable(x)}
            for e, x in zip(step.input_edges, step.inputs, strict=True)
        ]
        return {**head, "inputs": inputs, "value": to_jsonable(step.outputs[0])}
    return {
        **head,
        "upstream": [
            {"from": None if a.edge is None else a.edge.dst, "grad": to_jsonable(a.grad)}
            for a in step.upstream
        ],
        "grad": to_jsonable(_total(step)),
        "local": [None if x is None else to_jsonable(x) for x in step.local],
        "downstream": [
            {"to": e.src, "port": e.dst_port, "grad": to_jsonable(g)} for e, g in step.downstream
        ],
        **({} if chain is None else chain_json(chain)),
    }


def trace_json(result: RunResult, graph: Graph | None = None) -> dict[str, Any]:
    """{"output": id, "steps": [step_json, ...]} for a recorded run.

    With the `graph` the run came from, backward steps carry their chain rule too.
    """
    trace = result.trace
    if trace is None:
        return {"output": result.output, "steps": []}
    steps = [
        step_json(s, None if graph is None else chain_at(trace, graph, s.index)) for s in trace
    ]
    return {"output": result.output, "steps": steps}


def step_line(step: Step) -> str:
    """One step in words and numbers, e.g. `backward mul f: upstream 1; sends -4 to q`."""
    where = f"{step.phase:<8} {step.op} {step.node}"
    if isinstance(step, ForwardStep):
        value = format_array(step.outputs[0])
        if not step.inputs:
            return f"{where} = {value}"
        return f"{where}: {', '.join(format_array(x) for x in step.inputs)} → {value}"
    return f"{where}: {_backward_words(step)}"


def _backward_words(step: BackwardStep) -> str:
    ups = [format_array(a.grad) for a in step.upstream]
    upstream = ups[0] if len(ups) == 1 else " + ".join(ups) + f" = {format_array(_total(step))}"
    text = f"upstream {upstream}"
    if any(x is not None for x in step.local):
        text += "; local " + ", ".join("-" if x is None else format_array(x) for x in step.local)
    if step.downstream:
        text += "; sends " + ", ".join(f"{format_array(g)} to {e.src}" for e, g in step.downstream)
    return text


def trace_lines(result: RunResult) -> list[str]:
    """Every step numbered from 1, forward then backward."""
    steps = () if result.trace is None else result.trace.steps
    width = len(str(len(steps)))
    return [f"{s.index + 1:>{width}}  {step_line(s)}" for s in steps]


def check_json(check: GradcheckResult) -> dict[str, Any]:
    """{"ok", "tolerance", "nodes": [{"node", "error", "index", "analytic", "numeric", "ok"}]}."""
    return {
        "ok": check.ok,
        "tolerance": check.tolerance,
        "nodes": [
            {
                "node": c.node,
                "error": c.error,
                "index": list(c.index),
                "analytic": c.analytic,
                "numeric": c.numeric,
                "ok": c.ok,
            }
            for c in check.nodes
        ],
    }


def check_table(check: GradcheckResult) -> list[str]:
    """An aligned table of each input's worst entry, then a one-line verdict."""
    rows = [("node", "entry", "analytic", "numeric", "rel. error", "")]
    for c in check.nodes:
        entry = ",".join(str(i) for i in c.index) or "-"
        rows.append(
            (
                c.node,
                entry,
                format_number(c.analytic, 8),
                format_number(c.numeric, 8),
                f"{c.error:.1e}",
                "ok" if c.ok else "MISMATCH",
            )
        )
    lines = _align(rows)
    tol = f"{check.tolerance:.0e}"
    if not check.nodes:
        lines.append("nothing to check: no trainable input reaches the output")
    elif check.ok:
        lines.append(f"all {len(check.nodes)} inputs match finite differences (tolerance {tol})")
    else:
        bad = sum(not c.ok for c in check.nodes)
        lines.append(f"{bad} of {len(check.nodes)} inputs do not match (tolerance {tol})")
    return lines


def _total(step: BackwardStep) -> np.ndarray:
    total = step.upstream_sum[0]
    for g in step.upstream_sum[1:]:
        total = total + g
    return np.asarray(total)


def _align(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
