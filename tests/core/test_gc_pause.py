"""paused_gc: the cycle collector is off inside the block and as it was after it."""

from __future__ import annotations

import gc

import pytest

from gradflow.core.gc_pause import paused_gc


def test_off_inside_back_on_after_even_on_an_error():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: still off, and the outer block turns it back on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="boom"), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_and_laying_out_leave_it_on(tmp_path):
    from gradflow.core.examples import load_example
    from gradflow.core.fileformat import dumps, loads
    from gradflow.core.layout import auto_layout

    graph = loads(dumps(load_example("add-mul")))
    assert gc.isenabled()
    auto_layout(graph)
    assert gc.isenabled()
