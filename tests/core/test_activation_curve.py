"""Activation curves for the inspector's plots: the ops' own forward and backward rules."""

from __future__ import annotations

import numpy as np
import pytest

from gradflow.core.activation_curve import activation_curve, curve_range, is_activation


def test_sigmoid_curve_and_slope_are_the_lecture_formulas() -> None:
    xs = np.linspace(-8, 8, 33)
    f, df = activation_curve("sigmoid", xs)
    s = 1 / (1 + np.exp(-xs))
    np.testing.assert_allclose(f, s, rtol=1e-12)
    np.testing.assert_allclose(df, s * (1 - s), rtol=1e-12)
    assert df.max() == pytest.approx(0.25)  # at 0: the most a sigmoid ever passes on
    assert df[0] < 1e-3  # the flat tails: almost nothing gets through


@pytest.mark.parametrize(
    ("op", "x", "f", "df"),
    [("relu", [-1.0, 0.0, 2.0], [0, 0, 2], [0, 0, 1]), ("linear", [-3.0, 5.0], [-3, 5], [1, 1])],
)
def test_relu_and_linear(op: str, x: list, f: list, df: list) -> None:
    got_f, got_df = activation_curve(op, np.array(x))
    assert got_f.tolist() == f
    assert got_df.tolist() == df


def test_tanh_slope_matches_finite_differences() -> None:
    xs = np.linspace(-3, 3, 13)
    _, df = activation_curve("tanh", xs)
    h = 1e-6
    numeric = (np.tanh(xs + h) - np.tanh(xs - h)) / (2 * h)
    np.testing.assert_allclose(df, numeric, atol=1e-8)


def test_which_ops_are_activations_and_the_range() -> None:
    assert all(is_activation(op) for op in ("sigmoid", "tanh", "relu", "linear"))
    assert not is_activation("add")
    assert not is_activation("mul")
    assert curve_range(None) == (-6.0, 6.0)
    lo, hi = curve_range(np.array([-20.0, 1.0, np.nan]))
    assert lo == pytest.approx(-22.0)
    assert hi == 6.0
