"""core: the bundled examples' titles and descriptions, marked for the translation catalog.

The examples are `.gflow` files (JSON), which the extractor does not read; their texts
are listed here with `N_` so that core.pot carries them and core_ko.po translates them.
`load_example` translates a bundled example's title and description into the current
language (tests/core/test_example_texts.py fails while an example's text is missing).
"""

from __future__ import annotations

from gradflow.core.i18n import N_

EXAMPLE_TEXTS = (
    # add-mul
    N_("f = (x + y)·z at x=-2, y=5, z=-4: add distributes, mul swaps (f = -12)."),
    # gate-patterns
    N_("Gate patterns"),
    N_("add distributes, mul swaps, copy adds, max routes: f = (x·y)·(x + max(z, w))."),
    # sigmoid-neuron
    N_("A 2-D sigmoid neuron"),
    N_("f = 1/(1 + e^-(w0·x0 + w1·x1 + w2)) built from mul, add, neg, exp, +1 and 1/x gates."),
    # vector-l2
    N_("f(x, W) = ‖W x‖² with a 2×2 W: grad W = 2 q xᵀ, grad x = 2 Wᵀ q."),
    # vanishing-sigmoid
    N_("Vanishing gradient"),
    N_("Six sigmoids in a row: each multiplies the gradient by at most 0.25·w, so it fades."),
    # tiny-mlp
    N_("A tiny 2-2-1 MLP"),
    N_(
        "A 2-2-1 network of scalar gates with a squared-error loss; one ReLU is off and "
        "blocks its gradient."
    ),
    # linear-regression
    N_("Perceptron = linear regression"),
    N_(
        "f = W x + b with W of shape c × d (1 × 2), identity activation, squared loss: "
        "linear regression is a perceptron."
    ),
)
# titles that are formulas read the same in every language: "(x + y) · z", "‖W x‖²"
FORMULA_TITLES = ("(x + y) · z", "‖W x‖²")
