"""A structural edit compares only the nodes and wires it names: the same signals as a
comparison of the whole graphs, for random edits, undos and redos."""

from __future__ import annotations

import dataclasses

import numpy as np

import gradflow.ui.document as document_module
from gradflow.core.errors import GraphError
from gradflow.core.examples import load_example
from gradflow.ui.document import GraphDocument
from gradflow.ui.snapshot_diff import GraphDiff

FIELDS = [f.name for f in dataclasses.fields(GraphDiff)]


def _random_edit(doc: GraphDocument, rng: np.random.Generator) -> None:
    g = doc.graph
    ids, edges = list(g.nodes), list(g.edges)
    pick = rng.integers(8)
    try:
        if pick == 0 and edges:
            doc.remove_edge(edges[int(rng.integers(len(edges)))])
        elif pick == 1 and ids:
            doc.add_edge(*(ids[int(rng.integers(len(ids)))] for _ in range(2)))
        elif pick == 2 and ids:
            chosen = [ids[int(k)] for k in rng.integers(0, len(ids), int(rng.integers(1, 3)))]
            doc.delete(dict.fromkeys(chosen), edges[: int(rng.integers(0, 2))])
        elif pick == 3 and ids:
            fragment = g.copy()
            for nid in ids[int(rng.integers(len(ids))) :]:
                fragment.remove_node(nid)
            doc.paste(fragment)
        elif pick == 4 and ids:
            doc.set_label(ids[int(rng.integers(len(ids)))], f"n{int(rng.integers(9))}")
        elif pick == 5:
            doc.set_output(ids[int(rng.integers(len(ids)))] if ids and rng.random() < 0.7 else None)
        elif pick == 6 and doc.undo_stack.canUndo():
            doc.undo_stack.undo()
        elif doc.undo_stack.canRedo():
            doc.undo_stack.redo()
        elif edges:
            e = edges[0]
            doc.reroute(e, ids[int(rng.integers(len(ids)))], 0)
    except GraphError:
        pass  # refused: nothing changed


def test_a_scoped_comparison_finds_what_the_whole_one_finds(qtbot, monkeypatch):
    real = document_module.graph_diff
    scoped = []

    def both(old, new, touched=None):
        got = real(old, new, touched)
        whole = real(old, new, None)
        for name in FIELDS:
            a, b = getattr(got, name), getattr(whole, name)
            assert (set(a) if isinstance(a, list) else a) == (
                set(b) if isinstance(b, list) else b
            ), name
        scoped.append(touched is not None)
        return got

    monkeypatch.setattr(document_module, "graph_diff", both)
    for seed in range(25):
        rng = np.random.default_rng(seed)
        doc = GraphDocument(load_example(["add-mul", "sigmoid-neuron", "gate-patterns"][seed % 3]))
        for _ in range(30):
            _random_edit(doc, rng)
    assert sum(scoped) > 300  # most edits named their scope


def test_deleting_a_node_announces_its_wires_and_undo_brings_them_back(qtbot):
    doc = GraphDocument(load_example("add-mul"))
    removed, added = [], []
    doc.edge_removed.connect(removed.append)
    doc.edge_added.connect(added.append)
    wires = {e for e in doc.graph.edges if "q" in (e.src, e.dst)}
    assert wires
    doc.delete(["q"])
    assert set(removed) == wires
    doc.undo_stack.undo()
    assert set(added) == wires


def test_undo_all_and_redo_all_give_back_each_graph_exactly(qtbot):
    """Snapshots are kept as they are, not copied: in-place edits (add, value, move) in
    between must not leak into them."""
    from gradflow.core.fileformat import dumps

    for seed in range(20):
        rng = np.random.default_rng(seed)
        doc = GraphDocument(load_example(["add-mul", "sigmoid-neuron"][seed % 2]))
        first = dumps(doc.graph)
        for _ in range(25):
            kind = rng.random()
            ids = list(doc.graph.nodes)
            try:
                if kind < 0.2:
                    doc.add_node("add", pos=(float(rng.integers(500)), 0.0))
                elif kind < 0.4 and ids:
                    leaves = [n for n in ids if doc.graph.node(n).op == "input"]
                    if leaves:
                        doc.set_attr(leaves[0], "value", float(rng.normal()))
                elif kind < 0.5 and ids:
                    doc.move_nodes({ids[0]: (float(rng.integers(900)), 5.0)})
                else:
                    _random_edit(doc, rng)
            except GraphError:
                pass
        last = dumps(doc.graph)
        while doc.undo_stack.canUndo():
            doc.undo_stack.undo()
        assert dumps(doc.graph) == first, seed
        while doc.undo_stack.canRedo():
            doc.undo_stack.redo()
        assert dumps(doc.graph) == last, seed
