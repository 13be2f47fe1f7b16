"""Many rows written by one statement run for each, as the exchange and the importers write them.

On SQLite the statement is written once as SQL and each row goes to the driver's
``executemany`` as a tuple, its values bound by the same type processors SQLAlchemy uses:
SQLAlchemy's own ``execute(stmt, rows)`` builds and processes a parameter dictionary per row,
which costs more than SQLite's insert of the row itself (a bundle of 10,000 files into a store
of a million: about a third of the import).  Elsewhere (PostgreSQL at head office, where
SQLAlchemy batches the rows into multi-row statements) the rows go through SQLAlchemy.  Both
ways write the same rows: a column left out takes its scalar default (or the database's), and a
table with a column whose default is computed in Python goes through SQLAlchemy when that column
is left out."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from itertools import chain, repeat
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    ColumnElement,
    Connection,
    LargeBinary,
    Table,
    Uuid,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.types import TypeEngine

RECORDED = {"sync_recorded": True}  # as change_log.RECORDED: the caller logs what it writes

Binder = Callable[[Any], Any] | None
_NO_REUSE = (Uuid, LargeBinary, JSON)  # values that seldom repeat, or cannot be dict keys


def _direct(conn: Connection) -> bool:
    """Does this connection take the SQL written here (SQLite's question-mark parameters)?"""
    return conn.dialect.name == "sqlite" and conn.dialect.paramstyle == "qmark"


def _binder(kind: TypeEngine[Any], dialect: Dialect) -> Binder:
    return kind.dialect_impl(dialect).bind_processor(dialect)


def _tuples(rows: Sequence[Mapping[str, Any]], keys: Sequence[str], binders: Sequence[Binder],
            fill: Sequence[Any] = (), reuse: Sequence[bool] = ()) -> list[tuple[Any, ...]]:
    """Each row's values in ``keys`` order, bound, followed by ``fill``.  Column by column; where
    ``reuse`` says so, a value repeated down a column (one timestamp, birth date or amount for
    many rows) is bound once."""
    if all(b is None for b in binders) and not fill:  # nothing to convert: one pass in C per row
        return [tuple(map(r.__getitem__, keys)) for r in rows]
    cols: list[Any] = []
    for i, (key, bind) in enumerate(zip(keys, binders, strict=True)):
        col = [r[key] for r in rows]
        if bind is not None:
            if i < len(reuse) and reuse[i]:
                done: dict[Any, Any] = {}
                col = [done[v] if v in done else done.setdefault(v, bind(v)) for v in col]
            else:
                col = [bind(v) for v in col]
        cols.append(col)
    cols.extend(repeat(v) for v in fill)
    return list(zip(*cols))  # noqa: B905 - the fill repeats; the columns have a row each


def among(conn: Connection, column: ColumnElement[Any] | QueryableAttribute[Any],
          values: Sequence[Any]) -> ColumnElement[bool]:
    """``column IN values`` for many values.  On SQLite the values travel as one JSON array
    (``json_each``; the column's index is still searched value by value), so the statement is the
    same whatever their number and SQLAlchemy neither writes nor processes a parameter per value
    (which costs more than the search).  Elsewhere, ``column.in_(values)``."""
    if not _direct(conn):
        return column.in_(values)
    expr = column.expression if isinstance(column, QueryableAttribute) else column
    bind = _binder(expr.type, conn.dialect)
    listed = json.dumps([v if bind is None or v is None else bind(v) for v in values])
    return column.in_(select(literal_column("value")).select_from(
        func.json_each(bindparam("among_values", listed, unique=True))))


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def direct(conn: Connection) -> bool:
    """Are rows written here by the driver (so they may come bound: ``synced.stored_rows``)?"""
    return _direct(conn)


_GROUP_VALUES = 30_000  # bound values in one multi-row INSERT (SQLite takes 32,766)


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]],
                bound: bool = False, grouped: bool = False) -> None:
    """``INSERT`` of ``rows`` (dictionaries with the same keys) into ``table``.  ``bound``: the
    values are already as the driver takes them (only where ``direct``).  ``grouped``: on
    SQLite, as multi-row ``INSERT … VALUES (…), (…)`` statements of up to ``_GROUP_VALUES``
    values, not one statement run per row: the driver lets go of the interpreter once per
    statement instead of once per row, so a thread writing beside a busy one (the import's
    writer) does not wait for the interpreter after every row."""
    if not rows:
        return
    keys = list(rows[0])
    first = rows[0].keys()
    fill, computed = _filled(table, keys)
    if not _direct(conn) or computed or any(r.keys() != first for r in rows):  # SQLAlchemy's way
        if bound:
            raise ValueError("bound rows are written by the driver only (many_rows.direct)")
        conn.execute(table.insert(), list(rows), execution_options=RECORDED)
        return
    cols = [table.c[k] for k in keys]
    binders = [None if bound else _binder(c.type, conn.dialect) for c in cols]
    reuse = [not isinstance(c.type, _NO_REUSE) for c in cols]
    fixed = [v if (b := _binder(c.type, conn.dialect)) is None else b(v) for c, v in fill]
    _insert_tuples(conn, table, cols + [c for c, _v in fill],
                   _tuples(rows, keys, binders, fixed, reuse), grouped)


