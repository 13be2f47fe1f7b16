"""Hybrid logical clock: timestamps that follow the wall clock, never go backwards, and order
the changes of every node (ties broken by the node id).

A stamp is text that sorts like the clock: ``"0001763769600123-0007-<node>"`` (milliseconds
since the epoch, a counter within the millisecond, the node), so stores compare stamps with
plain string comparison, in SQL as in Python.

The clock is bounded: a received stamp at most ``MAX_DRIFT_MS`` (5 minutes) ahead of our own wall
clock is adopted (our next change sorts after it); one further ahead is *not* adopted, and not
refused either.  The change it carries still applies, ordered by its own stamp, but a laptop whose
clock runs a day fast never drags head office's clock, nor through it anyone else's.

Causality without adopting a wrong clock: a change made after seeing a value orders after it.
``after(seen)`` stamps such a change ``now()`` or, when the value it replaces carries a stamp not
before that (a clock running fast made it), the next stamp after the value's: one logical tick
past it, with this node's id.  The clock itself does not move (its next ``now()`` follows the wall
clock again); it only remembers the stamps it lent ahead of it, so that no two of its stamps are
ever equal.  Every node then orders every field by its stamps alone, whatever the order the
changes arrive in, and one wrong clock never drags another node's."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from threading import Lock

_STAMP = re.compile(r"([0-9]{16})-([0-9]{4})-([0-9a-f]{32})(?:\.[0-9a-f]{8})?")
STAMP = _STAMP  # a stamp's pattern: milliseconds, counter, node (groups 1-3), and a desk
MAX_DRIFT_MS = 5 * 60 * 1000  # a received stamp further ahead of our wall clock is not adopted


class ClockError(ValueError):
    pass


def _tick(ms: int, counter: int) -> tuple[int, int]:
    """The next (millisecond, counter): ten thousand in one millisecond borrow the next."""
    return (ms, counter + 1) if counter < 9999 else (ms + 1, 0)


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
    lent: set[tuple[int, int]] = field(default_factory=set, repr=False)  # by ``after``, ahead of the clock
    _lead: tuple[int, int] = field(default=(0, 0), repr=False)  # the furthest stamp lent
    _pruned: int = field(default=0, repr=False)  # when ``lent`` last forgot the stamps passed
    _lock: Lock = field(default_factory=Lock, repr=False)

    def now(self) -> str:
        with self._lock:
            wall = self.wall()
            if wall > self.last_ms:
                self.last_ms, self.counter = wall, 0
            else:
                self.last_ms, self.counter = _tick(self.last_ms, self.counter)
            if self.lent:
                while (self.last_ms, self.counter) in self.lent:  # the wall caught up with a stamp
                    self.last_ms, self.counter = _tick(self.last_ms, self.counter)  # lent: never twice
                if self.last_ms >= self._pruned + 1000:  # once a second: those passed, forgotten
                    self.lent, self._pruned = {t for t in self.lent if t > (self.last_ms, self.counter)}, self.last_ms
            return make(self.last_ms, self.counter, self.node, self.desk)

    def stamps(self, n: int) -> list[str]:
        """``n`` stamps in order: those of ``now()`` called ``n`` times at one reading of the wall
        clock (a bulk write's rows), made in one go.  While stamps lent ahead of the clock are
        remembered (``after``), one ``now()`` each, which steps over them."""
        with self._lock:
            if n > 0 and not self.lent:
                wall = self.wall()
                ms, counter = (wall, 0) if wall > self.last_ms else _tick(self.last_ms, self.counter)
                tail = f"-{self.node}" + (f".{self.desk}" if self.desk else "")
                out: list[str] = []
                while len(out) < n:  # a millisecond holds 10,000: the next ones borrow the next
                    end = min(10_000, counter + n - len(out))
                    head = f"{ms:016d}-"
                    out.extend([f"{head}{c:04d}{tail}" for c in range(counter, end)])
                    ms, counter = (ms, end - 1) if len(out) == n else (ms + 1, 0)
                self.last_ms, self.counter = ms, counter
                return out
        return [self.now() for _ in range(n)]

    def after(self, seen: str) -> str:
        """The stamp of a change made after seeing a value stamped ``seen`` ("" for none): ``now()``,
        or one tick past ``seen`` when that is not before it, the clock unmoved (see above)."""
        stamp = self.now()
        if not seen or seen < stamp:
            return stamp
        ms, counter, _node = parse(seen)
        with self._lock:
            lent = _tick(ms, counter)
            if lent in self.lent:  # lent already (one value seen twice): past the furthest lent
                lent = _tick(*self._lead)
            self.lent.add(lent)
            self._lead = max(self._lead, lent)
            return make(lent[0], lent[1], self.node, self.desk)

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
