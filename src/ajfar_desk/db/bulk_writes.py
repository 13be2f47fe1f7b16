"""Bulk writes on synchronised tables, recorded in ``sync_log`` as the flush records ORM writes
(``change_log``): many rows inserted whole (``bulk_insert``, ``log_inserts``), or one update
over many rows (``record_update``, ``bulk_update``), each statement carrying ``RECORDED`` so the
guard on bulk statements lets it through."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import cache
from itertools import repeat
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import InstrumentedAttribute, Session, class_mapper
from sqlalchemy.sql.schema import CallableColumnDefault, ScalarElementColumnDefault

from .base import SyncedRow, utcnow
from .change_log import RECORDED, Entry, Recorder, field_stamps, write_log
from .log_statement import LOG_COLUMNS, ROW_COLUMNS
from .many_rows import direct, insert_rows, insert_values
from .sync_tables import SyncLog, SyncRow
from .synced import columns, encode, encode_json_rows, table_of


class _RowParameters:
    """What a context-sensitive column default reads (``get_current_parameters``), for a row
    filled in before its insert."""

    def __init__(self, row: dict[str, Any]):
        self._row = row

    def get_current_parameters(self, isolate_multiinsert_groups: bool = True) -> dict[str, Any]:
        return self._row


@cache
def _defaults(t: Table) -> tuple[tuple[tuple[str, Any], ...], tuple[tuple[str, Callable[[Any], Any]], ...]]:
    """The table's column defaults: (column, value) and (column, function of the row)."""
    scalars = tuple((c.key, c.default.arg) for c in t.columns if isinstance(c.default, ScalarElementColumnDefault))
    calls = tuple((c.key, c.default.arg) for c in t.columns if isinstance(c.default, CallableColumnDefault))
    return scalars, calls


def bulk_insert(session: Session, model: type[SyncedRow], rows: list[dict[str, Any]],
                grouped: bool = False) -> None:
    """``insert(model)`` of many rows, recorded: ids, timestamps and column defaults filled in
    first, so the log holds each row whole.  ``grouped``: see ``many_rows.insert_rows``."""
    insert_prepared(session, model, prepare_insert(session, model, rows), grouped)


def prepare_insert(session: Session, model: type[SyncedRow],
                   rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str] | None]:
    """What ``bulk_insert`` works out before it writes: the rows complete (ids, timestamps,
    column defaults) and, when the session records, their JSON for the log.  Made before the
    transaction takes the write lock (``services.transfer.import_batches``: half the time of a
    batch, during which the window's saves get in); a column the log does not carry (the name
    index key) may still be set in the rows afterwards."""
    from .base import new_ids

    now = utcnow()
    t = table_of(model)
    scalars, calls = _defaults(t)
    # what a row brings overrides the defaults, its own id too (one dictionary made per row)
    start = {**dict(scalars), "created_at": now, "updated_at": now}
    later = [(key, make) for key, make in calls if key not in ("id", "created_at", "updated_at")]
    full = []
    for r, new in zip(rows, new_ids(len(rows)), strict=True):
        row = {**start, "id": new, **r}
        for key, make in later:
            if key not in row:  # e.g. applicant.name_key: the default reads the row as an insert's parameters
                row[key] = make(cast(Any, _RowParameters(row)))
        full.append(row)
    logged = session.info.get("sync") is not None
    return full, encode_json_rows(str(t.name), full) if logged else None


def insert_prepared(session: Session, model: type[SyncedRow],
                    prepared: tuple[list[dict[str, Any]], list[str] | None],
                    grouped: bool = False) -> None:
    """The writes of ``bulk_insert`` for rows ``prepare_insert`` completed: their log, then them."""
    full, data = prepared
    t = table_of(model)
    table = str(t.name)  # a plain str: SQLite's driver asks a str subclass (quoted_name) to adapt itself
    rec = session.info.get("sync")
    if rec is not None:
        log_inserts(session, rec, table, [str(r["id"]) for r in full],
                    encode_json_rows(table, full) if data is None else data, grouped)
    # the rows are complete: neither the ORM's bookkeeping nor Core's per-row work adds anything
    insert_rows(session.connection(), t, full, grouped=grouped)


def log_inserts(session: Session, rec: Recorder, table: str, row_ids: list[str], data: list[str],
                grouped: bool = False) -> None:
    """``write_log`` of rows inserted here (their ids, their JSON): the same log rows and creation
    stamps.  On SQLite made as tuples, their stamps in one go (``Clock.stamps``: as many
    ``now()``), without the dictionaries ``write_log`` makes for any kind of change."""
    conn = session.connection()
    if not direct(conn):
        write_log(session, rec, [(table, i, "insert", d, {}) for i, d in zip(row_ids, data, strict=True)],
                  grouped)
        return
    stamps = rec.clock.stamps(len(row_ids))
    node = rec.node
    insert_values(conn, table_of(SyncLog), LOG_COLUMNS,
                  [(stamp, node, table, i, "insert", d, "{}")
                   for stamp, i, d in zip(stamps, row_ids, data, strict=True)], grouped)
    insert_values(conn, table_of(SyncRow), ROW_COLUMNS,
                  list(zip(repeat(table), row_ids, stamps)), grouped)


def record_update(
    session: Session, model: type[SyncedRow], where: ColumnElement[bool], values: dict[str, Any]
) -> list[uuid.UUID]:
    """Log a bulk ``update(model).where(where).values(values)`` before it runs (the ids it will
    touch are read first); returns those ids.  ``updated_at`` is set and logged too."""
    rec = session.info.get("sync")
    ids = list(session.scalars(select(model.id).where(where)))
    if rec is None or not ids:
        return ids
    table = table_of(model).name
    types = columns(table)
    if "updated_at" in types:
        values.setdefault("updated_at", utcnow())
    data = {k: encode(types[k], v) for k, v in values.items() if k in types}
    stamps = field_stamps(session, table, [str(i) for i in ids])
    entries: list[Entry] = []
    for row_id in (str(i) for i in ids):
        own = stamps.get(row_id, {})
        entries.append((table, row_id, "update", data, {f: own.get(f, own.get("", "")) for f in data}))
    write_log(session, rec, entries)
    return ids


def bulk_update(
    session: Session, model: type[SyncedRow], where: ColumnElement[bool], values: dict[str, Any]
) -> int:
    """``update(model).where(where).values(values)``, recorded for the exchange; rows changed."""
    ids = record_update(session, model, where, values)
    if not ids:
        return 0
    from sqlalchemy import update

    if "version" in table_of(model).c:  # a form opened before this write sees it changed
        version = cast(InstrumentedAttribute[int], class_mapper(model).all_orm_descriptors["version"])
        values = {**values, "version": version + 1}
    result = session.execute(
        update(model).where(model.id.in_(ids)).values(**values),
        execution_options=RECORDED,
    )
    return cast(CursorResult[Any], result).rowcount  # an UPDATE's result is a CursorResult
