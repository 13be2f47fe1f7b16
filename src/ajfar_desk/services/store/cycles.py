"""Python's cycle collector paused while a bulk operation piles up what it has read, or while
Qt walks every widget; what start-up made, frozen out of its walks."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collection inside the block (one already paused stays paused); collected as
    usual afterwards, also after a failure.  A CSV import or a sync bundle keeps every row read
    until all are saved: tens of thousands of dicts, none in a reference cycle, which the cycle
    collector would otherwise walk again and again while they pile up (5% of an import; 0.08
    CPU s of 10,000 new files in a bundle).  The window holds it off while Qt walks every
    widget (``ui.common.collector``)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def freeze_start_up() -> None:
    """Everything the program made to start — the modules it imported, the command's parser or
    the first window — taken out of the cycle collector's sight for good (``gc.freeze``).  They
    live as long as the program, yet each full collection walks them all: 55-60 ms of CPU at
    1,000,000 applicants (113,000 objects after a command's start, the store open), landing on
    whatever runs at that moment: the outliers of the duplicate check as the desk types (p99
    59.6 ms against a p50 of 16.7 ms, issue 13).  Frozen, a full collection walks only what was
    made since (under a millisecond).  Not collected first: that would cost the same 60 ms
    once, on the GUI thread right after the first window; the little garbage of the start-up
    stays.  The program calls it once (``cli.main``: before a command runs, after the first
    window is shown); a caller that hands ``cli.main`` its own arguments (the tests, a script)
    keeps its own collector's settings."""
    gc.freeze()
