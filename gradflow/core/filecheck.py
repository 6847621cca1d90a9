"""core: the structural checks of a `.gflow` document - JSON types, keys and field values.

Each check raises GraphFileError naming the location of the problem, such as
`nodes[3].op: unknown op "mull" (did you mean "mul"?)`. What needs the graph itself
(duplicate ids, ports, cycles, shapes) is checked while the loader builds it.
"""

from __future__ import annotations

import math
import sys
from typing import Any

from gradflow.core.errors import GraphError, GraphFileError
from gradflow.core.ops import NODE_KEYS, get_op
from gradflow.core.text import name_problem, printable

FORMAT_NAME = "gradflow"
FORMAT_VERSION = 1
TOP_KEYS = ("format", "version", "title", "description", "output", "nodes", "edges")
EDGE_KEYS = ("from", "to", "from_port", "to_port")
FLOAT_MAX = sys.float_info.max


class JsonObject(dict):  # type: ignore[type-arg]
    """A parsed JSON object that remembers the first key it saw twice (JSON allows it,
    but a file saying `"version": 2, "version": 1` means two things at once)."""

    duplicate: str | None = None

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, Any]]) -> JsonObject:
        """The json module's `object_pairs_hook`."""
        obj = cls(pairs)  # the json module passes a list
        if len(obj) != len(pairs):  # rare: look for the first key seen twice
            seen: set[str] = set()
            for key, _value in pairs:
                if key in seen:
                    obj.duplicate = key
                    break
                seen.add(key)
        return obj


def check_unique_keys(raw: dict[str, Any], where: str) -> None:
    """Refuse an object in which a key appears twice."""
    duplicate = getattr(raw, "duplicate", None)
    if duplicate is not None:
        raise fail(where, f'the key "{printable(duplicate)}" appears twice')


def check_name(raw: Any, where: str, allow_newlines: bool = False) -> None:
    """Refuse an id, label or title holding control characters or lone surrogates."""
    problem = name_problem(raw, allow_newlines) if isinstance(raw, str) else None
    if problem:
        raise fail(where, problem)


def short_number(raw: Any) -> str:
    """A number for a message, a huge integer abbreviated to its digit count."""
    text = str(raw)
    return f"{text[:12]}… ({len(text)} digits)" if len(text) > 24 else text


def fail(where: str, message: str) -> GraphFileError:
    """A GraphFileError whose message starts with the location of the problem."""
    return GraphFileError(f"{where}: {message}" if where else message)


def type_name(raw: Any) -> str:
    """The JSON name of a parsed value's type, for messages."""
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "a boolean"
    if isinstance(raw, (int, float)):
        return "a number"
    if isinstance(raw, str):
        return "a string"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, dict):
        return "an object"
    return type(raw).__name__


def is_number(raw: Any) -> bool:
    """True for a JSON number (a boolean is not one)."""
    return isinstance(raw, (int, float)) and not isinstance(raw, bool)


