"""The import's rows stored while the next ones are checked: a single worker thread writes chunk
N (the store's check of its national IDs, then the insert) while the caller checks chunk N+1.
SQLite's driver lets go of the interpreter while SQLite works, so on a laptop's two cores the
two overlap.  Still one transaction (PostgreSQL; SQLite writes batches: ``import_batches``, on
the same ``WriterThread``): the caller's session, used by one thread at a time (the
caller hands the chunks over and touches the session again only after ``finish``), committed or
rolled back by the caller.  Once a row is wrong nothing more is inserted; every chunk's IDs are
still looked up, so every refusal is reported.

The interpreter's switch interval is cut to ``SWITCH_INTERVAL`` while the writer runs: each time
the writer comes back from a long SQLite statement (six or seven a chunk) it must take the
interpreter back from the checking thread, which by default keeps it up to 5 ms (126 statements
for 20,000 rows: some 0.6 s of waiting on an idle laptop, more than half the writer's own
work; measured at load 5, 3 ms less waiting a statement with the cut, for 2-4% more CPU)."""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from types import TracebackType

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db import search_index
from ...db.base import new_id
from ...db.bulk_writes import bulk_insert
from ...db.many_rows import among
from ...db.models import Applicant
from ...domain import id_types

Identity = tuple[str, str, str]  # (ID type, issuing country, number)
SWITCH_INTERVAL = 0.0005  # seconds (Python's default: 0.005)
_LOOKED_UP = 5000  # national IDs looked up by one statement (PostgreSQL binds each)


_switching = {"writers": 0, "interval": 0.0}
_switching_lock = threading.Lock()


def quick_switches(step: int) -> None:
    """One writer more (+1) or less (-1): the first cuts the switch interval, the last puts the
    one it found back (two imports at once in one process share the cut)."""
    with _switching_lock:
        if step > 0 and _switching["writers"] == 0:
            _switching["interval"] = sys.getswitchinterval()
            sys.setswitchinterval(min(_switching["interval"], SWITCH_INTERVAL))
        _switching["writers"] += step
        if step < 0 and _switching["writers"] == 0:
            sys.setswitchinterval(_switching["interval"])


def existing(session: Session, keys: list[Identity]) -> set[Identity]:
    """The identities among ``keys`` that the store already holds: one statement per
    ``_LOOKED_UP`` numbers (``many_rows.among``: on SQLite one JSON array, whatever their number)."""
    wanted = set(keys)
    numbers = sorted({k[2] for k in keys})
    found: set[Identity] = set()
    conn = session.connection()
    for i in range(0, len(numbers), _LOOKED_UP):
        rows = conn.execute(
            select(Applicant.id_type, Applicant.id_country, Applicant.national_id).where(
                among(conn, Applicant.national_id, numbers[i : i + _LOOKED_UP])
            )
        )
        found.update(k for k in map(tuple, rows) if k in wanted)
    return found


def applicant_row(c: dict, branch: str, now: dt.datetime) -> dict:
    """The same row ``applicants.register`` writes, completed in place from a row's
    ``form_check.clean_values`` (CleanApplicant's fields are columns; the import's own)."""
    c["branch"], c["consent_at"] = branch, now
    if c["id_type"] == id_types.NONE:  # a walk-in: the stand-in of its own id
        c["id"] = new_id()
        c["national_id"] = id_types.stand_in(c["id"])
    return c


class WriterThread:
    """What both writers share (this one and ``import_batches.BatchWriter``): one worker thread
    that takes the chunks in order, the identities found already in the store, a stop."""

    def _start(self) -> None:
        self.found: set[Identity] = set()  # identities already in the store
        self.stopped = False
        self.saved = 0
        self._jobs: list[Future[int]] = []
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ajfar-import")
        quick_switches(+1)

    def submit(self, identities: list[Identity], rows: list[dict]) -> None:
        self._jobs.append(self._pool.submit(self._store, identities, rows))

    def _store(self, identities: list[Identity], rows: list[dict]) -> int:
        raise NotImplementedError

    def stop(self) -> None:
        self.stopped = True

    def _look_up(self, session: Session, identities: list[Identity]) -> None:
        """Stop once one of the chunk's identities is in the store (every chunk is still
        looked up, so every refusal is reported)."""
        if identities:
            found = existing(session, identities)
            if found:
                self.found |= found
                self.stopped = True

    def _end(self) -> None:
        self.stopped = True  # chunks still queued after a failure write nothing
        self._pool.shutdown(wait=True)
        quick_switches(-1)


class ChunkWriter(WriterThread):
    """Chunks of checked rows stored in order on one worker thread (see the module notes).

    ``submit`` hands a chunk over; ``stop`` says a row was refused (nothing more is inserted);
    ``finish`` waits for every chunk, raises what the worker raised, writes the name index and
    yields the rows saved after each chunk.  Used as a context manager, so the worker is done
    before the caller's transaction ends, whatever happens."""

    def __init__(self, session: Session, branch: str):
        self.session = session
        self.branch = branch
        self.now = dt.datetime.now(dt.UTC)
        self._index: AbstractContextManager[search_index.Keys | None] | None = \
            search_index.keyed_load(session.connection())
        self._keys = self._index.__enter__()
        self._start()

    def _store(self, identities: list[Identity], rows: list[dict]) -> int:
        self._look_up(self.session, identities)
        if self.stopped or not rows:
            return 0
        branch, now, keys = self.branch, self.now, self._keys
        for c in rows:  # each completed in place (``applicant_row``), with its name index key
            applicant_row(c, branch, now)
            if keys is not None:
                c["search_key"] = keys.take()
        bulk_insert(self.session, Applicant, rows, grouped=True)  # see insert_rows
        if keys is not None:
            keys.index()  # here, beside the checks of the next chunk, not after the last
        return len(rows)

    def finish(self) -> Iterator[int]:
        """The rows saved so far, after each chunk, once it is stored; the name index is written
        after the last (only when every row was saved)."""
        for job in self._jobs:
            self.saved += job.result()
            yield self.saved
        self._jobs.clear()
        if not self.stopped:
            self._close_index(None)  # the new rows indexed in one pass

    def __enter__(self) -> ChunkWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._end()
        # the triggers are back, nothing indexed (the caller's transaction rolls back)
        self._close_index(exc or _Stopped())

    def _close_index(self, failure: BaseException | None) -> None:
        index, self._index = self._index, None
        if index is not None:
            index.__exit__(None if failure is None else type(failure), failure, None)


class _Stopped(Exception):
    """A row was refused: the name index is not written (the import rolls back)."""
