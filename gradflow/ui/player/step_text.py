"""ui: the texts of a playhead position - the player's caption and the inspector's step HTML.

Both are renderers of core's explanation of the step (`Workspace.explanation`); the
caption of a position no step explains (the start, the end, nothing to play) comes from
core's `caption_at`, or says why there are no steps.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from gradflow.core.explain import Explanation, caption_at
from gradflow.core.graph import Graph
from gradflow.ui.player.explain_html import explanation_html, summary_html
from gradflow.ui.workspace import Workspace


def caption(workspace: Workspace, k: int | None, exp: Explanation | None = None) -> str:
    """The caption line for playhead k (the step's own caption if it explains one)."""
    exp = exp if exp is not None else workspace.explanation(k)
    if exp is not None:
        return exp.caption
    trace, result = workspace.trace, workspace.document.result
    graph = workspace.document.graph
    if (trace is None or len(trace) == 0) and result.notice:
        return nothing_to_play(graph, result.notice, result.problems, result.output)
    return caption_at(trace, graph, k)


def step_html(workspace: Workspace, k: int | None) -> str | None:
    """The inspector's "This step" section for playhead k (None: hide it)."""
    shown = workspace.display
    if not shown.show_explanations or k is None:
        return None
    exp = workspace.explanation(k)
    if exp is None:
        return summary_html(caption(workspace, k))
    return explanation_html(exp, show_values=shown.show_values, show_grads=shown.show_gradients)


def nothing_to_play(
    graph: Graph, notice: str, problems: Mapping[str, str], output: str | None = None
) -> str:
    """Why there are no steps, and what to do - the engine's reason, not a generic line.

    Read from the run and the graph's structure, never from the wording (which may be
    Korean): when the run found no output among several ends, the hint says how to
    choose one; otherwise
    the output's own problem is named, unless every input of it is wired (it only waits
    for another node): then the first problem in running order, the cause upstream.
    """
    text = QCoreApplication.translate("StepText", "Nothing to play yet: {notice}").format(
        notice=notice
    )
    if output is None and len(graph.sinks()) > 1:
        text += QCoreApplication.translate(
            "StepText", " (select it and tick “output node” in the inspector)"
        )
    elif problems:
        own = output is not None and output in problems and not _only_waits(graph, output)
        node = output if own and output is not None else next(iter(problems))
        text += f" - {node}: {problems[node]}"
    return text + "."


def _only_waits(graph: Graph, node_id: str) -> bool:
    """Whether every input port of the node is wired (its problem lies upstream)."""
    return node_id in graph.nodes and all(e is not None for e in graph.in_edges(node_id))
