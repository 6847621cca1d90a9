"""core: the fast scalar path for a graph that is still being built (some inputs unwired).

The scalar plan needs every input wired. While a student builds a 10,000-node graph, one
unwired gate used to send every recompute down the general numpy path, about twenty
times slower. Here the nodes that can be computed - those whose every upstream input is
wired - are run on the scalar path as a graph of their own, and the rest get the same
problems the general path names ("input b is not connected", "waiting for q").

The computable part is kept per structure revision: editing a value reruns it at once.
Nodes that cannot be computed are closed downstream, so removing them leaves the others
in the same topological order: the trace is the one the general path would record.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.core.outputs import complete_nodes
from gradflow.core.scalar_plan import run_scalar
from gradflow.core.scalar_results import EdgeGrads, NodeGrads, NodeValues
from gradflow.core.trace import Trace

ScalarRun = tuple[str, NodeValues, NodeGrads, EdgeGrads, "Trace | None"]


def run_scalar_partial(
    graph: Graph, feeds: Mapping[str, Any], record: bool, all_grads: bool, output: str | None
) -> tuple[ScalarRun, dict[str, str]] | None:
    """(run_scalar's result on the computable part, problems of the rest), or None when
    the scalar path does not apply (a non-scalar value, the output not computable...)."""
    if output is None or not graph.missing_inputs():
        return None
    cached = getattr(graph, "_gradflow_partial", None)
    if cached is None or cached[0] != graph.structure_revision:
        done = complete_nodes(graph)
        # the part shares the graph's Node objects, so a new value is seen without a rebuild
        part = _computable_part(graph, done) if any(done.values()) else None
        cached = (graph.structure_revision, part, _problems(graph, done))
        graph._gradflow_partial = cached  # type: ignore[attr-defined]
    _revision, part, problems = cached
    if part is None:
        return None
    part.revision = graph.revision  # values are read again when the graph's change
    # an output that cannot be computed yet: the values of the part, no backward pass
    result = run_scalar(part, feeds, record, all_grads, output, backward=output in part)
    return None if result is None else (result, dict(problems))


def _computable_part(graph: Graph, done: Mapping[str, bool]) -> Graph:
    """A graph of the computable nodes and the wires between them (shares node objects)."""
    part = Graph()
    part.bounded = graph.bounded
    for nid, node in graph.nodes.items():
        if done[nid]:
            part._nodes[nid] = node
            part._in[nid] = list(graph._in[nid])
            part._out[nid] = [e for e in graph._out[nid] if done[e.dst]]
            part._shapes[nid] = graph._shapes[nid]
    part._edges = {e: None for e in graph.edges if done[e.src] and done[e.dst]}
    part._output = graph.output if graph.output in part._nodes else None
    # the graph's order without the rest (they are closed downstream): what the general
    # path runs, and no second sort of 100,000 nodes
    order = tuple(nid for nid in graph.topo_order() if done[nid])
    part._topo_cache = (part.structure_revision, order)
    return part


def _problems(graph: Graph, done: Mapping[str, bool]) -> dict[str, str]:
    """What the general path reports for each node that cannot be computed."""
    problems: dict[str, str] = {}
    for nid in graph.topo_order():
        if done[nid]:
            continue
        node = graph.nodes[nid]
        for port, e in enumerate(graph._in[nid]):
            if e is None:
                said = _("input {name} is not connected")
                problems[nid] = said.format(name=node.spec.input_names[port])
                break
            if not done[e.src]:
                problems[nid] = _("waiting for {node}").format(node=e.src)
                break
    return problems
