"""At head office a desk's new rows go in the save's log statement, not by INSERTs of their own.

A desk's request, its first event, its declaration, the documents checked at its submission and
the event of each step were each inserted by the unit of work's own INSERT (a round trip to
PostgreSQL each, and the ORM's bookkeeping for objects nobody reads back in the transaction).
``add`` hands a new row's object here instead: the flush's log statement
(``change_log.write_log``) inserts its values by an INSERT inside its WITH, a table's rows one
JSON parameter read back as the table's row type (``json_populate_recordset``), beside the log's entries for them and the audit entries
(``audit_rows``).  The object is filled in (its id, timestamps, defaults) so the caller's view
reads it as the ORM would have left it; it is not in the session, and its values are read when
the statement is sent (a paper marked signed after it was handed over is written signed).

Where no log statement carries the save (SQLite on a laptop, a store that records nothing, a
bundle being applied) the object is added to the session as before.  A read in the
transaction writes the rows first (as autoflush did for the objects), and a
transaction whose rows came after its last flush writes them before it commits
(``audit_chain._write_heads``), so nothing reads or commits without them.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

from sqlalchemy import (
    JSON,
    String,
    Table,
    bindparam,
    cast,
    column,
    func,
    insert,
    literal_column,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Insert
from sqlalchemy.sql.schema import CallableColumnDefault, ScalarElementColumnDefault

PENDING = "new_rows_pending"  # session.info: {table name: (Table, [the new rows' objects])}


def add(session: Session, obj: Any) -> None:
    """A new row of a synchronised table: at head office into the log statement (the object
    filled in, not in the session); elsewhere ``session.add(obj)``."""
    table: Table = obj.__table__
    if not _carried(session):
        session.add(obj)
        return
    given = obj.__dict__
    for key, default in _defaults(table):
        if key not in given and default is not None:  # its default, as the INSERT would take it
            setattr(obj, key, default())  # the caller's view reads it, as after a flush
    session.info.setdefault(PENDING, {}).setdefault(table.name, (table, []))[1].append(obj)


def _carried(session: Session) -> bool:
    """Does a log statement carry this session's new rows (PostgreSQL, recording)?"""
    return (session.info.get("sync") is not None and not session.info.get("sync_applying")
            and session.get_bind().dialect.name == "postgresql")


def take(session: Session) -> dict[str, tuple[Table, list[dict[str, Any]]]]:
    """The rows held, by table, as their objects hold them now (a paper marked signed after it
    was handed here is written signed, as the ORM's flush would have written it)."""
    held = session.info.pop(PENDING, None) or {}
    return {name: (table, [{key: obj.__dict__.get(key) for key, _d in _defaults(table)}
                           for obj in objs]) for name, (table, objs) in held.items()}


@cache
def _defaults(table: Table) -> tuple[tuple[str, Any], ...]:
    """(column, a function giving its default, or None) for every column of ``table``.  A
    callable default is called without the row (ids and timestamps: the tables handed here have
    no default that reads the row's other values)."""
    out: list[tuple[str, Any]] = []
    for c in table.columns:
        d = c.default
        if isinstance(d, CallableColumnDefault):
            out.append((c.key, lambda fn=d.arg: fn(None)))
        elif isinstance(d, ScalarElementColumnDefault):
            out.append((c.key, lambda v=d.arg: v))
        else:
            out.append((c.key, None))
    return tuple(out)


def _text(value: Any) -> str | None:
    """A value as PostgreSQL reads it back from text by a cast to its column's type."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, bytes):
        return "\\x" + value.hex()
    return str(value)  # ids, dates, numbers, True and False: as PostgreSQL reads them


_ROWS_JSON = json.JSONEncoder(ensure_ascii=False).encode


def rows_param(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> str:
    """Rows as the one parameter ``insert_from_rows`` reads: a JSON array of objects, each
    value as text (PostgreSQL reads it back by its column's input function)."""
    return _ROWS_JSON([{k: _text(r[k]) for k in keys} for r in rows])


def arrays(name: str, table: Table, rows: list[dict[str, Any]]) -> dict[str, str]:
    """The statement's parameter for ``table``'s rows (``<table>__rows``)."""
    return {f"{name}__rows": rows_param(rows, _keys(table))}


@cache
def _keys(table: Table) -> tuple[str, ...]:
    return tuple(c.key for c in table.columns)


def insert_from_rows(table: Table, param: str) -> Insert:
    """``INSERT INTO <table> SELECT`` the rows of the JSON parameter ``param`` (``rows_param``):
    ``json_populate_recordset`` gives them the table's own row type, each text read back by
    its column's input function.  One parameter per table, whatever its columns: the log
    statement had one array per column (over fifty parameters for a new request, which the
    driver then converted again at every call instead of from its cache)."""
    keys = list(_keys(table))
    rows = func.json_populate_recordset(literal_column(f"NULL::{table.name}"),
                                        cast(bindparam(param, type_=String), JSON))
    tv = rows.table_valued(*[column(k) for k in keys]).alias(f"{table.name}_rows")
    return insert(table).from_select(keys, select(*[tv.c[k] for k in keys]))


@cache
def insert_from_arrays(name: str, table: Table) -> Insert:
    """A new row's INSERT, a CTE of ``change_log``'s log statement (``insert_from_rows``)."""
    return insert_from_rows(table, f"{name}__rows")


def write(session: Session, rows: dict[str, tuple[Table, list[dict[str, Any]]]]) -> None:
    """The rows by INSERTs of their own (where the log statement does not carry them)."""
    conn = session.connection()
    for table, values in rows.values():
        conn.execute(insert(table), values, execution_options={"sync_recorded": True})