def check_keys(raw: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    """Refuse keys a document of this version does not define (typos would be lost)."""
    check_unique_keys(raw, where)
    for key in raw:
        if key not in allowed:
            known = ", ".join(allowed)
            raise fail(where, f'unknown key "{printable(key)}" (expected one of: {known})')


def check_top(doc: Any) -> None:
    """The document's envelope: an object, format name, version, metadata, lists."""
    if not isinstance(doc, dict):
        raise fail("", f"a .gflow document must be a JSON object, not {type_name(doc)}")
    if doc.get("format") != FORMAT_NAME:
        raise fail("format", f'expected "{FORMAT_NAME}" (is this a gradflow file?)')
    check_unique_keys(doc, "")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version != FORMAT_VERSION:
        shown = printable(short_number(version) if is_number(version) else repr(version))
        raise fail("version", f"unsupported version {shown}; this gradflow reads version 1")
    check_keys(doc, TOP_KEYS, "")
    for key in ("title", "description", "output"):
        if doc.get(key) is not None and not isinstance(doc[key], str):
            raise fail(key, f"must be a string, not {type_name(doc[key])}")
        check_name(doc.get(key), key, allow_newlines=key == "description")
    for key in ("nodes", "edges"):
        if not isinstance(doc.get(key, []), list):
            raise fail(key, f"must be a list, not {type_name(doc[key])}")


def check_node(raw: Any, where: str) -> None:
    """One node object: id, known op, only that op's attributes, label, pos, value types."""
    if not isinstance(raw, dict):
        raise fail(where, f"a node must be an object, not {type_name(raw)}")
    check_unique_keys(raw, where)
    if not isinstance(raw.get("id"), str) or not raw["id"].strip():
        raise fail(f"{where}.id", "a node needs a non-empty string id")
    check_name(raw["id"], f"{where}.id")
    op = raw.get("op")
    if not isinstance(op, str):
        raise fail(f"{where}.op", f"must be an op name, not {type_name(op)}")
    try:
        spec = get_op(op)  # its message suggests the closest op: 'unknown op "mull" (did you...'
    except GraphError as e:
        raise fail(f"{where}.op", str(e)) from None
    check_keys(raw, NODE_KEYS + tuple(spec.attrs), where)
    if raw.get("label") is not None and not isinstance(raw["label"], str):
        raise fail(f"{where}.label", f"must be a string, not {type_name(raw['label'])}")
    check_name(raw.get("label"), f"{where}.label")
    if raw.get("pos") is not None:
        check_pos(raw["pos"], f"{where}.pos")
    if "value" in raw:
        check_number_tree(raw["value"], f"{where}.value")
    if is_number(raw.get("c")):
        check_float_range(raw["c"], f"{where}.c")


def check_pos(raw: Any, where: str) -> None:
    """A canvas position: two finite numbers [x, y]."""
    if not isinstance(raw, list) or len(raw) != 2 or not all(is_number(v) for v in raw):
        raise fail(where, "must be two numbers [x, y]")
    for v in raw:
        check_float_range(v, where)
    if not all(math.isfinite(v) for v in raw):
        raise fail(where, "must be finite")


def check_float_range(raw: int | float, where: str) -> None:
    """Refuse an integer literal too large for a float (`1` and 400 zeros)."""
    if isinstance(raw, int) and not -FLOAT_MAX <= raw <= FLOAT_MAX:
        raise fail(where, f"the number {short_number(raw)} is too large (at most ±1.8e308)")


def check_number_tree(raw: Any, where: str, depth: int = 0) -> None:
    """A number, a list of numbers or a list of lists of numbers (shape is checked later)."""
    if is_number(raw):
        check_float_range(raw, where)
        return
    if not isinstance(raw, list) or depth >= 2:
        what = "more than 2 dimensions" if isinstance(raw, list) else type_name(raw)
        raise fail(where, f"must be a number or a (nested) list of numbers, not {what}")
    for i, item in enumerate(raw):
        check_number_tree(item, f"{where}[{i}]" if depth == 0 else where, depth + 1)


def check_edge(raw: Any, where: str) -> tuple[str, str, int, int]:
    """One edge object; returns (from, to, from_port, to_port) with ports defaulted to 0."""
    if not isinstance(raw, dict):
        raise fail(where, f"an edge must be an object, not {type_name(raw)}")
    check_keys(raw, EDGE_KEYS, where)
    for key in ("from", "to"):
        if not isinstance(raw.get(key), str):
            raise fail(f"{where}.{key}", f"must be a node id, not {type_name(raw.get(key))}")
    ports = []
    for key in ("from_port", "to_port"):
        port = raw.get(key, 0)
        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port < 2**31:
            raise fail(f"{where}.{key}", "must be a whole number ≥ 0")
        ports.append(port)
    return raw["from"], raw["to"], ports[0], ports[1]
