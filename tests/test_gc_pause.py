"""gc_pause.paused(): the collector waits inside, the step's garbage cycles
are freed when it ends, and a PDF's layout is gone by then (a part's boxes
kept alive there piled up in every worker, 100 MB a part)."""
from __future__ import annotations

import gc
import weakref

from build_tools.gc_pause import paused


class Cycle:
    def __init__(self):
        self.me = self


def test_garbage_cycles_made_inside_are_freed_at_the_end():
    with paused():
        assert not gc.isenabled()
        cycle = Cycle()
        ref = weakref.ref(cycle)
        del cycle
        assert ref() is not None       # nothing collected while paused
    assert gc.isenabled()
    assert ref() is None


def test_what_outlived_a_young_collection_inside_is_freed_too():
    with paused():
        cycle = Cycle()
        ref = weakref.ref(cycle)
        gc.collect(0)      # still alive: moved to an older generation
        del cycle
    assert ref() is None


def test_an_inner_pause_leaves_collecting_to_the_outer():
    with paused():
        with paused():
            cycle = Cycle()
            ref = weakref.ref(cycle)
            del cycle
        assert not gc.isenabled() and ref() is not None
    assert gc.isenabled() and ref() is None


def test_a_collector_turned_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_pdf_layout_is_freed_when_the_pdf_is_written(tmp_path):
    from build_tools.writers import pdf

    html = ('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>t</title>'
            '</head><body>' + '<p>本文</p>' * 50 + '</body></html>')
    pdf.render_pdf(html, tmp_path / "first.pdf", epoch=0)   # imports and caches
    gc.collect()
    pdf.render_pdf(html, tmp_path / "t.pdf", epoch=0)
    # Nothing of the layout is left for a later collection to find.
    assert gc.collect() < 10
