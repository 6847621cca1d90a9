"""The expression language: lecture programs, random programs against plain numpy, round trips."""

from __future__ import annotations

import math

import numpy as np
import pytest
from core_support import random_scalar_graph
from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.core.engine import run
from gradflow.core.errors import ExpressionError
from gradflow.core.expression import build, formula, same_structure, to_program
from gradflow.core.fileformat import dumps, loads
from gradflow.core.gradcheck import gradcheck

SIGMOID_NEURON = """
w0 = 2; x0 = -1; w1 = -3; x1 = -2; w2 = -3
z = w0*x0 + w1*x1 + w2
f = 1 / (1 + exp(-z))
"""


def test_the_lectures_add_mul_program():
    g = build("x = -2; y = 5; z = -4; f = (x + y) * z")
    r = run(g)
    assert [float(r.value(n)) for n in ("x", "y", "z", "f")] == [-2, 5, -4, -12]
    assert [float(r.grad(n)) for n in ("x", "y", "z")] == [-4, -4, 3]
    assert [n.op for n in g] == ["input"] * 3 + ["add", "mul"]
    assert all(n.pos is not None for n in g)
    xs = {n.id: n.pos[0] for n in g}
    assert xs["x"] < xs["add1"] < xs["f"]  # laid out left to right


def test_the_sigmoid_neuron_folds_constants_as_the_lecture_draws_it():
    g = build(SIGMOID_NEURON)
    ops = [n.op for n in g if not n.spec.is_leaf]
    assert ops == ["mul", "mul", "add", "add", "neg", "exp", "add_const", "reciprocal"]
    assert g.node("add_const1").attrs["c"] == 1.0
    r = run(g)
    assert round(float(r.value("f")), 2) == 0.73
    assert [round(float(r.grad(n)), 2) for n in ("w0", "x0", "w1", "x1", "w2")] == [
        -0.2, 0.39, -0.39, -0.59, 0.2,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("program", "ops", "attr"),
    [
        ("x = 2; f = x + 3", ["add_const"], 3.0),
        ("x = 2; f = 3 + x", ["add_const"], 3.0),
        ("x = 2; f = x - 3", ["add_const"], -3.0),
        ("x = 2; f = 4 * x", ["mul_const"], 4.0),
        ("x = 2; f = x * -4", ["mul_const"], -4.0),
        ("x = 2; f = x ** 3", ["pow"], 3.0),
        ("x = 2; f = 1 / x", ["reciprocal"], None),
        ("x = 2; f = -x", ["neg"], None),
        ("x = 2; f = 3 - x", ["const", "sub"], None),
        ("x = 2; f = x / 4", ["const", "div"], None),
        ("x = 2; f = max(x, 0)", ["const", "max"], None),
    ],
)
def test_constants_fold_where_a_gate_takes_them(program, ops, attr):
    g = build(program)
    assert [n.op for n in g][1:] == ops
    if attr is not None:
        assert g.node("f").attrs["c"] == attr


def test_inputs_constants_params_data_and_tensors():
    g = build("a = 1.5; b = const(2); w = param([[1, 2], [3, 4]]); d = data([1, -1]); f = w @ d")
    assert [n.op for n in g] == ["input", "const", "input", "input", "matmul"]
    assert g.node("a").attrs["trainable"] is True
    assert g.node("d").attrs["trainable"] is False
    np.testing.assert_array_equal(run(g).value("f"), [-1.0, -1.0])


def test_rebinding_and_output():
    g = build("c = 1\nc = c + 1\nc = c * 3\nd = c\noutput = c")
    assert list(g.nodes) == ["c", "c_2", "c_3"]
    assert g.output_node() == "c_3"
    assert float(run(g).value("c_3")) == 6.0
    g = build("x = 3; f = x * 2; g = x + 1; output = f")
    assert g.output_node() == "f"


