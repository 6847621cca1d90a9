"""The bundled lecture examples: their numbers, their gradients, and how names resolve."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.core.errors import GraphFileError
from gradflow.core.examples import example_names, list_examples, load_example, resolve
from gradflow.core.fileformat import save
from gradflow.core.gradcheck import gradcheck


def _values(name: str) -> tuple[dict, dict]:
    result = run(load_example(name))
    values = {k: result.value(k).tolist() for k in result.values}
    grads = {k: result.grads[k][0].tolist() for k in result.grads}
    return values, grads


def test_add_mul_has_the_lecture_numbers():
    values, grads = _values("add-mul")
    assert (values["q"], values["f"]) == (3.0, -12.0)
    assert (grads["x"], grads["y"], grads["z"], grads["q"], grads["f"]) == (-4, -4, 3, -4, 1)


def test_sigmoid_neuron_has_the_lecture_numbers():
    values, grads = _values("sigmoid-neuron")
    assert values["f"] == pytest.approx(0.7311, abs=1e-4)
    assert values["dot"] == 1.0  # w0·x0 + w1·x1 + w2 = -2 + 6 - 3
    expected = {"w0": -0.1966, "x0": 0.3932, "w1": -0.3932, "x1": -0.5898, "w2": 0.1966}
    for name, grad in expected.items():
        assert grads[name] == pytest.approx(grad, abs=1e-4), name


def test_gate_patterns_show_each_pattern():
    _, grads = _values("gate-patterns")
    assert grads["x"] == -32.0  # copy adds: -20 from p, -12 from s
    assert (grads["z"], grads["w"]) == (-12.0, 0.0)  # max routes everything to z
    assert grads["y"] == 15.0  # mul swaps: x · upstream 5


def test_vector_l2_gradients_are_2qx_and_2wq():
    values, grads = _values("vector-l2")
    q = values["q"]
    assert q == pytest.approx([0.22, 0.26])
    np.testing.assert_allclose(grads["W"], 2 * np.outer(q, [0.2, 0.4]), rtol=1e-12)
    w = np.array([[0.1, 0.5], [-0.3, 0.8]])
    np.testing.assert_allclose(grads["x"], 2 * w.T @ q, rtol=1e-12)
    np.testing.assert_allclose(grads["W"], [[0.088, 0.176], [0.104, 0.208]], rtol=1e-12)


def test_vanishing_sigmoid_gradient_shrinks_along_the_chain():
    _, grads = _values("vanishing-sigmoid")
    chain = [abs(grads[f"h{i}"]) for i in range(6, 0, -1)] + [abs(grads["x"])]
    assert all(later < earlier for earlier, later in itertools.pairwise(chain))
    assert chain[-1] < chain[0] / 100


def test_tiny_mlp_has_a_dead_relu():
    values, grads = _values("tiny-mlp")
    assert values["h2"] == 0.0
    assert grads["w21"] == grads["w22"] == grads["b2"] == 0.0
    assert grads["w11"] != 0.0
    assert "x1" in grads
    assert "t" not in grads


def test_linear_regression_is_the_perceptron_f_equals_wx_plus_b():
    values, grads = _values("linear-regression")
    graph = load_example("linear-regression")
    assert np.shape(graph.node("W").attrs["value"]) == (1, 2)  # c x d, the lecture's W
    assert graph.node("f").op == "linear"  # the identity activation
    assert values["s"] == pytest.approx([0.8])  # W x + b = 0.5*2 - 0.3*1 + 0.1
    assert values["loss"] == pytest.approx(0.04)  # (f - y)^2, y = 1
    # dL/df = 2 (f - y) = -0.4; dL/dW = dL/ds x^T, dL/db = dL/ds, dL/dx = W^T dL/ds
    np.testing.assert_allclose(grads["W"], [[-0.8, -0.4]])
    assert grads["b"] == pytest.approx([-0.4])
    assert grads["x"] == pytest.approx([-0.2, 0.12])


@pytest.mark.parametrize("name", example_names())
def test_every_example_passes_gradcheck(name):
    check = gradcheck(load_example(name))
    assert check.nodes
    assert check.ok, check.worst


def test_every_example_is_listed_with_a_one_line_description():
    listed = list_examples()
    assert [n for n, _ in listed][:6] == [
        "add-mul",
        "gate-patterns",
        "sigmoid-neuron",
        "vector-l2",
        "vanishing-sigmoid",
        "tiny-mlp",
    ]
    for name, description in listed:
        assert description, name
        assert "\n" not in description, name
        g = load_example(name)
        assert description == g.description, name  # read alone, as the graph has it
        assert g.title, name
        assert all(n.pos is not None and n.label for n in g), name


def test_resolve_prefers_an_existing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    save(load_example("vector-l2"), tmp_path / "add-mul")  # a file named like an example
    assert "W" in resolve("add-mul")
    assert "p" in resolve("gate-patterns")
    assert "W" in resolve(tmp_path / "add-mul")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nope", 'no file or example named "nope"; examples: add-mul, gate-patterns'),
        ("missing.gflow", "no such file: missing.gflow"),
        ("dir/missing", "no such file"),
    ],
)
def test_resolve_explains_what_it_could_not_find(target, message):
    with pytest.raises(GraphFileError, match=message):
        resolve(target)


def test_unknown_example_lists_the_names():
    with pytest.raises(GraphFileError, match="examples: add-mul"):
        load_example("../add-mul")
