"""core: a StepChain as JSON data - the `chain` and `total` of `gradflow trace --json`.

Numbers are plain numbers or nested lists (`formatting.to_jsonable`); shapes are lists
([] for a scalar). See docs/core.md for the schema.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gradflow.core.chain import Link, StepChain, Total
from gradflow.core.formatting import to_jsonable
from gradflow.core.ops import get_op
from gradflow.core.words import step_phrase


def _shape(arr: np.ndarray | None) -> list[int] | None:
    return None if arr is None else [int(n) for n in np.shape(arr)]


def _maybe(arr: np.ndarray | None) -> Any:
    return None if arr is None else to_jsonable(arr)


def total_json(total: Total) -> dict[str, Any]:
    """{"node", "terms": [{"from", "grad", "step"}], "sum"}; terms in arrival order."""
    return {
        "node": total.node,
        "terms": [
            {"from": t.source, "grad": to_jsonable(t.grad), "step": t.step + 1} for t in total.terms
        ],
        "sum": to_jsonable(total.sum),
    }


def link_json(link: Link) -> dict[str, Any]:
    """One input edge: upstream x local = downstream, with shapes and the contribution."""
    data: dict[str, Any] = {
        "to": link.to,
        "port": link.edge.dst_port,
        "upstream": to_jsonable(link.upstream),
        "local": _maybe(link.local),
        "downstream": to_jsonable(link.downstream),
        "rule": link.rule,
        "shapes": {
            "upstream": _shape(link.upstream),
            "local": _shape(link.local),
            "downstream": _shape(link.downstream),
        },
        "contribution": None if link.contribution is None else list(link.contribution),
    }
    if link.factor is not None:
        data["factor"] = to_jsonable(link.factor)
    if link.jacobian is not None:
        data["jacobian"] = to_jsonable(link.jacobian)
    return data


def chain_json(chain: StepChain) -> dict[str, Any]:
    """The chain keys of a backward step: gate, pattern, seed, chain, total, leaf, kink."""
    data: dict[str, Any] = {
        "gate": chain.gate,
        "pattern": step_phrase(chain.gate, get_op(chain.op).local_rule),
        "seed": chain.seed,
        "chain": [link_json(link) for link in chain.links],
        "total": None if chain.total is None else total_json(chain.total),
    }
    if chain.leaf:
        data["leaf"] = chain.leaf
    if chain.kink:
        data["kink"] = chain.kink
    return data
