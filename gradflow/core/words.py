"""core: the lecture's words - gate patterns and the names of the chain rule's terms.

One list for every renderer (caption, inspector, `gradflow trace`, handouts): an op's
registry entry names its gate pattern by key (`Op.gate`), and the phrase is looked up
here. Every phrase goes through `_` when it is asked for, so a language chosen after
import still applies.
"""

from __future__ import annotations

from gradflow.core.i18n import _

GATE_KEYS = (
    "distributes",
    "swaps",
    "adds",
    "routes",
    "activation",
    "scales",
    "matrix",
    "loss",
    "leaf",
)


def gate_phrase(key: str) -> str:
    """The short gate-pattern phrase for a key: 'add distributes', 'copy adds', ..."""
    phrases = {
        "distributes": _("add distributes"),
        "swaps": _("mul swaps"),
        "adds": _("copy adds"),
        "routes": _("max routes"),
        "activation": _("activation: local derivative here"),
        "scales": _("local gradient times upstream"),
        "matrix": _("matmul: upstream times the other factor, transposed"),
        "loss": _("loss: the gradient of the loss with respect to its input"),
        "leaf": _("leaf: the gradient stops here"),
    }
    return phrases.get(key, phrases["scales"])


def role_name(role: str) -> str:
    """'upstream', 'local' or 'downstream' - the three terms of every backward step."""
    names = {
        "upstream": _("upstream"),
        "local": _("local"),
        "downstream": _("downstream"),
    }
    return names[role]


ROLES = ("upstream", "local", "downstream")
