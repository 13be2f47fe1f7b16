"""Every change to a synchronised row is written to ``sync_log`` in the same transaction, with a
hybrid-logical-clock stamp: rows added, fields changed (with the stamp each replaced), rows
deleted.  ORM writes are caught at flush; a bulk statement on a synchronised table must say
what it changed and carry ``RECORDED`` (``bulk_writes``: ``bulk_insert``, ``bulk_update``), or
it is refused, so no write can slip past the exchange between nodes.  What is exchanged, and how a value is
written in the log, is ``synced``'s; anonymising a person reaches the log through ``log_scrub``.

A session records only when the store has a node (``session.info["sync"]``); the import of a
bundle applies received changes itself and turns recording off while it does."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    String,
    bindparam,
    event,
    insert,
    inspect,
    literal,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import (
    InstanceState,
    ORMExecuteState,
    Session,
    UOWTransaction,
)
from sqlalchemy.sql import Delete, Insert, Update

from ..domain.hlc import Clock
from . import audit_rows, log_statement, new_rows, row_stamps
from .base import SyncedRow, utcnow
from .log_statement import FIELD_COLUMNS, LOG_COLUMNS, ROW_COLUMNS
from .many_rows import among, insert_rows
from .sync_tables import SyncField, SyncLog, SyncRow
from .synced import (
    APPEND_ONLY,
    columns,
    encode,
    encode_json_rows,
    row_values,
    synced_tables,
    table_of,
)
from .text_arrays import TextArray

RECORDED = {"sync_recorded": True}  # execution option of a bulk statement already recorded
_MANY = 5000  # row ids read by one statement (``among``; PostgreSQL takes 65,535 parameters)


@dataclass
class Recorder:
    clock: Clock
    node: str


# (table, row id, op, data, prev): a change made here, as ``write_log`` logs it; an insert's
# data may come as its JSON already (``synced.encode_json_rows``)
Entry = tuple[str, str, str, dict[str, Any] | str, dict[str, str]]


# one row's stamps (a desk's save of one request or paper), built once: building the UNION of
# two selects cost more than running it
_ONE_ROWS_STAMPS = union_all(
    select(SyncRow.row_id, literal("", String).label("field"), SyncRow.stamp).where(
        SyncRow.table_name == bindparam("stamps_table"), SyncRow.row_id == bindparam("stamps_row")),
    select(SyncField.row_id, SyncField.field, SyncField.stamp).where(
        SyncField.table_name == bindparam("stamps_table"), SyncField.row_id == bindparam("stamps_row")),
)


def field_stamps(session: Session, table: str, row_ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """row id -> {"": creation stamp, field: stamp of its current value once changed}."""
    ids = list(row_ids)
    held = row_stamps.take(session, table, ids)  # read with the rows (head office)
    if held is not None:
        return held
    out: dict[str, dict[str, str]] = {i: {} for i in ids}
    conn = session.connection()
    if len(ids) == 1:
        for row_id, name, stamp in conn.execute(
                _ONE_ROWS_STAMPS, {"stamps_table": table, "stamps_row": ids[0]}).all():
            out[row_id][name] = stamp
        return out
    for start in range(0, len(ids), _MANY):
        chunk = ids[start:start + _MANY]
        # the creation stamps (field "") and the fields' in one round trip
        for row_id, name, stamp in conn.execute(union_all(
            select(SyncRow.row_id, literal("", String).label("field"), SyncRow.stamp).where(
                SyncRow.table_name == table, among(conn, SyncRow.row_id, chunk)),
            select(SyncField.row_id, SyncField.field, SyncField.stamp).where(
                SyncField.table_name == table, among(conn, SyncField.row_id, chunk)),
        )).all():
            out[row_id][name] = stamp
    return out


# json.dumps as the log always wrote it, each encoder made once (json.dumps with options makes
# one per call, which costs more than encoding a row)
_DATA_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_PREV_JSON = json.JSONEncoder(sort_keys=True).encode
_ONE_STATEMENT = 50  # rows in one multi-row statement; a bulk write goes by executemany


# session.info: the (chain, seq, hash) an audited write moved its chain's head to and that is not
# written yet (``services.users.audit_chain`` sets it at head office), then the one written here
HEAD_PENDING, HEAD_WRITTEN = "audit_head_pending", "audit_head_written"


def write_log(session: Session, rec: Recorder, entries: list[Entry], grouped: bool = False) -> None:
    """Log (table, row id, op, data, prev) entries made here, and move the clocks they set.
    ``grouped``: see ``many_rows.insert_rows``."""
    row_stamps.forget(session, [(e[0], e[1]) for e in entries])  # their stamps move here
    audits = audit_rows.take(session)
    new = new_rows.take(session)
    if not entries and not audits and not new:
        return
    conn = session.connection()
    if new:  # at head office: new rows whose INSERT is this statement's (``new_rows``), first
        entries = [*((name, str(r["id"]), "insert", d, {}) for name, (_t, rows) in new.items()
                     for r, d in zip(rows, encode_json_rows(name, rows), strict=True)), *entries]
    if audits:  # at head office: the audit entries' rows, logged as the ORM's inserts are
        coded = encode_json_rows(audit_rows.TABLE, audits)
        entries = [*entries, *((audit_rows.TABLE, str(r["id"]), "insert", d, {})
                               for r, d in zip(audits, coded, strict=True))]
    logs: list[dict[str, Any]] = []
    created: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for table, row_id, op, data, prev in entries:
        # a change orders after the values it replaced, even one a fast clock stamped ahead of
        # ours (``Clock.after``): every node then keeps the same one (``sync_merge``)
        stamp = rec.clock.after(max(prev.values())) if prev else rec.clock.now()
        logs.append({"stamp": stamp, "node": rec.node, "table_name": table, "row_id": row_id,
                     "op": op, "data": data if isinstance(data, str) else _DATA_JSON(data),
                     "prev": _PREV_JSON(prev) if prev else "{}"})
        if op == "insert":
            created.append({"table_name": table, "row_id": row_id, "stamp": stamp, "deleted": None})
        elif op == "update":
            changed.extend({"table_name": table, "row_id": row_id, "field": f, "stamp": stamp}
                           for f in data)
        elif op == "delete":
            set_deleted(session, table, row_id, stamp)
    if created and conn.dialect.name == "postgresql" and len(logs) + len(created) <= _ONE_STATEMENT:
        # a desk's save at head office: the log, the new rows' stamps (and the audit entries, the
        # chain's head) in one statement (one round trip; PostgreSQL runs an INSERT inside WITH)
        params: dict[str, Any] = {f"l_{c}": TextArray([r[c] for r in logs]) for c in LOG_COLUMNS}
        params.update({f"r_{c}": TextArray([r[c] for r in created]) for c in ROW_COLUMNS})
        head = session.info.pop(HEAD_PENDING, None)
        if head is not None:
            params.update(h_chain=head[0], h_seq=head[1], h_hash=head[2])
        if audits:
            params.update(audit_rows.arrays(audits))
        for name, (new_table, rows) in new.items():
            params.update(new_rows.arrays(name, new_table, rows))
        latest = _latest(changed)
        if latest:
            for i, c in enumerate(FIELD_COLUMNS):
                params[f"f_{c}"] = TextArray([key[i] if i < 3 else stamp
                                              for key, stamp in latest.items()])
        conn.execute(log_statement.statement(head is not None, bool(audits), bool(latest), tuple(new)),
                     params)
        if head is not None:
            session.info[HEAD_WRITTEN] = head
        changed = []  # their stamps written by the statement
    else:
        new_rows.write(session, new)
        audit_rows.write(conn, audits)
        insert_rows(conn, table_of(SyncLog), logs, grouped=grouped)
        if created:
            insert_rows(conn, table_of(SyncRow), created, grouped=grouped)
    if changed:
        set_field_stamps(session, changed)


audit_rows.log_with(lambda session, rec: write_log(session, rec, []))


def set_field_stamps(session: Session, rows: list[dict[str, Any]]) -> None:
    """Each (table, row, field) takes the stamp of its latest change: one statement that adds
    the new ones and moves the held ones (INSERT ... ON CONFLICT DO UPDATE), nothing read first
    (a transaction's round trips count at head office, where many desks write at once)."""
    latest = _latest(rows)
    conn = session.connection()
    conn.execute(_upsert_field_stamp(conn.dialect.name),
                 [{"table_name": t, "row_id": r, "field": f, "stamp": stamp}
                  for (t, r, f), stamp in latest.items()])


def _latest(rows: list[dict[str, Any]]) -> dict[tuple[str, str, str], str]:
    """(table, row, field) -> the stamp of its last change (in order: one changed twice keeps
    its last; an upsert may not touch a row twice)."""
    return {(r["table_name"], r["row_id"], r["field"]): r["stamp"] for r in rows}


@cache
def _upsert_field_stamp(dialect: str) -> Insert:
    stmt = (pg_insert if dialect == "postgresql" else sqlite_insert)(SyncField)
    return stmt.on_conflict_do_update(index_elements=["table_name", "row_id", "field"],
                                      set_={"stamp": stmt.excluded.stamp})


def set_deleted(session: Session, table: str, row_id: str, stamp: str) -> None:
    conn = session.connection()
    t = table_of(SyncRow)
    done = conn.execute(t.update().where(t.c.table_name == table, t.c.row_id == row_id)
                        .values(deleted=stamp)).rowcount
    if not done:
        conn.execute(insert(SyncRow).values(table_name=table, row_id=row_id, stamp=stamp, deleted=stamp))


def _changes(session: Session) -> list[Entry]:
    tables = synced_tables()
    entries: list[Entry] = []
    dirty: list[tuple[str, str, dict[str, Any]]] = []
    for obj in session.new:
        table = getattr(obj, "__tablename__", None)
        if table in tables:
            entries.append((table, str(obj.id), "insert", row_values(table, obj), {}))
    for obj in session.dirty:
        table = getattr(obj, "__tablename__", None)
        if table not in tables or table in APPEND_ONLY:
            continue
        state = inspect(obj)
        types = columns(table)
        data = {}
        for name in _touched(state, types):  # only those set since the row was read
            history = state.attrs[name].history
            if history.added or history.deleted:
                data[name] = encode(types[name], getattr(obj, name))
        if data:
            dirty.append((table, str(obj.id), data))
    for obj in session.deleted:
        table = getattr(obj, "__tablename__", None)
        if table in tables:
            entries.append((table, str(obj.id), "delete", {}, {}))
    by_table: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for table, row_id, data in dirty:
        by_table.setdefault(table, []).append((row_id, data))
    for table, items in by_table.items():
        stamps = field_stamps(session, table, [r for r, _d in items])
        for row_id, data in items:
            own = stamps.get(row_id, {})
            prev = {f: own.get(f, own.get("", "")) for f in data}
            entries.append((table, row_id, "update", data, prev))
    return entries


def _touched(state: InstanceState[Any], names: dict[str, Any]) -> list[str]:
    """The exchanged columns of a loaded row set since it was read (``committed_state`` keeps
    each attribute's value as read once it is set), in ``names``' order: only these can have
    changed, so the history of the others (every column of a request or a paper, at each save
    of one field) is not asked for."""
    touched = state.committed_state
    return [name for name in names if name in touched]


@event.listens_for(Session, "before_flush")
def _stamp_updates(session: Session, _context: UOWTransaction, _instances: object) -> None:
    """A changed row carries the moment of its change (set here, so it is exchanged too)."""
    if session.info.get("sync") is None:
        return
    tables = synced_tables()
    for obj in session.dirty:
        table = getattr(obj, "__tablename__", None)
        if table not in tables or not isinstance(obj, SyncedRow):
            continue
        state = inspect(obj)
        if any(state.attrs[name].history.has_changes()
               for name in _touched(state, columns(table)) if name != "updated_at"):
            obj.updated_at = utcnow()


@event.listens_for(Session, "after_flush")
def _log_flush(session: Session, _context: UOWTransaction) -> None:
    rec = session.info.get("sync")
    if rec is None or session.info.get("sync_applying"):
        audit_rows.write_pending(session)  # the audit entries held, written unlogged
        return
    write_log(session, rec, _changes(session))


@event.listens_for(Session, "do_orm_execute")
def _guard_bulk(state: ORMExecuteState) -> None:
    """A bulk insert, update or delete on a synchronised table must be recorded by its caller."""
    stmt = state.statement
    if not isinstance(stmt, Insert | Update | Delete) or state.session.info.get("sync") is None:
        return
    table = getattr(stmt, "table", None)
    name = getattr(table, "name", None)
    if name in synced_tables() and not state.execution_options.get("sync_recorded") \
            and not state.session.info.get("sync_applying"):
        raise RuntimeError(f"bulk write to the synchronised table {name} was not recorded")
