"""An import written in batches, each its own short transaction (SQLite), marked until it ends.

A CSV import of 100,000 rows takes some 6 s of writing on an idle laptop: in one transaction
it would hold SQLite's only write lock for all of it, and the window's saves beside it wait
past their 5 s and are refused.  So the import writes batches of under half a second
each (``services.transfer.import_batches``) and keeps, in ``import_run``, what each batch wrote:
its applicants' name index keys (a range: no one else inserts inside the batch's transaction)
and its change-log entries (a range of ``sync_log.seq``, likewise).  The run's row is deleted in
the transaction that writes the import's audit entry: until then the import is not done.

An import that fails, or whose process was killed (``kill -9``, a power cut), is rolled back
from these ranges, batch by batch (``roll_back``): its applicants, their name index entries
(the delete trigger), their change-log rows.  The process that imports holds a lock on a file
of its own (``lock_path``) as long as it runs; a store opened by either program rolls back
every run whose lock nobody holds (``recover``).  While a run is open the exchange sends
nothing logged from its first batch on (``first_open_seq``).

An applicant of the import that the desk used meanwhile (a household member, a request, an
appointment: any row that refers to it) is kept with its change-log rows, never deleted under
the desk's work: ``ON DELETE CASCADE`` would take that work with it.  (The parts of the names
by year, ``name_part``, keep what the batches added: a set of words per birth year, which only
ever widens the duplicate check's look.)
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, String, Text, delete, select, update
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow

log = logging.getLogger(__name__)
FOLDER = "imports"  # in the store's data folder: one lock file per running import


class ImportRun(Base):
    """An import under way (or interrupted): its batches as [first key, last key, first seq,
    last seq] (a batch that logged nothing has last seq < first seq)."""

    __tablename__ = "import_run"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    file: Mapped[str] = mapped_column(String(260), default="")
    batches: Mapped[str] = mapped_column(Text, default="[]")


def lock_path(data_dir: Path, run_id: str) -> Path:
    return Path(data_dir) / FOLDER / f"{run_id}.lock"


def _try_lock(handle: IO[bytes]) -> bool:
    """Take the file's lock without waiting: False when another holder has it."""
    if sys.platform == "win32":  # pragma: no cover - Windows desks
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextmanager
def held(data_dir: Path, run_id: str) -> Iterator[None]:
    """The run's lock file, locked for the block: the sign, for every other opening of the
    store, that this run's process is alive.  The file goes when the block ends."""
    path = lock_path(data_dir, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        if not _try_lock(handle):  # a new id: nobody else can hold it
            raise RuntimeError(f"import lock {path} is held")
        try:
            yield
        finally:
            path.unlink(missing_ok=True)


def alive(data_dir: Path, run_id: str) -> bool:
    """Is the run's process still running (its lock file held)?"""
    path = lock_path(data_dir, run_id)
    try:
        handle = open(path, "r+b")
    except FileNotFoundError:
        return False
    with handle:
        return not _try_lock(handle)  # closing the handle lets go of a lock taken here


def add_batch(conn: Connection, run_id: str, keys: tuple[int, int], seqs: tuple[int, int]) -> None:
    """Record a batch in its own transaction (before it commits)."""
    batches = json.loads(conn.execute(
        select(ImportRun.batches).where(ImportRun.id == run_id)).scalar_one())
    batches.append([*keys, *seqs])
    conn.execute(update(ImportRun).where(ImportRun.id == run_id)
                 .values(batches=json.dumps(batches)))


def top_seq(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM sync_log").scalar_one())


def top_audit(conn: Connection) -> int:
    """The audit log's last row (every desk's save writes one): with ``top_seq``, whether
    another desk wrote since it was last read."""
    return int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM audit_log").scalar_one())


def first_open_seq(conn: Connection) -> int | None:
    """The first change-log entry of an import not done yet (None: no such import): the
    exchange sends only what was logged before it."""
    firsts = [b[2] for (text,) in conn.execute(select(ImportRun.batches))
              for b in json.loads(text) if b[3] >= b[2]]
    return min(firsts, default=None)


def open_runs(conn: Connection) -> list[str]:
    """The ids of the imports not done (running, or interrupted and not yet rolled back)."""
    return list(conn.execute(select(ImportRun.id)).scalars())


def _referenced() -> str:
    """SQL: the applicant (``applicant.id``) is referred to by some row (the desk's work).  The
    tables are the metadata's: ``models`` (which imports this module) has registered them."""
    checks = sorted(
        f"EXISTS (SELECT 1 FROM {t.name} WHERE {t.name}.{fk.parent.name} = applicant.id)"
        for t in Base.metadata.tables.values() for fk in t.foreign_keys
        if fk.column.table.name == "applicant")
    return " OR ".join(checks) or "0"


def roll_back(engine: Engine, run_id: str) -> int:
    """Undo the run, its last batch first, one transaction a batch (each as short as the batch
    that wrote it); the run's row goes with the last.  Returns the applicants deleted."""
    deleted = 0
    kept = _referenced()
    while True:
        with engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM import_run WHERE 0")  # the write lock, first
            text = conn.execute(select(ImportRun.batches).where(ImportRun.id == run_id)).scalar()
            if text is None:
                return deleted
            batches = json.loads(text)
            if not batches:
                conn.execute(delete(ImportRun).where(ImportRun.id == run_id))
                return deleted
            lo, hi, seq_lo, seq_hi = batches.pop()
            deleted += _undo_batch(conn, kept, lo, hi, seq_lo, seq_hi)
            conn.execute(update(ImportRun).where(ImportRun.id == run_id)
                         .values(batches=json.dumps(batches)))


def _undo_batch(conn: Connection, kept: str, lo: int, hi: int, seq_lo: int, seq_hi: int) -> int:
    """Delete a batch's applicants that nothing refers to, then the change-log rows of those
    gone (a kept applicant keeps its own)."""
    count = conn.exec_driver_sql(
        f"DELETE FROM applicant WHERE search_key BETWEEN ? AND ? AND NOT ({kept})", (lo, hi)
    ).rowcount
    if seq_hi >= seq_lo:
        gone = ("table_name = 'applicant' AND row_id NOT IN (SELECT lower(substr(id, 1, 8) || '-' "
                "|| substr(id, 9, 4) || '-' || substr(id, 13, 4) || '-' || substr(id, 17, 4) || '-' "
                "|| substr(id, 21)) FROM applicant WHERE search_key BETWEEN ? AND ?)")
        conn.exec_driver_sql(
            "DELETE FROM sync_row WHERE (table_name, row_id) IN (SELECT table_name, row_id"
            f" FROM sync_log WHERE seq BETWEEN ? AND ? AND {gone})", (seq_lo, seq_hi, lo, hi))
        conn.exec_driver_sql(
            f"DELETE FROM sync_log WHERE seq BETWEEN ? AND ? AND ({gone} OR table_name <> 'applicant')",
            (seq_lo, seq_hi, lo, hi))
    return count


def recover(engine: Engine, data_dir: Path) -> list[str]:
    """At opening (SQLite): roll back every import whose process is gone.  A failure is logged,
    never raised: the store opens, and the next opening tries again."""
    if engine.dialect.name != "sqlite":
        return []
    with engine.connect() as conn:
        runs = open_runs(conn) if _has_table(conn) else []
    undone = []
    for run_id in runs:
        if alive(data_dir, run_id):
            continue
        try:
            n = roll_back(engine, run_id)
        except Exception:  # noqa: BLE001 - logged; the store still opens
            log.exception("rolling back the interrupted import %s", run_id)
            continue
        log.warning("an interrupted import (%s) was rolled back: %d applicants", run_id, n)
        lock_path(data_dir, run_id).unlink(missing_ok=True)
        undone.append(run_id)
    return undone


def _has_table(conn: Connection) -> bool:
    return conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'import_run'").first() is not None
