"""ui: `gradflow render --frames/--gif` - every step of the walk, one picture each.

`render_frames` writes one captioned PNG per step into a folder, `render_gif` the whole
walk as one animated GIF (Pillow's encoder). Both draw each step as `render --step`
does: at a given size a step mid-run is framed like the player's camera unless `fit`.
Every frame has the same size: the caption strip is as tall as the longest caption's.
"""

from __future__ import annotations

import os
from pathlib import Path

from gradflow.core.graph import Graph
from gradflow.core.i18n import _
from gradflow.ui import render
from gradflow.ui.render import Renderer, RenderError, _natural_size
from gradflow.ui.render_frame import caption_height, save_gif

MAX_FRAMES = 2000  # --frames and --gif draw at most this many pictures


def check_walk(graph: Graph, what: str) -> None:
    """RenderError when `graph` is too big to draw step by step (`what`: the option)."""
    limit = render.OVERVIEW_NODES
    if len(graph) > limit:
        raise RenderError(
            f"{what} draws every step; this graph has {len(graph):,} nodes, over the "
            f"{limit:,} a frame-by-frame picture can show (render one step instead)"
        )


def _walk(graph: Graph, theme: str, what: str, size: tuple[int, int] | None, caption: bool):
    """A renderer of every step and the one picture size they share."""
    check_walk(graph, what)
    renderer = Renderer(graph, theme, caption)
    if renderer.total + 1 > MAX_FRAMES:
        raise RenderError(
            f"{what} would draw {renderer.total + 1:,} pictures, over the {MAX_FRAMES:,} limit"
        )
    source = renderer.scene.itemsBoundingRect()
    size = size or _natural_size(source.width(), source.height())  # one size for all frames
    if caption:
        steps = range(renderer.total + 1)
        renderer.min_band = max(caption_height(renderer.step_caption(k), size[0]) for k in steps)
    return renderer, size


def render_frames(
    graph: Graph,
    folder: str | os.PathLike[str],
    size: tuple[int, int] | None = None,
    theme: str = "light",
    fit: bool = False,
    caption: bool = True,
) -> list[Path]:
    """One PNG per step, frame_000.png (nothing shown) to frame_NNN.png (the whole run),
    captioned unless `caption` is False, each framed like the player's camera unless `fit`."""
    renderer, size = _walk(graph, theme, "--frames", size, caption)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise RenderError(f"cannot create folder {folder}: {err.strerror}") from None
    return [
        renderer.save(k, folder / f"frame_{k:03d}.png", size, fit)
        for k in range(renderer.total + 1)
    ]


def render_gif(
    graph: Graph,
    out: str | os.PathLike[str],
    size: tuple[int, int] | None = None,
    theme: str = "light",
    fit: bool = False,
) -> Path:
    """One animated GIF of the whole walk: every step, captioned, framed like the player."""
    path = Path(out)
    if path.suffix.lower() != ".gif":
        raise RenderError(_("cannot write {name}: --gif needs a .gif file").format(name=path.name))
    if path.parent and not path.parent.is_dir():
        raise RenderError(f"cannot write {path}: folder {path.parent} does not exist")
    renderer, size = _walk(graph, theme, "--gif", size, True)
    frames = [renderer.image(k, size, fit) for k in range(renderer.total + 1)]
    return save_gif(path, frames)
