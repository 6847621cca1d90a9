"""core: the limits that keep work bounded by the size of the result, not of the file.

A node whose value would hold more than `max_elements()` numbers is refused before
anything is computed (shapes are known from the graph alone). The command line sets the
limit with `--max-elements`, the window from its preferences; a script calls
`set_max_elements`. A limit given on the command line is pinned: `gradflow open
--max-elements N` keeps N even if the window's preferences say otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from gradflow.core.errors import GraphError
from gradflow.core.i18n import _

DEFAULT_MAX_ELEMENTS = 10**7
TOTAL_FACTOR = 10  # all nodes together may hold ten times the per-node limit
_max_elements = DEFAULT_MAX_ELEMENTS
_pinned = False


def max_elements() -> int:
    """The current per-node element limit."""
    return _max_elements


def set_max_elements(limit: int, pin: bool = False) -> None:
    """Change the per-node element limit (at least 1); `pin` marks it as the user's
    explicit choice for this process (see `pinned`)."""
    global _max_elements, _pinned
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError("the element limit must be a whole number >= 1")
    _max_elements = limit
    _pinned = _pinned or pin


def pinned() -> bool:
    """Whether the limit was given explicitly (on the command line) in this process."""
    return _pinned


def check_node(name: str, shapes: Iterable[tuple[int, ...] | None]) -> None:
    """GraphError if one output of node `name` would hold more than the per-node limit."""
    limit = max_elements()
    for shape in shapes:
        if shape is None:
            continue
        size = math.prod(shape)
        if size > limit:
            raise GraphError(
                _(
                    "{node} would hold {shape} = {size:,} numbers, over the limit of "
                    "{limit:,} (raise it with --max-elements or in the preferences)"
                ).format(node=name, shape=_shape(shape), size=size, limit=limit)
            )


def check_total(total: int) -> None:
    """GraphError if all values of a graph together would hold more than the total limit."""
    limit = TOTAL_FACTOR * max_elements()
    if total > limit:
        raise GraphError(
            _(
                "the graph's values would hold {total:,} numbers in all, over the limit of "
                "{limit:,} (raise it with --max-elements or in the preferences)"
            ).format(total=total, limit=limit)
        )


def _shape(shape: tuple[int, ...]) -> str:
    return "×".join(str(n) for n in shape) if shape else "a scalar"
