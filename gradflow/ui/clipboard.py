"""ui: copy and paste - selected nodes travel as `.gflow` JSON, within and between windows."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from gradflow.core.errors import GraphFileError
from gradflow.core.fileformat import dumps, loads
from gradflow.core.graph import Graph

GRAPH_MIME = "application/x-gradflow-graph"


def fragment(graph: Graph, node_ids: list[str]) -> Graph:
    """The sub-graph of `node_ids` with the wires between them (ids and positions kept)."""
    keep = dict.fromkeys(node_ids)
    part = Graph()
    for nid in graph.nodes:
        if nid in keep:
            n = graph.nodes[nid]
            part.add_node(n.op, n.id, label=n.label, pos=n.pos, **n.attrs)
    for e in graph.edges:
        if e.src in keep and e.dst in keep:
            part.connect(e.src, e.dst, e.src_port, e.dst_port)
    return part


def copy_nodes(graph: Graph, node_ids: list[str]) -> bool:
    """Put the nodes on the clipboard (custom mime type and plain text); False if none."""
    if not node_ids:
        return False
    text = dumps(fragment(graph, node_ids))
    data = QMimeData()
    data.setData(GRAPH_MIME, text.encode("utf-8"))
    data.setText(text)
    QGuiApplication.clipboard().setMimeData(data)
    return True


def clipboard_fragment() -> Graph | None:
    """The graph fragment on the clipboard, or None if it holds no gradflow nodes.

    Raises GraphFileError when it holds gradflow data that cannot be loaded.
    """
    data = QGuiApplication.clipboard().mimeData()
    if data is None:
        return None
    if data.hasFormat(GRAPH_MIME):
        text = bytes(data.data(GRAPH_MIME).data()).decode("utf-8", "replace")
    elif data.hasText() and '"gradflow"' in data.text():
        text = data.text()
    else:
        return None
    try:
        return loads(text)
    except (MemoryError, RecursionError):
        raise GraphFileError("the clipboard's graph is too big or nested too deeply") from None
