"""At head office a desk's anchor file is rewritten at most once every ``ANCHOR_EVERY`` seconds.

Rewriting the signed anchor file (``audit_anchor.advance``: sign, write beside, rename) after
every audited commit cost a desk ~0.5 ms of CPU per call, a tenth of a call, when twenty desks
share two cores with their PostgreSQL server.  At head office (``paced``) the first audited
commit after a quiet second is anchored at once, as before; the heads committed in the next
``ANCHOR_EVERY`` seconds are kept in memory, merged, and written together when that second is
over (a timer thread), or sooner when something reads the anchors (``audit.verify``), when the
user signs out, the store is closed or the process exits.  A branch laptop (SQLite, one person
at human pace) writes after every commit as before.

What an attacker who can edit the store gains.  The heads kept in memory are the ones the
program committed, never read back from the store: a tail cut or re-hashed in the store during
the second is still anchored as committed, and reported; a commit that finds its chain elsewhere
than the heads kept left it has those written first, then its own, as before (the anchor is then
kept as evidence, ``audit_anchor._broken``).  Only a desk process that dies (killed,
power cut) with heads pending leaves them unanchored: the entries of its last ``ANCHOR_EVERY``
seconds at most, which someone who could both stop the desk and edit the store could then remove
or rewrite unseen - as with every commit's entries in the instant between the commit and its
anchoring before, and within the ``SYNC_EVERY`` (2 s) a power cut may already take back from the
anchor file, which is forced to disk no more often.  Left in the store, they show as appended
(``audit_anchor.check``: «or the computer stopped before anchoring them»).  A verification run
by another process of the same desk (the command line beside the window) in that second may
report the window's newest entries so too, until the window's timer writes them.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import audit_anchor

ANCHOR_EVERY = 1.0  # seconds; below the anchor file's SYNC_EVERY
_log = logging.getLogger(__name__)


@dataclass
class _Pending:
    store: object
    heads: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    claimed: dict[str, tuple[int, str]] = field(default_factory=dict)
    timer: threading.Timer | None = None


_lock = threading.Lock()
_pending: dict[str, _Pending] = {}  # anchor file -> heads committed and not yet written
_written: dict[str, float] = {}  # anchor file -> when (monotonic) it was last written


def advance(store, heads: Mapping[str, tuple[str, int, str]],
            claimed: Mapping[str, tuple[int, str]], paced: bool) -> None:
    """``audit_anchor.advance`` now, or (``paced``, within a second of the last write) with the
    next write.  ``claimed``: each chain's head as the transaction found it (see ``_merge``)."""
    if not paced:
        audit_anchor.advance(store, heads, claimed)
        return
    key = str(audit_anchor.own_file(store))
    now = time.monotonic()
    with _lock:
        held = _pending.get(key)
        last = _written.get(key)
        if held is not None and not _continues(held, claimed):
            # the chain moved between two commits of this process (another process of the
            # desk wrote, or someone edited the store): the heads held are anchored first, so
            # the entries they name are compared with the store as the program wrote them
            del _pending[key]
            if held.timer is not None:
                held.timer.cancel()
        elif held is None and (last is None or now - last >= ANCHOR_EVERY):
            pass  # a quiet second: written at once
        else:
            if held is None:
                held = _pending[key] = _Pending(store)
                store.closing[__name__] = lambda: flush(store)  # closed: written first
                wait = ANCHOR_EVERY - (now - (last or now))
                held.timer = threading.Timer(max(wait, 0.0), _on_time, (key,))
                held.timer.daemon = True
                held.timer.start()
            _merge(held, heads, claimed)
            return
        _written[key] = now
    if held is not None:
        audit_anchor.advance(held.store, held.heads, held.claimed)
    audit_anchor.advance(store, heads, claimed)


def _continues(held: _Pending, claimed: Mapping[str, tuple[int, str]]) -> bool:
    """Did this commit find each chain it wrote where the commits held left it?"""
    return all(claimed.get(chain) == (seq, digest)
               for chain, (_branch, seq, digest) in held.heads.items() if chain in claimed)


def _merge(held: _Pending, heads: Mapping[str, tuple[str, int, str]],
           claimed: Mapping[str, tuple[int, str]]) -> None:
    """The held heads take a later commit's that continued them (``_continues``); a chain's
    claimed head stays the one the first commit holding it found."""
    for chain, head in heads.items():
        if chain not in held.heads and chain in claimed:
            held.claimed[chain] = claimed[chain]
        held.heads[chain] = head


def _on_time(key: str) -> None:
    try:
        _write(key)
    except Exception:  # a timer thread has no caller: the commit stands, the next write anchors
        _log.exception("writing the audit anchor failed")


def _write(key: str) -> None:
    with _lock:
        held = _pending.pop(key, None)
        if held is None:
            return
        if held.timer is not None:
            held.timer.cancel()
        _written[key] = time.monotonic()
    audit_anchor.advance(held.store, held.heads, held.claimed)


def flush(store) -> None:
    """The heads this process committed to ``store`` and has not anchored yet, written now."""
    _write(str(audit_anchor.own_file(store)))


def flush_all() -> None:
    """At exit: every store's held heads (a store gone meanwhile is logged, not raised)."""
    for key in list(_pending):
        _on_time(key)


atexit.register(flush_all)