def test_a_name_used_twice_fans_out_and_copy_makes_it_explicit():
    g = build("x = 3; f = x * x")
    assert [(e.src, e.dst_port) for e in g.edges] == [("x", 0), ("x", 1)]
    assert float(run(g).grad("x")) == 6.0  # the two branches' gradients are summed
    g = build("x = 3; c = copy(x); f = c * c")
    assert g.node("c").op == "copy"
    assert sorted(e.src_port for e in g.out_edges("c")) == [0, 1]
    g = build("x = 3; f = x * x + x", explicit_copies=True)
    copy = next(n for n in g if n.op == "copy")
    assert copy.attrs["outputs"] == 3
    assert float(run(g).grad("x")) == 7.0


def test_every_function_of_the_language_builds():
    program = """
    a = 0.5; b = -1.5; v = [1, 2, 3]; t = [1, 0, 3]; labels = const([0, 2])
    s = [[1, 2, 0], [0, 1, 3]]
    f = sigmoid(a) + tanh(b) + relu(a) + exp(a) + log(a) + abs(b) + max(a, b) + square(a)
    g = linear(f) + sum(v) + mse(v, t) + softmax_ce(s, labels) + f ** 2 - a / b
    """
    g = build("\n".join(line.strip() for line in program.splitlines()))
    assert {n.op for n in g} >= {
        "sigmoid", "tanh", "relu", "exp", "log", "abs", "max", "square", "linear", "sum",
        "mse", "softmax_ce", "pow", "sub", "div",
    }  # fmt: skip
    assert math.isfinite(float(run(g).value("g")))


def test_formula_of_a_node_in_terms_of_the_inputs():
    g = build("x = -2; y = 5; z = -4; q = x + y; f = q * z")
    assert formula(g, "f") == "f = (x + y) * z"
    assert formula(g, "q") == "q = x + y"
    assert formula(g, "x") == "x = -2"
    assert formula(build(SIGMOID_NEURON), "f") == "f = 1 / (exp(-(w0 * x0 + w1 * x1 + w2)) + 1)"


def test_graph_to_program_spells_out_what_it_cannot_inline():
    g = build("x = 3; c = copy(x); f = c[1] * c[0]")
    text = to_program(g)
    assert "c[1]" in text
    assert same_structure(build(text), g)


# --- random programs against plain numpy --------------------------------------------------

UNARY = {
    "sigmoid": lambda a: 1 / (1 + np.exp(-a)),
    "tanh": np.tanh,
    "exp": lambda a: np.exp(np.clip(a, -30, 30)),
    "square": np.square,
    "linear": lambda a: a,
    "neg": np.negative,
}
SMOOTH_BINARY = {"+": np.add, "-": np.subtract, "*": np.multiply}


