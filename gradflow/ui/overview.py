"""ui: the overview picture of a graph too big to draw item by item (`gradflow render`).

Building the canvas's items costs about a millisecond a node and hundreds of bytes
each, so a 100,000-node graph would take minutes and gigabytes - for a picture whose
numbers are far too small to read anyway. Past `render.OVERVIEW_NODES` nodes, `render` draws
this overview instead: straight wires and node boxes in their category colours,
straight from the node positions with one QPainter, in bounded time and memory. The
window's export draws the same for a big canvas or a big selection (`only`: those
nodes and the wires between them).
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from gradflow.core.geometry import NODE_WIDTH, node_height
from gradflow.core.graph import Graph, Node
from gradflow.ui.canvas.icons import category_color
from gradflow.ui.canvas.style import THEMES, Theme

BATCH = 20_000  # lines or boxes per QPainter call


def _nodes(graph: Graph, only: Collection[str] | None) -> list[Node]:
    nodes = graph.nodes
    return list(nodes.values()) if only is None else [nodes[n] for n in only if n in nodes]


def overview_extent(graph: Graph, only: Collection[str] | None = None) -> tuple[float, float]:
    """The (width, height) in scene units the nodes' boxes span, with a margin."""
    pos = [n.pos or (0.0, 0.0) for n in _nodes(graph, only)] or [(0.0, 0.0)]
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    return max(xs) - min(xs) + 3 * NODE_WIDTH, max(ys) - min(ys) + 3 * NODE_WIDTH


def overview_image(
    graph: Graph,
    width: int,
    height: int,
    theme: str | Theme,
    margin: int,
    only: Collection[str] | None = None,
) -> QImage:
    """The whole graph (or the nodes `only`) scaled into a `width` x `height` image."""
    img = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(img)
    paint_overview(painter, graph, width, height, theme, margin, only)
    painter.end()
    return img


def paint_overview(
    painter: QPainter,
    graph: Graph,
    width: int,
    height: int,
    theme: str | Theme,
    margin: int,
    only: Collection[str] | None = None,
) -> None:
    """Draw the overview into a `width` x `height` device with `painter` (background too)."""
    colours = THEMES[theme] if isinstance(theme, str) else theme
    nodes = _nodes(graph, only)
    pos = {n.id: n.pos or (0.0, 0.0) for n in nodes} or {"": (0.0, 0.0)}
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    left, top = min(xs) - NODE_WIDTH, min(ys) - NODE_WIDTH
    w, h = max(xs) - left + NODE_WIDTH, max(ys) - top + NODE_WIDTH
    scale = min((width - 2 * margin) / max(w, 1.0), (height - 2 * margin) / max(h, 1.0), 2.0)
    ox = (width - w * scale) / 2 - left * scale
    oy = (height - h * scale) / 2 - top * scale

    def at(nid: str) -> tuple[float, float]:
        x, y = pos[nid]
        return x * scale + ox, y * scale + oy

    painter.fillRect(QRectF(0, 0, width, height), colours.background)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, scale > 0.05)
    painter.setPen(QPen(colours.wire, max(0.5, 2.0 * scale)))
    edges = (
        graph.edges if only is None else [e for e in graph.edges if e.src in pos and e.dst in pos]
    )
    lines = [QLineF(*at(e.src), *at(e.dst)) for e in edges]
    for i in range(0, len(lines), BATCH):
        painter.drawLines(lines[i : i + BATCH])
    by_colour: dict[str, list[QRectF]] = {}
    for node in nodes:
        x, y = at(node.id)
        bw = max(1.0, NODE_WIDTH * scale)
        bh = max(1.0, node_height(max(node.n_inputs, node.n_outputs)) * scale)
        by_colour.setdefault(node.spec.category, []).append(QRectF(x - bw / 2, y - bh / 2, bw, bh))
    painter.setPen(Qt.PenStyle.NoPen if scale < 0.1 else QPen(colours.node_border, 1.0))
    for category, rects in by_colour.items():
        painter.setBrush(QColor(category_color(category)))
        for i in range(0, len(rects), BATCH):
            painter.drawRects(rects[i : i + BATCH])
