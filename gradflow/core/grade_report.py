"""core: a grade as text, JSON data and, for a folder of answers, rows of a CSV table.

Expected numbers appear only where the caller asks to reveal them, so a student can be
told what is wrong without being given the answer.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from gradflow.core.formatting import format_array, to_jsonable
from gradflow.core.grading import FileGrade, Grade, Verdict
from gradflow.core.i18n import _
from gradflow.core.text import align_columns


def verdict_text(v: Verdict | None, reveal: bool = False) -> str:
    """'correct', 'wrong (NaN)', 'missing', '-' for an item not asked; the key if revealed."""
    if v is None:
        return "-"
    words = {"correct": _("correct"), "wrong": _("wrong"), "missing": _("missing")}[v.status]
    details = [v.problem] if v.problem else []
    if reveal and v.status != "correct":
        details.append(_("expected {number}").format(number=format_array(v.expected)))
    return f"{words} ({'; '.join(details)})" if details else words


def grade_lines(grade: Grade, reveal: bool = False) -> list[str]:
    """An aligned table, one row per node (value, gradient), then the score."""
    rows = [(_("node"), _("value"), _("gradient"))]
    for n in grade.nodes:
        rows.append((n.node, verdict_text(n.value, reveal), verdict_text(n.grad, reveal)))
    lines = align_columns(rows)
    lines.append(_("score {score}/{total}").format(score=grade.score, total=grade.total))
    return lines


def grade_json(grade: Grade, reveal: bool = False) -> dict[str, Any]:
    """{"score", "total", "tolerance", "nodes": {id: {"value": status, "grad": status, ...}}}.

    A node's entry also has "problems" (kind: reason) where an answer is not a plain
    miss, and "expected" (kind: number) with `reveal`.
    """
    nodes: dict[str, Any] = {}
    for n in grade.nodes:
        entry: dict[str, Any] = {kind: v.status for kind, v in n.items()}
        problems = {kind: v.problem for kind, v in n.items() if v.problem}
        if problems:
            entry["problems"] = problems
        if reveal:
            entry["expected"] = {kind: to_jsonable(v.expected) for kind, v in n.items()}
        nodes[n.node] = entry
    return {
        "score": grade.score,
        "total": grade.total,
        "tolerance": grade.tolerance,
        "nodes": nodes,
    }


def _item_columns(files: Sequence[FileGrade]) -> list[tuple[str, str]]:
    for f in files:
        if f.grade is not None:
            return [(n.node, kind) for n in f.grade.nodes for kind, _v in n.items()]
    return []


def folder_lines(files: Sequence[FileGrade]) -> list[str]:
    """One row per answers file: its score, and which items are wrong or missing."""
    rows = [(_("file"), _("score"), _("not correct"))]
    for f in files:
        if f.grade is None:
            rows.append((f.name, "-", _("error: {why}").format(why=f.error)))
            continue
        bad = [
            f"{kind} {n.node} ({v.status})"
            for n in f.grade.nodes
            for kind, v in n.items()
            if v.status != "correct"
        ]
        rows.append((f.name, f"{f.grade.score}/{f.grade.total}", ", ".join(bad) or "-"))
    return align_columns(rows)


def folder_csv(files: Sequence[FileGrade]) -> str:
    """CSV: file, score, total, error, then one column per item ('grad q') with its status."""
    items = _item_columns(files)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "score", "total", "error", *(f"{k} {n}" for n, k in items)])
    for f in files:
        if f.grade is None:
            writer.writerow([f.name, "", "", f.error, *([""] * len(items))])
            continue
        status = {(n.node, kind): v.status for n in f.grade.nodes for kind, v in n.items()}
        writer.writerow(
            [f.name, f.grade.score, f.grade.total, "", *(status.get(i, "") for i in items)]
        )
    return out.getvalue()
