"""core: which node a run seeds with 1 - the named output, the only sink, or a stated guess.

A graph being built on the canvas often has several ends (a node just dropped, a
branch not wired yet). Rather than computing no gradient at all, a partial run takes
the most recently added end that can be computed - preferring a gate over a lone
input - and says so, so the connected part keeps its gradients while the rest wears
its "not computed" badge.
"""

from __future__ import annotations

from dataclasses import dataclass

from gradflow.core.graph import Graph
from gradflow.core.i18n import _


@dataclass(frozen=True)
class OutputChoice:
    """The output node, and a sentence for the status bar when it was guessed."""

    node: str
    note: str | None = None


def complete_nodes(graph: Graph) -> dict[str, bool]:
    """Per node: whether every input port upstream of it (itself included) is wired."""
    done: dict[str, bool] = {}
    for nid in graph.topo_order():
        ins = graph.in_edges(nid)
        done[nid] = all(e is not None and done[e.src] for e in ins)
    return done


def choose_output(graph: Graph) -> OutputChoice:
    """The output a partial run uses (GraphError from `output_node` only for an empty graph).

    The named output, else the only sink; with several sinks, the last-added one whose
    inputs are all wired (a gate before a lone input), with a note naming it.
    """
    if graph.output is not None or len(graph.sinks()) <= 1:
        return OutputChoice(graph.output_node())
    sinks = graph.sinks()
    done = complete_nodes(graph)
    order = {nid: i for i, nid in enumerate(graph.nodes)}  # the last added is last
    ranked = sorted(sinks, key=lambda s: (done[s], graph.node(s).n_inputs > 0, order[s]))
    chosen = ranked[-1]
    return OutputChoice(chosen, guessed_note(len(sinks), graph.node(chosen).title))


def guessed_note(count: int, title: str) -> str:
    """The status-bar sentence of an output guessed among `count` ends."""
    return _(
        "{count} ends and no output node named: using {node}, the last-added end that "
        "can be computed (choose the output in the inspector)"
    ).format(count=count, node=title)