@st.composite
def programs(draw, smooth: bool):
    """(program text, evaluate(values) -> output, input values) of random statements."""
    n_inputs = draw(st.integers(1, 3))
    shape = draw(st.sampled_from([(), (3,)]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = {f"x{i}": rng.uniform(-1.5, 1.5, shape) for i in range(n_inputs)}
    lines = [f"x{i} = {_literal(v)}" for i, v in enumerate(values.values())]
    names = list(values)

    def expr(depth: int):
        kind = draw(st.integers(0, 9 if depth < 3 else 0))
        if kind == 0:
            name = draw(st.sampled_from(names))
            return name, lambda env, n=name: env[n]
        if kind <= 3:
            op = draw(st.sampled_from(sorted(SMOOTH_BINARY)))
            (ta, fa), (tb, fb) = expr(depth + 1), expr(depth + 1)
            fn = SMOOTH_BINARY[op]
            return f"({ta} {op} {tb})", lambda env: fn(fa(env), fb(env))
        if kind == 4:
            c = draw(st.integers(-3, 3))
            t, f = expr(depth + 1)
            form = draw(st.sampled_from(["{t} + {c}", "{c} + {t}", "{t} - {c}", "{c} * {t}"]))
            ops = {"{t} + {c}": np.add, "{c} + {t}": np.add, "{c} * {t}": np.multiply}
            sign = -1 if form == "{t} - {c}" else 1
            fn = ops.get(form, np.add)
            return "(" + form.format(t=t, c=c) + ")", lambda env: fn(f(env), sign * c)
        if kind == 5:
            t, f = expr(depth + 1)
            k = draw(st.sampled_from([2, 3]))
            return f"(({t}) ** {k})", lambda env: f(env) ** k
        if kind == 6:
            t, f = expr(depth + 1)
            return f"(1 / (({t}) ** 2 + 1))", lambda env: 1 / (f(env) ** 2 + 1)
        if kind == 7:
            t, f = expr(depth + 1)
            return f"log(({t}) ** 2 + 1)", lambda env: np.log(f(env) ** 2 + 1)
        if kind == 8 and not smooth:
            name = draw(st.sampled_from(["relu", "abs", "max"]))
            (ta, fa), (tb, fb) = expr(depth + 1), expr(depth + 1)
            if name == "max":
                return f"max({ta}, {tb})", lambda env: np.maximum(fa(env), fb(env))
            fn = {"relu": lambda a: np.maximum(a, 0), "abs": np.abs}[name]
            return f"{name}({ta})", lambda env: fn(fa(env))
        name = draw(st.sampled_from(sorted(UNARY)))
        t, f = expr(depth + 1)
        fn = UNARY[name]
        text = f"-({t})" if name == "neg" else f"{name}({t})"
        if name == "exp":
            text = f"exp(tanh({t}))"
            return text, lambda env: np.exp(np.tanh(f(env)))
        return text, lambda env: fn(f(env))

    steps = []
    for k in range(draw(st.integers(1, 4))):
        text, fn = expr(0)
        target = draw(st.sampled_from([*names, f"t{k}"])) if k else f"t{k}"
        lines.append(f"{target} = {text}")
        steps.append((target, fn))
        if target not in names:
            names.append(target)
    last = steps[-1][0]
    if shape:
        lines.append(f"out = sum({last})")

    def evaluate(env):
        env = dict(env)
        for target, fn in steps:
            env[target] = fn(env)
        return np.sum(env[last])

    return "\n".join(lines), evaluate, values


def _literal(v: np.ndarray) -> str:
    return repr(float(v)) if v.ndim == 0 else "[" + ", ".join(repr(float(x)) for x in v) + "]"


@settings(max_examples=80, deadline=None)
@given(case=programs(smooth=False))
def test_random_programs_compute_what_plain_numpy_computes(case):
    text, evaluate, values = case
    g = build(text)
    result = run(g)
    got = float(np.sum(result.value(g.output_node())))
    assert math.isclose(got, float(evaluate(values)), rel_tol=1e-9, abs_tol=1e-9), text


@settings(max_examples=60, deadline=None)
@given(case=programs(smooth=True))
def test_random_programs_have_the_gradients_of_finite_differences(case):
    text, _evaluate, _values = case
    # nested powers reach values where a central difference's own rounding is ~1e-6
    # relative (seen: 1.28e-6); a wrong gradient is off by far more than 1e-5
    check = gradcheck(build(text), tolerance=1e-5)
    assert check.ok, (text, check.worst)


@settings(max_examples=60, deadline=None)
@given(case=programs(smooth=False))
def test_a_built_program_prints_back_to_the_same_graph(case):
    g = build(case[0])
    again = build(to_program(g))
    assert same_structure(g, again)


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_ops=st.integers(1, 20))
def test_random_graphs_of_expressible_ops_print_to_programs_that_rebuild_them(seed, n_ops):
    g = random_scalar_graph(np.random.default_rng(seed), n_ops)
    text = to_program(g)
    again = build(text)
    assert same_structure(g, again), text
    assert list(again.nodes) == list(g.nodes) or sorted(again.nodes) == sorted(g.nodes)
    assert dumps(loads(dumps(again))) == dumps(again)


def test_a_program_error_points_at_the_spot():
    with pytest.raises(ExpressionError) as err:
        build("x = 2\nf = sigmod(x)")
    assert str(err.value) == 'line 2, col 5: unknown function "sigmod" (did you mean "sigmoid"?)'
    assert err.value.caret().splitlines()[1:] == ["  f = sigmod(x)", "      ^"]
    with pytest.raises(ExpressionError, match=r'line 1, col 12: unknown name "xx" \(did you'):
        build("x = 1; f = xx + 1")
    with pytest.raises(ExpressionError, match=r"expected a \*\* c"):
        build("x = 1; y = 2; f = x ** y")
