"""core: the run after a node is added or removed unwired - derived from the run before.

A node dropped on the canvas has no wires yet. It cannot be computed (an input is not
connected) and nothing depends on it, so the partial run of the graph with it is the
run without it plus one problem, and possibly another sentence about which end was
chosen as output. On a 10,000-node graph recomputing that costs a third of a second
for numbers that do not change; deriving it costs a look at the sinks. The same holds
backwards when such a node is removed again (undo). When anything else could differ -
a node without inputs (it gets a value), wires, another output - these return None and
the caller runs the graph.
"""

from __future__ import annotations

from dataclasses import replace

from gradflow.core.engine import RunResult
from gradflow.core.graph import Graph
from gradflow.core.outputs import guessed_note


def run_after_adding(graph: Graph, previous: RunResult, node_id: str) -> RunResult | None:
    """The partial run of `graph`, which is the graph `previous` was run on plus the
    unwired node `node_id`; None if it must be run afresh."""
    node = graph.nodes.get(node_id)
    if node is None or not _unwired(graph, node_id) or not _complete_run(previous):
        return None
    names = node.spec.input_names
    if not names or node_id in previous.problems:
        return None  # without inputs it is computed: the run changes
    same, note = _same_output_note(graph, previous)
    if not same:
        return None
    problems = {**previous.problems, node_id: f"input {names[0]} is not connected"}
    return replace(previous, problems=problems, output_note=note)


def run_after_removing(graph: Graph, previous: RunResult, node_id: str) -> RunResult | None:
    """The partial run of `graph` after the unwired node `node_id` (which `previous` named
    as not computable) was removed from it; None if it must be run afresh."""
    if node_id in graph or node_id not in previous.problems or not _complete_run(previous):
        return None
    if node_id in previous.values or previous.output == node_id:
        return None
    problems = {k: v for k, v in previous.problems.items() if k != node_id}
    if any(p == f"waiting for {node_id}" for p in problems.values()):
        return None
    same, note = _same_output_note(graph, previous)
    if not same:
        return None
    return replace(previous, problems=problems, output_note=note)


def _complete_run(previous: RunResult) -> bool:
    """Whether `previous` computed its output (values, gradients and a trace)."""
    out = previous.output
    return (
        out is not None
        and out in previous.values
        and previous.trace is not None
        and (previous.notice is None)
    )


def _unwired(graph: Graph, node_id: str) -> bool:
    return not graph.out_edges(node_id) and all(e is None for e in graph.in_edges(node_id))


def _same_output_note(graph: Graph, previous: RunResult) -> tuple[bool, str | None]:
    """(whether `graph`'s partial run keeps `previous`'s output, its output note).

    A computed output had every input wired, so it outranks any unwired end (see
    `outputs.choose_output`): an unwired node coming or going changes only the count of
    ends in the note. No walk over the graph, only over its ends.
    """
    assert previous.output is not None
    if graph.output is not None:
        return graph.output == previous.output, None
    sinks = graph.sinks()
    if previous.output not in sinks:
        return False, None
    if len(sinks) == 1:
        return True, None
    return True, guessed_note(len(sinks), graph.node(previous.output).title)