def insert_values(conn: Connection, table: Table, keys: Sequence[str],
                  rows: Sequence[Sequence[Any]], grouped: bool = False) -> None:
    """``insert_rows`` of rows given as tuples, the values of ``keys`` in that order, each a value
    its column's type leaves as it is on SQLite (text, numbers, None: no conversion is made there,
    which is checked); elsewhere through SQLAlchemy as dictionaries.  A log's rows, built as
    tuples, go to the driver without a dictionary each."""
    if not rows:
        return
    fill, computed = _filled(table, keys)
    cols = [table.c[k] for k in keys]
    if _direct(conn) and any(_binder(c.type, conn.dialect) is not None for c in cols):
        raise ValueError(f"{table.name}: insert_values takes columns stored as they are")
    if not _direct(conn) or computed:
        insert_rows(conn, table, [dict(zip(keys, r, strict=True)) for r in rows], grouped=grouped)
        return
    fixed = tuple(v if (b := _binder(c.type, conn.dialect)) is None else b(v) for c, v in fill)
    _insert_tuples(conn, table, cols + [c for c, _v in fill],
                   [tuple(r) + fixed for r in rows] if fixed else rows, grouped)


def _filled(table: Table, keys: Sequence[str]) -> tuple[list[tuple[Column[Any], Any]], bool]:
    """The columns left out of ``keys`` that take a scalar default, with it; and whether one
    left out takes a default computed in Python (SQLAlchemy then computes it)."""
    fill: list[tuple[Column[Any], Any]] = []
    computed = False
    for col in table.columns:
        if col.key in keys or col.default is None:
            continue  # given, or NULL / the database's default
        if col.default.is_scalar:
            fill.append((col, getattr(col.default, "arg", None)))
        else:
            computed = True
    return fill, computed


def _insert_tuples(conn: Connection, table: Table, cols: Sequence[Column[Any]],
                   tuples: Sequence[Sequence[Any]], grouped: bool) -> None:
    """The driver's INSERT of ``tuples`` (the values of ``cols``, bound) into ``table``."""
    names = ", ".join(_quote(conn, c.name) for c in cols)
    marks = ", ".join("?" * len(cols))
    head = f"INSERT INTO {_quote(conn, table.name)} ({names}) VALUES "
    per = max(1, _GROUP_VALUES // len(cols))
    if not grouped or len(tuples) < 2:
        conn.exec_driver_sql(head + f"({marks})", list(tuples))
        return
    for start in range(0, len(tuples), per):
        group = tuples[start:start + per]
        conn.exec_driver_sql(head + ", ".join([f"({marks})"] * len(group)),
                             tuple(chain.from_iterable(group)))


def update_rows(conn: Connection, table: Table, sets: Sequence[str], where: Sequence[str],
                rows: Sequence[Sequence[Any]], bump: str | None = None) -> None:
    """``UPDATE table SET <sets> WHERE <where>`` once for each of ``rows``: the values of the
    columns in ``sets``, then those of the columns in ``where``.  ``bump``: an integer column each
    update raises by one as well (a row's version, so a form opened before sees it changed)."""
    if not rows:
        return
    if not _direct(conn):
        stmt = table.update()
        for i, k in enumerate(where):
            stmt = stmt.where(table.c[k] == bindparam(f"w{i}"))
        values: dict[str, Any] = {k: bindparam(f"s{i}") for i, k in enumerate(sets)}
        if bump:
            values[bump] = table.c[bump] + 1
        names = [f"s{i}" for i in range(len(sets))] + [f"w{i}" for i in range(len(where))]
        conn.execute(stmt.values(values), [dict(zip(names, r, strict=True)) for r in rows],
                     execution_options=RECORDED)
        return
    assign = [f"{_quote(conn, table.c[k].name)} = ?" for k in sets]
    if bump:
        name = _quote(conn, table.c[bump].name)
        assign.append(f"{name} = {name} + 1")
    test = " AND ".join(f"{_quote(conn, table.c[k].name)} = ?" for k in where)
    binders = [_binder(table.c[k].type, conn.dialect) for k in (*sets, *where)]
    if any(b is not None for b in binders):
        pairs = list(enumerate(binders))
        rows = [tuple([r[i] if b is None else b(r[i]) for i, b in pairs]) for r in rows]
    conn.exec_driver_sql(f"UPDATE {_quote(conn, table.name)} SET {', '.join(assign)} WHERE {test}",
                         list(rows))
