"""The ops sub, div, pow, log, abs and linear: gradients, scalar path, domains, explanations."""

from __future__ import annotations

import numpy as np
import pytest
from core_support import SPECIAL_VALUES, assert_same_run
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core.engine import run
from gradflow.core.errors import GraphError
from gradflow.core.explain import explain_step
from gradflow.core.gradcheck import gradcheck
from gradflow.core.graph import Graph
from gradflow.core.ops import get_op

NEW_OPS = ("sub", "div", "pow", "log", "abs", "linear")
BINARY = ("sub", "div")
SHAPES = ((), (3,), (2, 3))


def _graph(op: str, values: list, **attrs: object) -> Graph:
    g = Graph()
    g.add_node(op, "f", **attrs)
    for port, v in enumerate(values):
        g.add_node("input", f"x{port}", value=v)
        g.connect(f"x{port}", "f", 0, port)
    return g


def _away_from_kinks(op: str, rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Values where the op is smooth: |x| ≥ 0.3 (abs, a divisor), x > 0.3 for log."""
    x = rng.uniform(0.3, 2.0, shape) * rng.choice([-1.0, 1.0], shape)
    return np.abs(x) if op == "log" else x


@settings(max_examples=60, deadline=None)
@given(
    op=st.sampled_from(NEW_OPS),
    shape=st.sampled_from(SHAPES),
    other=st.sampled_from(SHAPES),
    c=st.sampled_from([2.0, 3.0, -1.0, 0.5, 1.5]),
    seed=st.integers(0, 2**32 - 1),
)
def test_gradients_match_finite_differences_on_random_shapes(op, shape, other, c, seed):
    rng = np.random.default_rng(seed)
    values = [_away_from_kinks(op, rng, shape)]
    if op in BINARY:  # the second operand broadcasts when it is a scalar
        values.append(_away_from_kinks(op, rng, other if other in ((), shape) else shape))
    attrs = {}
    if op == "pow":
        attrs["c"] = c
        if not c.is_integer():  # a fractional power needs x ≥ 0
            values = [np.abs(values[0])]
    g = _graph(op, values, **attrs)
    if g.shapes()["f"][0] != ():
        g.add_node("sum", "s")
        g.connect("f", "s")
    check = gradcheck(g)
    assert check.ok, check.worst
    assert len(check.nodes) == len(values)


@settings(max_examples=200, deadline=None)
@given(
    op=st.sampled_from(NEW_OPS),
    a=st.one_of(st.sampled_from(SPECIAL_VALUES), st.floats(-50, 50)),
    b=st.one_of(st.sampled_from(SPECIAL_VALUES), st.floats(-50, 50)),
    c=st.sampled_from([2.0, 3.0, -1.0, -2.0, 0.5, 0.0]),
    record=st.booleans(),
)
def test_scalar_path_equals_the_numpy_path_bit_for_bit(op, a, b, c, record):
    if op == "log":
        a = abs(a) or 1.0
    if op == "pow" and not c.is_integer():
        a = abs(a)
    values = [a, b] if op in BINARY else [a]
    g = _graph(op, values, **({"c": c} if op == "pow" else {}))
    g.add_node("mul_const", "out", c=1.5)  # an op after it, so it gets a real upstream
    g.connect("f", "out")
    assert_same_run(run(g, record=record), run(g, record=record, fast=False))


def test_the_lectures_kind_of_numbers():
    result = run(_graph("sub", [5.0, 2.0]))
    assert (float(result.value("f")), float(result.grad("x1"))) == (3.0, -1.0)
    result = run(_graph("div", [3.0, 2.0]))
    assert float(result.value("f")) == 1.5
    assert (float(result.grad("x0")), float(result.grad("x1"))) == (0.5, -0.75)
    result = run(_graph("pow", [2.0], c=3.0))
    assert (float(result.value("f")), float(result.grad("x0"))) == (8.0, 12.0)
    result = run(_graph("abs", [-2.0]))
    assert (float(result.value("f")), float(result.grad("x0"))) == (2.0, -1.0)
    result = run(_graph("linear", [[1.0, -2.0]]))
    np.testing.assert_array_equal(result.value("f"), [1.0, -2.0])
    np.testing.assert_array_equal(result.grad("x0"), [1.0, 1.0])


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("x", [0.0, -2.0, [[1.0, -0.5]]])
def test_log_refuses_non_positive_input_with_a_clear_message(x, fast):
    g = _graph("log", [x])
    with pytest.raises(GraphError, match=r"f: log needs x > 0, got -?[0-9.]+") as err:
        run(g, fast=fast)
    assert "nan" not in str(err.value)
    partial = run(g, partial=True, fast=fast)
    assert "f" not in partial.values
    assert "log needs x > 0" in partial.problems["f"]


def test_a_fractional_power_of_a_negative_number_is_refused():
    with pytest.raises(GraphError, match=r"x \*\* 0\.5 needs x ≥ 0"):
        run(_graph("pow", [-4.0], c=0.5))
    assert float(run(_graph("pow", [-2.0], c=3.0)).value("f")) == -8.0


def test_pow_exponent_is_validated_and_saved():
    g = _graph("pow", [2.0], c=3.0)
    with pytest.raises(GraphError, match="c must be a number"):
        g.set_attr("f", "c", "three")
    assert g.node("f").attrs["c"] == 3.0


@pytest.mark.parametrize("op", NEW_OPS)
def test_each_new_op_explains_itself(op):
    spec = get_op(op)
    for text in (spec.formula, spec.local_rule, spec.pattern, spec.description, spec.symbol):
        assert text.strip()
    values = [2.0, 4.0] if op in BINARY else [2.0]
    g = _graph(op, values)
    trace = run(g).trace
    forward = explain_step(trace, g, len(values))  # the op's own forward step
    assert forward.caption.startswith(f"Step {len(values) + 1}/")
    assert "f = " in forward.sentences[0]
    assert "(…)" not in forward.sentences[0]
    backward = explain_step(trace, g, trace.n_forward)
    assert backward.pattern == spec.pattern
    assert any("∂f/∂x0" in s for s in backward.sentences)


def test_palette_groups():
    assert [get_op(o).category for o in NEW_OPS] == ["gates"] * 5 + ["activations"]
