"""Exercises: every level and seed gives a valid, checkable graph with its level's features."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest

from gradflow.core.engine import run
from gradflow.core.exercises import ExerciseError, make_exercise
from gradflow.core.fileformat import dumps, loads
from gradflow.core.gradcheck import gradcheck
from gradflow.core.graph import Graph
from gradflow.core.ops import get_op

SEEDS = range(20)
LEAVES = ("input", "const")


def _gates(graph: Graph) -> list[str]:
    return [n.id for n in graph if n.op not in LEAVES]


def _significant_digits(x: float) -> int:
    digits = f"{abs(x):.10g}".replace(".", "").lstrip("0").rstrip("0")
    return len(digits)


def _is_chain(graph: Graph, gates: list[str]) -> bool:
    """Each gate but the last feeds exactly the next one."""
    order = [nid for nid in graph.topo_order() if nid in gates]
    return all([e.dst for e in graph.out_edges(a)] == [b] for a, b in itertools.pairwise(order))


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_every_level_and_seed_is_valid_small_and_passes_gradcheck(level):
    for seed in SEEDS:
        graph = make_exercise(level, seed)
        text = dumps(graph)
        assert dumps(loads(text)) == text  # a valid .gflow document that round-trips
        assert graph.title == f"Exercise {level}.{seed}: " + {
            1: "a single gate", 2: "a chain of gates", 3: "fan-out", 4: "a neuron",
            5: "vectors and a matmul",
        }[level]  # fmt: skip
        assert all(n.pos is not None for n in graph), "laid out"
        check = gradcheck(graph)
        assert check.nodes
        assert check.ok, (seed, check.worst)
        for node in graph:
            if node.op == "input":
                for x in np.ravel(node.attrs["value"]):
                    assert _significant_digits(float(x)) <= 3, (seed, node.id, x)
        result = run(graph)
        assert all(np.all(np.abs(v[0]) <= 100) for v in result.values.values())


def test_level_1_is_a_single_gate():
    for seed in SEEDS:
        assert len(_gates(make_exercise(1, seed))) == 1


def test_level_2_is_a_chain_of_three_to_five_gates():
    lengths = set()
    for seed in SEEDS:
        graph = make_exercise(2, seed)
        gates = _gates(graph)
        lengths.add(len(gates))
        assert 3 <= len(gates) <= 5
        assert _is_chain(graph, gates), seed
    assert lengths == {3, 4, 5}


def test_level_3_uses_a_variable_twice_through_a_copy_gate():
    for seed in SEEDS:
        graph = make_exercise(3, seed)
        copies = [n for n in graph if n.op == "copy"]
        assert len(copies) == 1
        (copy,) = copies
        assert sorted(e.src_port for e in graph.out_edges(copy.id)) == [0, 1]
        source = graph.in_edges(copy.id)[0]
        assert graph.node(source.src).op == "input"
        grads = run(graph).grads[copy.id]
        assert len(grads) == 2  # a gradient comes back along both branches


def test_level_4_is_a_neuron_with_an_activation():
    seen = set()
    for seed in SEEDS:
        graph = make_exercise(4, seed)
        ops = [n.op for n in graph]
        assert ops.count("mul") == 2
        assert ops.count("add") == 2
        activations = [op for op in ops if get_op(op).category == "activations"]
        gates = {"neg", "exp", "add_const", "reciprocal"}
        assert activations or gates <= set(ops), seed
        seen.update(activations or ["sigmoid as gates"])
    assert seen == {"sigmoid", "tanh", "relu", "sigmoid as gates"}


def test_level_5_has_vectors_and_a_matmul():
    for seed in SEEDS:
        graph = make_exercise(5, seed)
        matmuls = [n.id for n in graph if n.op == "matmul"]
        assert len(matmuls) == 1
        shapes = [np.shape(n.attrs["value"]) for n in graph if n.op == "input"]
        assert len(shapes[0]) == 2
        assert len(shapes[1]) == 1
        assert run(graph).value(graph.output_node()).shape == ()


def test_same_seed_same_bytes_and_other_seeds_differ():
    assert dumps(make_exercise(3, 17)) == dumps(make_exercise(3, 17))
    assert len({dumps(make_exercise(2, s)) for s in SEEDS}) == len(SEEDS)
    assert dumps(make_exercise(1, 5)) != dumps(make_exercise(2, 5))


def test_same_seed_same_bytes_in_another_process():
    code = (
        "from gradflow.core.exercises import make_exercise as m\n"
        "from gradflow.core.fileformat import dumps\n"
        "print(dumps(m(4, 3)), end='')"
    )
    for hash_seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": hash_seed, "PATH": ""},
        ).stdout
        assert out == dumps(make_exercise(4, 3))


def test_ops_limit_the_gates_drawn():
    for seed in SEEDS:
        graph = make_exercise(2, seed, ["add", "max"])
        assert set(_gates(graph))
        assert {n.op for n in graph} <= {"input", "add", "max"}
    graph = make_exercise(4, 1, ["tanh"])
    assert "tanh" in [n.op for n in graph]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": 6, "seed": 0}, "the level must be 1 to 5, not 6"),
        ({"level": 1, "seed": -2}, "the seed must be a whole number"),
        ({"level": 2, "seed": 0, "ops": ["mull"]}, 'unknown op "mull" (did you mean "mul"?)'),
        ({"level": 2, "seed": 0, "ops": ["softmax_ce"]}, 'do not draw "softmax_ce"'),
        ({"level": 3, "seed": 0, "ops": ["neg"]}, "level 3 needs a two-input gate"),
    ],
)
def test_impossible_requests_say_why(kwargs, message):
    with pytest.raises(ExerciseError) as err:
        make_exercise(**kwargs)
    assert message in str(err.value)
