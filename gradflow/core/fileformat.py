"""core: the `.gflow` file format, version 1 - JSON to Graph and back, checked and atomic.

Loading checks everything and reports the first problem with its location
(`edges[1].to: no node "qq"`); it builds a fresh Graph through the validated mutations,
so a document that fails never yields a half-built graph. Saving writes a temporary file
next to the target and replaces the target only once the text is complete.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from gradflow.core.atomic_write import write_atomically
from gradflow.core.errors import GraphError, GraphFileError
from gradflow.core.filecheck import (
    FORMAT_NAME,
    FORMAT_VERSION,
    JsonObject,
    check_edge,
    check_node,
    check_top,
    fail,
)
from gradflow.core.gc_pause import paused_gc
from gradflow.core.graph import Edge, Graph, Node
from gradflow.core.graph_bulk import add_checked
from gradflow.core.i18n import _
from gradflow.core.ops import get_op
from gradflow.core.paths import read_regular_file, size_text
from gradflow.core.text import printable
from gradflow.core.wiring import WiringError, connect_many

__all__ = ["EXTENSION", "MAX_BYTES", "dumps", "load", "loads", "save"]

MAX_BYTES = 50 * 1024 * 1024
EXTENSION = ".gflow"


# --- loading ----------------------------------------------------------------------------


def loads(data: str | bytes) -> Graph:
    """The graph a `.gflow` document describes; GraphFileError naming the first problem."""
    with paused_gc():  # a node is a few dicts, lists and tuples: see core.gc_pause
        return _build(_parse(data))


def load(path: str | os.PathLike[str]) -> Graph:
    """Read and load a `.gflow` file; errors start with the file's name."""
    path = Path(path)
    data = read_regular_file(path, MAX_BYTES, GraphFileError, "graph files")
    try:
        return loads(data)
    except GraphFileError as err:
        raise GraphFileError(f"{path.name}: {err}") from None  # a name and a message


def _parse(data: str | bytes) -> Any:
    if isinstance(data, (bytes, bytearray)):
        if len(data) > MAX_BYTES:
            raise GraphFileError(_over_limit())
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as err:
            said = _("not UTF-8 text (bad byte at offset {offset})")
            raise GraphFileError(said.format(offset=err.start)) from None
    elif not isinstance(data, str):
        said = _("expected text or bytes, not {kind}")
        raise GraphFileError(said.format(kind=type(data).__name__))
    elif len(data) > MAX_BYTES:
        raise GraphFileError(_over_limit())
    try:
        return json.loads(
            data,
            parse_constant=_no_constant,
            parse_float=_finite_float,
            object_pairs_hook=JsonObject.from_pairs,
        )
    except json.JSONDecodeError as err:
        said = _("not valid JSON: {problem} (line {line}, column {column})")
        raise GraphFileError(
            said.format(problem=err.msg, line=err.lineno, column=err.colno)
        ) from None
    except RecursionError:
        raise GraphFileError(_("not a graph: the JSON is nested too deeply")) from None
    except ValueError:  # Python refuses integers of more than 4300 digits
        raise GraphFileError(_("not valid JSON: a number has too many digits")) from None


def _over_limit() -> str:
    return _("the document is over the {limit} limit").format(limit=size_text(MAX_BYTES))


def _no_constant(name: str) -> float:
    raise GraphFileError(_("{name} is not allowed: numbers must be finite").format(name=name))


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise GraphFileError(_("the number {number} is too large").format(number=text[:20]))
    return value


def _build(doc: Any) -> Graph:
    check_top(doc)
    graph = Graph()
    graph.title, graph.description = doc.get("title"), doc.get("description")
    for i, raw in enumerate(doc.get("nodes", [])):
        _add_node(graph, raw, f"nodes[{i}]")
    # Edges are checked one by one for what needs no graph-wide view, then wired
    # together: cycles and shapes are validated once, so loading stays linear.
    edges: list[Edge] = []
    refused: GraphFileError | None = None
    for i, raw in enumerate(doc.get("edges", [])):
        try:
            edges.append(_edge(graph, raw, f"edges[{i}]"))
        except GraphFileError as err:
            refused = err
            break
    try:
        connect_many(graph, edges)
    except WiringError as err:
        raise fail(f"edges[{err.index}]", str(err)) from None
    if refused is not None:
        raise refused
    output = doc.get("output")
    if output is not None:
        if output not in graph:
            raise fail("output", f'no node "{printable(output)}"')
        graph.set_output(output)
    return graph


