"""Open network as graph: a batch of 1..8 samples (remembered), the layered layout, and
the note on the canvas saying how W is oriented."""

from __future__ import annotations

import numpy as np

from gradflow.core.layout import auto_layout
from gradflow.nn import TrainConfig
from gradflow.ui.canvas.note_item import NoteItem
from gradflow.ui.training.network_batch import NetworkBatchBox

WAIT_MS = 20_000


def _trained(qtbot, window):
    window.docks["training"].show()
    panel = window.training
    panel.options.set_config(TrainConfig(dataset="xor", hidden=(8,), epochs=1))
    panel.start_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=WAIT_MS)
    return panel


def test_the_batch_box_goes_from_1_to_8_starts_at_1_and_is_remembered(qtbot):
    box = NetworkBatchBox()
    qtbot.addWidget(box)
    assert (box.minimum(), box.maximum(), box.value()) == (1, 8, 1)
    box.setValue(5)
    again = NetworkBatchBox()
    qtbot.addWidget(again)
    assert again.value() == 5


def test_open_network_takes_the_chosen_samples_laid_out_with_a_note_on_w(qtbot, window):
    panel = _trained(qtbot, window)
    panel.network_samples.setValue(3)
    panel.network_button.click()
    graph = window.document.graph
    assert graph.nodes["X"].attrs["value"].shape == (3, 2)
    np.testing.assert_allclose(
        graph.nodes["X"].attrs["value"], panel.trainer.data.x_train[:3], rtol=1e-6
    )
    assert {nid: n.pos for nid, n in graph.nodes.items()} == auto_layout(graph)
    notes = [i for i in window.scene.items() if isinstance(i, NoteItem)]
    assert len(notes) == 1
    text = notes[0].text()
    assert "W1 2×8" in text
    assert "W2 8×2" in text
    assert "s = W x" in text
    assert "transposed" in text
    rect = window.scene.sceneRect()
    assert rect.contains(notes[0].sceneBoundingRect())
    top = min(i.sceneBoundingRect().top() for i in window.scene.node_items())
    assert notes[0].sceneBoundingRect().bottom() < top  # above the graph, not on it


def test_the_default_network_graph_carries_one_sample(qtbot, window):
    panel = _trained(qtbot, window)
    panel.network_button.click()
    assert window.document.graph.nodes["X"].attrs["value"].shape == (1, 2)
