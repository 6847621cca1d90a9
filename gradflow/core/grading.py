"""core: grading - a student's values and gradients against what the engine computes.

An answers file is JSON: `{"values": {node: number|list}, "grads": {node: number|list}}`.
Every computed node's value is asked except the inputs' and constants' (they are given),
and every gradient the run has (constants have none). Each item is correct, wrong (with
the reason where it is not just a different number: wrong shape, NaN, not a number) or
missing. A file that is not such an object is malformed: `AnswersError` names where.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from gradflow.core.engine import RunResult, run
from gradflow.core.errors import GradflowError
from gradflow.core.formatting import format_shape
from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.core.report import node_grad

DEFAULT_TOLERANCE = 1e-2
FLOOR = 1e-3  # an expected 0 accepts answers within tolerance x FLOOR of it
KINDS = ("value", "grad")
SECTIONS = {"values": "value", "grads": "grad"}
MAX_ANSWER_BYTES = 10 * 2**20


class AnswersError(GradflowError):
    """An answers file that cannot be graded; the message says where it is malformed."""


@dataclass(frozen=True)
class Verdict:
    """One graded item: 'correct', 'wrong' or 'missing', why (if not a plain miss), the key."""

    status: str
    problem: str | None
    expected: np.ndarray


@dataclass(frozen=True)
class NodeGrade:
    """A node's graded value and gradient (None where that item is not asked)."""

    node: str
    value: Verdict | None
    grad: Verdict | None

    def items(self) -> tuple[tuple[str, Verdict], ...]:
        """(kind, verdict) for the items asked of this node."""
        return tuple((k, v) for k, v in (("value", self.value), ("grad", self.grad)) if v)


@dataclass(frozen=True)
class Grade:
    """Every node's verdicts, in graph order; score counts the correct items."""

    nodes: tuple[NodeGrade, ...]
    tolerance: float

    @property
    def total(self) -> int:
        """How many items were asked."""
        return sum(len(n.items()) for n in self.nodes)

    @property
    def score(self) -> int:
        """How many of them are correct."""
        return sum(v.status == "correct" for n in self.nodes for _k, v in n.items())


@dataclass(frozen=True)
class FileGrade:
    """One answers file of a folder: its grade, or why it could not be graded."""

    name: str
    grade: Grade | None
    error: str | None = None


