"""The import's rows stored in batches, each its own short transaction, under an import run
(SQLite; ``db.import_runs`` says why and how it is undone).

A worker thread takes the checked chunks as the caller hands them over (the checks of chunk N+1
go on beside the writing of chunk N, as ``import_writer`` does in one transaction) and writes
them in batches sized to hold SQLite's write lock about ``TARGET`` seconds each: the window's
save beside it waits for one batch at most, never for the import.  A batch's rows are completed
and encoded for the change log (half its work) before it takes the lock; only their inserts,
the name index and the change log's rows are written under it.  Each chunk's national IDs are
looked up in the store before its rows are written; one registered at another desk after that
look-up stops the batch on the store's unique key (``IntegrityError``), and the caller rolls the
run back and names the row.  Once a row is refused nothing more is written; the run is rolled
back by the caller (``close``) whatever ended it."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager
from types import TracebackType

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ...db import import_runs, search_index
from ...db.bulk_writes import insert_prepared, prepare_insert
from ...db.models import Applicant
from ..store.context import AppContext
from .import_writer import Identity, WriterThread, applicant_row

# Seconds of write lock a batch aims at: the window's save waits about this at most.  Each batch
# costs the writer more work (its index pages written again, a commit): 100,000 rows took 5.8 s
# of the writer's CPU in one transaction, 7.0 s in 10 batches, 7.4 s in 20, 8.8 s in 100 (at
# load 13).  On a busy machine a batch's lock lasts longer than its rows' share of an idle one:
# sizes follow the time measured, down to SMALLEST rows (with at least 1,000 rows a batch, at
# load 15 a batch held the lock up to 1.7 s and a save waited as long).
# While no other desk writes (nothing logged or audited between two batches: the import alone,
# the floor of 10,000 rows/s to keep) a batch aims at QUIET seconds: a desk's first save after
# a quiet spell waits that long at most, and the batches after it TARGET again.
TARGET = 0.3
QUIET = 0.8
FIRST = 1000  # rows in the first batch, before any was timed (3,000 held the lock 1.3 s at load 18)
SMALLEST, LARGEST = 250, 20_000


class BatchWriter(WriterThread):
    """Chunks of checked rows stored in batches on one worker thread: ``submit`` hands a chunk
    over, ``stop`` says a row was refused, ``finish`` writes what is left and yields the rows
    saved so far, ``done`` ends the run inside the caller's last transaction (the one with the
    audit entry).  Used as a context manager: the run is rolled back unless ``done`` was
    called, and its lock file goes."""

    def __init__(self, ctx: AppContext, file_name: str):
        self.ctx = ctx
        self.run_id = str(uuid.uuid4())
        self.now = dt.datetime.now(dt.UTC)
        self.batches = 0
        self.locked: list[float] = []  # seconds each batch held the write lock
        self._size = FIRST
        self._pending: list[dict] = []
        self._done = False
        self._mark: tuple[int, int] | None = None  # the logs' tops as the last batch left them
        self._held: AbstractContextManager[None] = import_runs.held(ctx.store.data_dir, self.run_id)
        self._held.__enter__()
        try:
            with ctx.uow(check_account=False) as s:
                s.add(import_runs.ImportRun(id=self.run_id, file=file_name[:260]))
        except BaseException:
            self._held.__exit__(None, None, None)
            raise
        self._start()

    def _store(self, identities: list[Identity], rows: list[dict]) -> int:
        if identities:
            with self.ctx.store.reading() as s:
                self._look_up(s, identities)
        if self.stopped:
            return 0
        self._pending.extend(rows)
        return self._write(lambda pending: len(pending) >= self._size)

    def _flush(self) -> int:
        return 0 if self.stopped else self._write(bool)

    def _write(self, more) -> int:
        """Batches of the rows waiting, while ``more(rows waiting)``."""
        pending, written = self._pending, 0
        while more(pending):
            batch = pending[: self._size]
            del pending[: len(batch)]
            written += self._batch(batch)
        return written

    def _batch(self, rows: list[dict]) -> int:
        ctx, branch, now = self.ctx, self.ctx.branch.code, self.now
        with ctx.uow(check_account=False) as s:
            for c in rows:
                applicant_row(c, branch, now)
            prepared = prepare_insert(s, Applicant, rows)  # before the lock: the window gets in
            conn = s.connection()
            started = time.perf_counter()
            with search_index.keyed_load(conn) as keys:  # the write lock from here to the commit
                seq, audited = import_runs.top_seq(conn), import_runs.top_audit(conn)
                busy = self._mark != (seq, audited)  # another desk wrote since the last batch
                for row in prepared[0]:  # (SQLite always has the index: ``keys`` is never None)
                    row["search_key"] = keys.take() if keys is not None else None
                first = prepared[0][0]["search_key"] or 0
                insert_prepared(s, Applicant, prepared, grouped=True)
            last = import_runs.top_seq(conn)
            import_runs.add_batch(conn, self.run_id, (first, first + len(rows) - 1), (seq + 1, last))
            self._mark = (last, audited)
        held = time.perf_counter() - started
        self.locked.append(held)
        self.batches += 1
        target = TARGET if busy else QUIET
        self._size = max(SMALLEST, min(LARGEST, int(len(rows) * target / max(held, 1e-3))))
        return len(rows)

    def finish(self) -> Iterator[int]:
        """The rows saved so far, after each chunk once it is stored, then after the rest."""
        for job in self._jobs:
            self.saved += job.result()
            yield self.saved
        self._jobs.clear()
        if not self.stopped and self._pending:
            self.saved += self._pool.submit(self._flush).result()
            yield self.saved

    def done(self, session: Session) -> None:
        """End the run in the caller's transaction: once it commits, the import is whole."""
        session.execute(delete(import_runs.ImportRun).where(import_runs.ImportRun.id == self.run_id))
        self._done = True

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._end()
        try:
            if not self._done:
                import_runs.roll_back(self.ctx.store.engine, self.run_id)
        finally:
            self._held.__exit__(None, None, None)
