"""core: how nodes and ports are named in explanations - the titles a user reads on the canvas.

`Namer` turns node ids into the names formulas use ('q' for a node labelled 'q = x + y',
'c[0]' for a copy's first output) and writes the lecture's symbols (∂L/∂q).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from gradflow.core.graph import Edge, Graph
from gradflow.core.i18n import ngettext
from gradflow.core.trace import ForwardStep, Trace

_NAME = re.compile(r"[^\W\d]\w*")


def plural(n: int, word: str) -> str:
    """A count with its noun: '1 step', '0 steps', '10 steps', in the current language.

    The nouns the explanations count go through `ngettext`; any other gets a regular
    English plural.
    """
    counted = {
        "step": lambda: ngettext("{n} step", "{n} steps", n),
        "output": lambda: ngettext("{n} output", "{n} outputs", n),
        "more row": lambda: ngettext("{n} more row", "{n} more rows", n),
    }
    if word in counted:
        return counted[word]().format(n=n)
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def names_op(name: str, op: str) -> bool:
    """Whether a node's name already says its op: 'neg1', 'input3', 'neg' for neg, not 'q'.

    The name must start with the op as a word ('negx' does not, 'neg_a' and 'Neg2' do).
    """
    name = name.lstrip("(")  # a label shown whole: '(copy x)' says copy
    head, rest = name[: len(op)], name[len(op) :]
    return head.casefold() == op.casefold() and not rest[:1].isalpha()


def op_and_name(op: str, name: str) -> str:
    """'add q' for a caption, but 'neg1' rather than 'neg neg1': the op is never said twice."""
    return name if names_op(name, op) else f"{op} {name}"


def name_in(label: str) -> str | None:
    """The variable a label names: 'q' and 'q = x + y' name q; '+ w2' or 'copy x' name none."""
    head = label.split("=")[0].strip()
    return head if _NAME.fullmatch(head) else None


def shown_name(node_title: str) -> str:
    """How a node is named in words and formulas: as the canvas shows it.

    A label that is or starts with a name ('q', 'q = x + y') gives that name; any other
    label ('w0·x0', '−z', 'copy x') is used whole, in brackets so a formula stays
    unambiguous ('∂f/∂(−z)'); a node without a label shows (and is named by) its id.
    """
    name = name_in(node_title)
    return name if name is not None else f"({node_title.strip()})"


# the names of the last graph named: (its ids, its labels, the names)
_last_names: tuple[tuple[str, ...], tuple[str | None, ...], Mapping[str, str]] | None = None


def node_names(graph: Graph) -> Mapping[str, str]:
    """Every node's name in formulas (`shown_name`); a name two nodes would share gives
    way to their ids.

    The player explains one step of the same graph after another: the names of the last
    graph are kept, and given again while its ids and labels are the same.
    """
    global _last_names
    ids, labels = tuple(graph.nodes), tuple(n.label for n in graph)
    last = _last_names
    if last is not None and last[0] == ids and last[1] == labels:
        return last[2]
    candidates = {n.id: shown_name(n.title) for n in graph}
    counts = Counter(candidates.values())
    names = MappingProxyType({nid: c if counts[c] == 1 else nid for nid, c in candidates.items()})
    _last_names = (ids, labels, names)
    return names


class ForwardSteps:
    """Each node's forward step in a trace, looked up when asked.

    An explanation asks for one or two nodes; a scalar run's steps say where a node's
    step is (`ScalarSteps.forward_slot`), so its trace is not walked per explanation.
    Any other trace is indexed once, on the first look-up.
    """

    def __init__(self, trace: Trace) -> None:
        self._trace = trace
        self._index: dict[str, ForwardStep] | None = None

    def get(self, node_id: str) -> ForwardStep | None:
        """The forward step of `node_id`, or None if the trace has none."""
        steps = self._trace.steps
        slot = getattr(steps, "forward_slot", None)
        if slot is not None:
            i = slot(node_id)
            step = steps[i] if i is not None else None
            return step if isinstance(step, ForwardStep) else None
        if self._index is None:
            self._index = {s.node: s for s in self._trace.forward}
        return self._index.get(node_id)


class Namer:
    """Titles of nodes and ports as a user reads them, for one graph and trace."""

    def __init__(self, graph: Graph, trace: Trace) -> None:
        self.graph = graph
        self.forward = ForwardSteps(trace)
        self.names = node_names(graph)
        has_backward = len(trace) > trace.n_forward
        self.loss = self.title(trace.steps[trace.n_forward].node) if has_backward else "L"

    def title(self, node_id: str | None) -> str:
        """The node's name in formulas: as the canvas shows it (see `shown_name`)."""
        if node_id is None:
            return "1"
        return self.names.get(node_id, node_id)

    def port(self, node_id: str, port: int) -> str:
        """A node's output port: its title, with '[k]' when the node has several outputs."""
        node = self.graph.nodes.get(node_id)
        base = self.title(node_id)
        return f"{base}[{port}]" if node is not None and node.n_outputs > 1 else base

    def inputs(self, edges: Sequence[Edge]) -> list[str]:
        """Names of the inputs along `edges`; one source feeding two ports gets 'x[a]', 'x[b]'."""
        names = [self.port(e.src, e.src_port) for e in edges]
        spec_names = [self._input_name(e) for e in edges]
        return [
            f"{n}[{s}]" if names.count(n) > 1 else n for n, s in zip(names, spec_names, strict=True)
        ]

    def _input_name(self, e: Edge) -> str:
        node = self.graph.nodes.get(e.dst)
        return node.spec.input_names[e.dst_port] if node is not None else str(e.dst_port)

    def d(self, name: str) -> str:
        """The gradient of the output with respect to `name`: '∂f/∂q'."""
        return f"∂{self.loss}/∂{name}"

    def local(self, out: str, name: str) -> str:
        """The local gradient of `out` with respect to `name`: '∂f/∂q'."""
        return f"∂{out}/∂{name}"
