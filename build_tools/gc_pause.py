"""Large steps without Python's cyclic garbage collector.

The collector runs after every few hundred new objects and now and then walks
every object alive. Building a doctree of 10,000 opinions (2.5 million
objects), copying it for a writer or laying it out in WeasyPrint makes
objects that live until the step ends, so that work is wasted: it was 85 % of
the time of copying that doctree, and a quarter of a PDF part's. Inside
`paused()` the collector waits; at the end, the objects made meanwhile are
examined once (the two younger generations: a young collection inside, as
the PDF writer makes, moves objects still alive then to the second; the
oldest was examined before), which frees the step's garbage cycles.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    if not gc.isenabled():   # an outer pause collects when it ends
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(1)
