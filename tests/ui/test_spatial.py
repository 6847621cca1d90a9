"""PositionGrid answers rectangle queries and bounds exactly as a walk over every node."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gradflow.ui.canvas.spatial import PositionGrid

coords = st.floats(-5000, 5000, allow_nan=False)
ops = st.lists(
    st.tuples(st.sampled_from(["place", "remove"]), st.integers(0, 30), coords, coords),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(ops, coords, coords, st.floats(0, 6000), st.floats(0, 6000))
def test_the_grid_agrees_with_a_walk_over_every_node(steps, left, top, w, h) -> None:
    grid, truth = PositionGrid(), {}
    for op, k, x, y in steps:
        nid = f"n{k}"
        if op == "place":
            grid.place(nid, (x, y))
            truth[nid] = (x, y)
        else:
            grid.remove(nid)
            truth.pop(nid, None)
        if truth:  # the kept bounds follow every step
            xs, ys = [p[0] for p in truth.values()], [p[1] for p in truth.values()]
            assert grid.bounds() == (min(xs), min(ys), max(xs), max(ys))
    assert len(grid) == len(truth)
    right, bottom = left + w, top + h
    inside = {n for n, (x, y) in truth.items() if left <= x <= right and top <= y <= bottom}
    assert set(grid.ids_in(left, top, right, bottom, limit=10_000)) == inside
    few = grid.ids_in(left, top, right, bottom, limit=2)
    assert len(few) == min(len(inside), 3)  # past the limit: one more, then it stops
    if truth:
        xs, ys = [p[0] for p in truth.values()], [p[1] for p in truth.values()]
        assert grid.bounds() == (min(xs), min(ys), max(xs), max(ys))
    else:
        assert grid.bounds() is None
