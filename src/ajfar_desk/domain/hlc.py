"""Hybrid logical clock: timestamps that follow the wall clock, never go backwards, and order
the changes of every node (ties broken by the node id).

A stamp is text that sorts like the clock: ``"0001763769600123-0007-<node>"`` (milliseconds
since the epoch, a counter within the millisecond, the node), so stores compare stamps with
plain string comparison, in SQL as in Python.

The clock is bounded: a received stamp at most ``MAX_DRIFT_MS`` (5 minutes) ahead of our own wall
clock is adopted (our next change sorts after it); one further ahead is *not* adopted, and not
refused either.  The change it carries still applies, ordered by its own stamp, but a laptop whose
clock runs a day fast never drags head office's clock, nor through it anyone else's.  A change
made after seeing a value still replaces it whatever the two stamps say (``sync_merge`` compares
the stamp each change replaced), so causality holds without adopting a wrong clock."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from threading import Lock

_STAMP = re.compile(r"([0-9]{16})-([0-9]{4})-([0-9a-f]{32})(?:\.[0-9a-f]{8})?")
MAX_DRIFT_MS = 5 * 60 * 1000  # a received stamp further ahead of our wall clock is not adopted


class ClockError(ValueError):
    pass


def make(wall_ms: int, counter: int, node: str, desk: str = "") -> str:
    return f"{wall_ms:016d}-{counter:04d}-{node}" + (f".{desk}" if desk else "")


def parse(stamp: str) -> tuple[int, int, str]:
    m = _STAMP.fullmatch(stamp or "")
    if not m:
        raise ClockError(f"not a clock stamp: {stamp!r}")
    return int(m[1]), int(m[2]), m[3]


@dataclass
class Clock:
    """One node's clock.  ``now()`` for a local change, ``seen(stamp)`` for a received one."""

    node: str  # 32 hex digits
    wall: Callable[[], int] = field(default=lambda: int(time.time() * 1000), repr=False)
    # Several desks of one node (head office's PostgreSQL) each run a clock: the desk's own
    # random part keeps their stamps apart even within one millisecond.
    desk: str = field(default_factory=lambda: os.urandom(4).hex())
    last_ms: int = 0
    counter: int = 0
    _lock: Lock = field(default_factory=Lock, repr=False)

    def now(self) -> str:
        with self._lock:
            wall = self.wall()
            if wall > self.last_ms:
                self.last_ms, self.counter = wall, 0
            else:
                self.counter += 1
                if self.counter > 9999:  # ten thousand changes in one millisecond: borrow the next
                    self.last_ms, self.counter = self.last_ms + 1, 0
            return make(self.last_ms, self.counter, self.node, self.desk)

    def seen(self, stamp: str) -> bool:
        """Move past a stamp received from another node (so our next change sorts after it),
        unless it lies more than the drift ahead of our wall clock: False then, clock unmoved."""
        ms, counter, _node = parse(stamp)
        with self._lock:
            if ms > self.wall() + MAX_DRIFT_MS:
                return False
            if (ms, counter) > (self.last_ms, self.counter):
                self.last_ms, self.counter = ms, counter
            return True

    def horizon(self) -> str:
        """The highest stamp this clock may adopt now (for choosing among stored stamps)."""
        return make(self.wall() + MAX_DRIFT_MS, 9999, "f" * 32, "ffffffff")