def _add_node(graph: Graph, raw: Any, where: str) -> None:
    check_node(raw, where)  # id, label and position are checked here, with their place
    node_id = raw["id"]
    if node_id in graph:
        raise fail(f"{where}.id", f'duplicate id "{node_id}"')
    spec = get_op(raw["op"])
    attrs: dict[str, Any] = {}
    for attr in spec.schema:
        given = attr.name in raw
        try:
            attrs[attr.name] = attr.check(raw[attr.name] if given else attr.default)
        except GraphError as err:
            raise fail(f"{where}.{attr.name}" if given else where, str(err)) from None
    try:
        add_checked(graph, node_id, spec.name, attrs, raw.get("label"), _pos(raw.get("pos")))
    except GraphError as err:  # a leaf whose value is over the element limits
        raise fail(f"{where}.value" if "value" in raw else where, str(err)) from None


def _pos(raw: list[Any] | None) -> tuple[float, float] | None:
    return None if raw is None else (float(raw[0]), float(raw[1]))


def _edge(graph: Graph, raw: Any, where: str) -> Edge:
    src, dst, src_port, dst_port = check_edge(raw, where)
    nodes = graph.nodes
    for key, node_id in (("from", src), ("to", dst)):
        if node_id not in nodes:
            raise fail(f"{where}.{key}", f'no node "{printable(node_id)}"')
    a, b = nodes[src], nodes[dst]
    _check_port(a, src_port, a.n_outputs, "output", f"{where}.from_port")
    _check_port(b, dst_port, b.n_inputs, "input", f"{where}.to_port")
    return Edge(src, dst, src_port, dst_port)


def _check_port(node: Node, port: int, count: int, kind: str, where: str) -> None:
    if port >= count:
        has = f"{kind} ports 0..{count - 1}" if count else f"no {kind} ports"
        raise fail(where, f'node "{node.id}" ({node.op}) has {has}, not {port}')


# --- saving -----------------------------------------------------------------------------


def save(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write `graph` to `path` atomically: the old file stays intact if anything fails.

    A symbolic link is written through (its target is replaced, the link stays); see
    `core.atomic_write` for temporary files and syncing.
    """
    try:
        data = dumps(graph).encode("utf-8")
    except (ValueError, TypeError) as err:
        said = _("cannot save {path}: {why}")
        raise GraphFileError(said.format(path=Path(path).name, why=err)) from None
    try:
        write_atomically(path, data)
    except OSError as err:
        said = _("cannot save {path}: {why}")
        raise GraphFileError(said.format(path=path, why=err.strerror or err)) from None


def dumps(graph: Graph) -> str:
    """The `.gflow` text of `graph`: one node or edge per line, floats written exactly."""
    head: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    for key, value in (
        ("title", graph.title),
        ("description", graph.description),
        ("output", graph.output),
    ):
        if value is not None:
            head[key] = value
    parts = [f"  {_json(k)}: {_json(v)}" for k, v in head.items()]
    parts.append(f'  "nodes": {_json_lines([_node_doc(n) for n in graph])}')
    parts.append(f'  "edges": {_json_lines([_edge_doc(e) for e in graph.edges])}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _json_lines(items: list[dict[str, Any]]) -> str:
    if not items:
        return "[]"
    return "[\n" + ",\n".join(f"    {_json(item)}" for item in items) + "\n  ]"


def _node_doc(node: Node) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": node.id, "op": node.op}
    for attr in node.spec.schema:
        value = node.attrs[attr.name]
        if not attr.saved_default and value == attr.default:
            continue  # e.g. an input's trainable: true; written only when it is frozen
        name = attr.name
        doc[name] = value.tolist() if hasattr(value, "tolist") else value
    if node.label is not None:
        doc["label"] = node.label
    if node.pos is not None:
        doc["pos"] = list(node.pos)
    return doc


def _edge_doc(edge: Edge) -> dict[str, Any]:
    doc: dict[str, Any] = {"from": edge.src, "to": edge.dst}
    if edge.src_port:
        doc["from_port"] = edge.src_port
    if edge.dst_port:
        doc["to_port"] = edge.dst_port
    return doc