def close_enough(answer: np.ndarray, expected: np.ndarray, tolerance: float) -> bool:
    """Whether every entry is within `tolerance` of the expected one, relatively.

    Relative to |expected|, but never stricter than tolerance x FLOOR: an expected 0
    accepts 0.00001. The shapes must match.
    """
    a, e = np.asarray(answer, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if a.shape != e.shape or not np.all(np.isfinite(a)):
        return False
    return bool(np.all(np.abs(a - e) <= tolerance * np.maximum(np.abs(e), FLOOR)))


def parse_answers(data: str | bytes) -> dict[str, dict[str, Any]]:
    """The `values` and `grads` sections of an answers document; AnswersError if malformed."""
    if isinstance(data, bytes):
        if len(data) > MAX_ANSWER_BYTES:
            raise AnswersError(_("the answers file is over 10 MB"))
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            message = _("not UTF-8 text (bad byte at offset {at})").format(at=err.start)
            raise AnswersError(message) from None
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as err:
        raise AnswersError(
            _("not valid JSON: {msg} (line {line}, column {col})").format(
                msg=err.msg, line=err.lineno, col=err.colno
            )
        ) from None
    except (RecursionError, ValueError):
        raise AnswersError(_("not valid JSON: nested too deeply or a number too long")) from None
    if not isinstance(doc, dict):
        raise AnswersError(_('expected an object {"values": {...}, "grads": {...}}'))
    for key in doc:
        if key not in SECTIONS:
            raise AnswersError(
                _('{key}: unknown key (an answers file has "values" and "grads")').format(key=key)
            )
    sections: dict[str, dict[str, Any]] = {}
    for key in SECTIONS:
        part = doc.get(key, {})
        if not isinstance(part, dict):
            raise AnswersError(_("{key}: expected an object of node: answer").format(key=key))
        sections[key] = part
    return sections


def load_answers(path: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Read and parse an answers file; errors start with its name."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        said = _("cannot read {path}: {why}")
        raise AnswersError(said.format(path=path, why=err.strerror or err)) from None
    try:
        return parse_answers(data)
    except AnswersError as err:
        raise AnswersError(f"{path.name}: {err}") from None


def expected_items(graph: Graph, result: RunResult) -> dict[str, dict[str, np.ndarray]]:
    """What is asked, per node: {'value': array} for computed nodes, {'grad': array} too."""
    items: dict[str, dict[str, np.ndarray]] = {}
    for node in graph:
        asked: dict[str, np.ndarray] = {}
        if not node.spec.is_leaf:  # inputs and constants are given
            asked["value"] = np.asarray(result.values[node.id][0])
        grad = node_grad(result, node.id)
        if grad is not None and node.spec.gradient:
            asked["grad"] = grad
        if asked:
            items[node.id] = asked
    return items


def grade(
    graph: Graph,
    answers: Mapping[str, Mapping[str, Any]],
    tolerance: float = DEFAULT_TOLERANCE,
    result: RunResult | None = None,
) -> Grade:
    """Grade parsed `answers` against `graph`; AnswersError for a node the graph lacks."""
    for key, part in answers.items():
        for node_id in part:
            if node_id not in graph:
                raise AnswersError(
                    _('{key}.{node}: no node "{node}" in the graph').format(key=key, node=node_id)
                )
    result = result or run(graph, record=False)
    graded = []
    for node_id, asked in expected_items(graph, result).items():
        verdicts = {
            kind: _verdict(answers.get(f"{kind}s", {}).get(node_id), expected, tolerance)
            for kind, expected in asked.items()
        }
        graded.append(NodeGrade(node_id, verdicts.get("value"), verdicts.get("grad")))
    return Grade(tuple(graded), tolerance)


def _verdict(raw: Any, expected: np.ndarray, tolerance: float) -> Verdict:
    if raw is None:
        return Verdict("missing", None, expected)
    answer, problem = _as_answer(raw, expected.shape)
    if problem is not None:
        return Verdict("wrong", problem, expected)
    ok = close_enough(answer, expected, tolerance)  # type: ignore[arg-type]
    return Verdict("correct" if ok else "wrong", None, expected)


def _as_answer(raw: Any, shape: tuple[int, ...]) -> tuple[np.ndarray | None, str | None]:
    """The answer as an array, or why it cannot be compared."""
    if isinstance(raw, str):
        return None, _("not a number: a string")
    if isinstance(raw, bool) or not _numeric(raw):
        return None, _("not a number")
    try:
        arr = np.array(raw, dtype=np.float64)
    except (ValueError, TypeError, OverflowError):
        return None, _("not a rectangular list of numbers")
    if np.any(np.isnan(arr)):
        return None, _("NaN")
    if not np.all(np.isfinite(arr)):
        return None, _("not finite")
    if arr.shape != shape:
        return None, _("wrong shape: {got}, expected {want}").format(
            got=shape_words(arr.shape), want=shape_words(shape)
        )
    return arr, None


def shape_words(shape: tuple[int, ...]) -> str:
    """'a number', 'a vector of 3', 'a 2×3 matrix'."""
    if not shape:
        return _("a number")
    if len(shape) == 1:
        return _("a vector of {n}").format(n=shape[0])
    return _("a {shape} matrix").format(shape=format_shape(shape))


def _numeric(raw: Any) -> bool:
    if isinstance(raw, list):
        return all(_numeric(x) for x in raw)
    return isinstance(raw, (int, float)) and not isinstance(raw, bool)


def grade_folder(
    graph: Graph, folder: str | os.PathLike[str], tolerance: float = DEFAULT_TOLERANCE
) -> list[FileGrade]:
    """Every `*.json` answers file in `folder`, by name; a malformed one gets its error."""
    paths = sorted(p for p in Path(folder).iterdir() if p.suffix == ".json" and p.is_file())
    if not paths:
        raise AnswersError(_("no answers files (*.json) in {folder}").format(folder=folder))
    result = run(graph, record=False)
    graded = []
    for path in paths:
        try:
            graded.append(FileGrade(path.name, grade(graph, load_answers(path), tolerance, result)))
        except AnswersError as err:
            graded.append(FileGrade(path.name, None, str(err).removeprefix(f"{path.name}: ")))
    return graded
