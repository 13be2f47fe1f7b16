"""Many complete rows into one table, fast: SQLite's ``executemany`` on positional tuples.

``conn.execute(table.insert(), rows)`` spends most of a bulk insert in SQLAlchemy's per-row
bookkeeping (each row's parameters built and converted one bind at a time), more than SQLite
takes to store the rows.  Here the statement is compiled once per table and column set, each
value goes through the very converter SQLAlchemy would use (the column type's bind processor
for the dialect), a value repeated down a column (the same timestamp, birth date or amount) is
converted once, and the driver gets plain tuples.  The statement still goes through the
connection (``exec_driver_sql``), so its transaction and its events are the usual ones.

Used only where it pays and is exact: SQLite, every row giving the same columns, and a
statement that needs nothing filled in by SQLAlchemy (no Python-side column default left for it
to compute).  Anything else, and other databases (PostgreSQL batches an executemany itself),
take ``conn.execute(table.insert(), rows)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, Connection, Dialect, LargeBinary, Table, Uuid

Plan = tuple[str, tuple[tuple[str, Callable[[Any], Any] | None, bool], ...]]
_NO_REUSE = (Uuid, LargeBinary, JSON)  # values that seldom repeat, or cannot be dict keys


def insert_many(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """``conn.execute(table.insert(), rows)``, the same rows stored the same way, faster."""
    if not rows:
        return
    keys = tuple(rows[0])
    plan = _plan(conn.dialect, table, keys) if conn.dialect.name == "sqlite" else None
    if plan is None or any(len(r) != len(keys) or r.keys() != rows[0].keys() for r in rows):
        conn.execute(table.insert(), list(rows))
        return
    sql, columns = plan
    values: list[list[Any]] = []
    for key, process, reuse in columns:
        column = [r[key] for r in rows]
        if process is not None:
            if reuse:
                done: dict[Any, Any] = {}
                column = [done[v] if v in done else done.setdefault(v, process(v)) for v in column]
            else:
                column = [process(v) for v in column]
        values.append(column)
    conn.exec_driver_sql(sql, list(zip(*values, strict=True)))


@lru_cache(maxsize=64)
def _plan(dialect: Dialect, table: Table, keys: tuple[str, ...]) -> Plan | None:
    """The statement and, in its parameter order, each column's converter (None: stored as it
    is) and whether equal values may share one conversion; None when the fast path would not
    store exactly what SQLAlchemy stores."""
    compiled = table.insert().compile(dialect=dialect, column_keys=list(keys))
    order = compiled.positiontup
    if not compiled.positional or order is None or sorted(order) != sorted(keys):
        return None  # a default SQLAlchemy would compute, or a bind named unlike its column
    columns = []
    for key in order:
        kind = table.c[key].type
        process = kind.dialect_impl(dialect).bind_processor(dialect)
        columns.append((key, process, not isinstance(kind, _NO_REUSE)))
    return str(compiled), tuple(columns)


__all__ = ["insert_many"]
