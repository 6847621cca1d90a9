"""ui: render options - the canvas drawn for a picture: no grid, no selection outline.

`with render_options(scene, RenderOptions(selection_only=True)) as rect:` sets the scene
up for one `scene.render(...)` - the grid hidden, the numbers drawn whatever the zoom,
nothing selected, cached items drawn afresh as vector shapes and (selection_only)
everything but the selected nodes and the wires between them hidden - and puts it all
back afterwards. `rect` is the part of the scene to draw. Export, `gradflow render` and
handouts use it instead of reaching into the scene.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

if TYPE_CHECKING:
    from gradflow.ui.canvas.scene import GraphScene

NO_CACHE = QGraphicsItem.CacheMode.NoCache


@dataclass(frozen=True)
class RenderOptions:
    """How the canvas is drawn into a picture."""

    grid: bool = False  # the dot grid
    selection_only: bool = False  # only the selected nodes (if any) and wires between them


@contextmanager
def render_options(scene: GraphScene, options: RenderOptions | None = None) -> Iterator[QRectF]:
    """The scene set up for a picture while the block runs; yields the rectangle to draw."""
    options = options or RenderOptions()
    # a big canvas may hold selected nodes by id, with no item (export.py sends a big
    # selection to the overview; the few nodes of a small one get their items here)
    only = options.selection_only and bool(scene.selectedItems() or scene.live.held.nodes)
    hidden: list[QGraphicsItem] = []
    inner: list | None = None
    if only:
        sel = dict.fromkeys(scene.selected_node_ids())
        nodes = [scene.node_item(n) for n in sel]
        graph = scene.document.graph
        inner = [e for e in graph.edges if e.src in sel and e.dst in sel]
        wires = [scene.edge_item(e) for e in inner]
        keep: list[QGraphicsItem] = [scene.wires, *nodes, *wires]
        keep += [label for w in wires for label in w.labels()]
        hidden = [i for i in scene.items() if i.parentItem() is None and i not in keep]
    selected = scene.selectedItems()  # with the items just made for held nodes
    rect = scene.items_rect(only)
    grid, detail = scene.grid_visible, scene.detail
    scene.grid_visible = options.grid
    scene.set_detail(True)
    scene.wires.set_subset(inner)
    for item in hidden:
        item.setVisible(False)
    scene.clearSelection()
    # cached items would be pasted in as bitmaps: draw them afresh as vector shapes
    cached = [(i, i.cacheMode()) for i in scene.items() if i.cacheMode() != NO_CACHE]
    for item, _mode in cached:
        item.setCacheMode(NO_CACHE)
    try:
        yield rect
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)
        for item in hidden:
            item.setVisible(True)
        for item in selected:
            item.setSelected(True)
        scene.grid_visible = grid
        scene.set_detail(detail)
        scene.wires.set_subset(None)
