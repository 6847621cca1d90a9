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


# gates without a pattern of their own: the step names their local gradient instead
LOCAL_RULE_KEYS = ("activation", "scales")


def step_phrase(key: str, local_rule: str) -> str:
    """What heads a backward step: the gate pattern, or the op's local gradient.

    add, mul, copy and max have the lecture's pattern ('mul swaps'); an activation or a
    one-input gate is explained by its local gradient, `local gradient ∂/∂x = σ(x)(1 − σ(x))`,
    which the step's `upstream × local = downstream` then evaluates.
    """
    if key in LOCAL_RULE_KEYS:
        return _("local gradient {rule}").format(rule=_(local_rule))  # N_-marked in the op
    return gate_phrase(key)


def role_name(role: str) -> str:
    """'upstream', 'local' or 'downstream' - the three terms of every backward step."""
    names = {
        "upstream": _("upstream"),
        "local": _("local"),
        "downstream": _("downstream"),
    }
    return names[role]


ROLES = ("upstream", "local", "downstream")


def kink_sentence(key: str) -> str:
    """The template saying an op is not differentiable here, and gradflow's convention.

    Fields: {a} and {b} (the two inputs of max), {x} (the input of relu/abs).
    """
    sentences = {
        "tie": _(
            "{a} and {b} tie: max is not differentiable there; gradflow sends the whole "
            "gradient to the first input, {a}"
        ),
        "relu_zero": _(
            "{x} = 0: ReLU is not differentiable there (slope 0 on the left, 1 on the "
            "right); gradflow uses the local gradient 0"
        ),
        "abs_zero": _(
            "{x} = 0: |x| is not differentiable there (slope -1 on the left, 1 on the "
            "right); gradflow uses the local gradient 0"
        ),
    }
    return sentences.get(key, _("not differentiable here; gradflow uses a one-sided slope"))
