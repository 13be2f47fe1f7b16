"""At head office an audit entry is written by the save's log statement, not as an ORM object.

Each audited call of a desk wrote its ``audit_log`` row by a statement of its own (the unit of
work's INSERT, one round trip) and paid the ORM's bookkeeping for an object nobody reads back in
the transaction.  On PostgreSQL ``services.users.audit_chain.append`` now hands the entry's
values here (``add``); the flush's log statement (``change_log.write_log``) inserts them in an
INSERT inside its WITH, beside the log's entries for them.  Where that statement is not sent (a
store without a node, more rows than it takes) they go by an INSERT of their own (``write``),
and a transaction whose last entry came after its last flush writes them before it commits
(``audit_chain._write_heads``).  A read of the audit log inside the transaction writes them first
(the ORM's autoflush did that for the objects).  SQLite (a branch laptop, one desk) keeps the
ORM object.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, event, insert
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import Insert

from . import new_rows
from .models import AuditEntry
from .synced import encode_row

PENDING = "audit_rows_pending"  # session.info: the entries (column -> value) not yet written
TABLE = "audit_log"
COLUMNS = tuple(c.key for c in AuditEntry.__table__.columns)


def add(session: Session, row: dict[str, Any]) -> None:
    session.info.setdefault(PENDING, []).append(row)


def take(session: Session) -> list[dict[str, Any]]:
    return session.info.pop(PENDING, None) or []


def arrays(rows: list[dict[str, Any]]) -> dict[str, str]:
    """The statement's parameter (``a__rows``): the entries as the log codes them, one JSON
    array (``new_rows.rows_param``)."""
    coded = [encode_row(TABLE, r) for r in rows]
    return {"a__rows": new_rows.rows_param(coded, COLUMNS)}


def _table() -> Table:
    return AuditEntry.__table__  # type: ignore[return-value]  # a declarative model's Table


@cache
def insert_from_arrays() -> Insert:
    """``INSERT INTO audit_log SELECT`` the rows of ``a__rows``, a CTE of ``change_log``'s log
    statement (``new_rows.insert_from_rows``)."""
    return new_rows.insert_from_rows(_table(), "a__rows")


def write(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """The entries by an INSERT of their own (where no log statement carries them)."""
    if rows:
        conn.execute(insert(_table()), rows)


def write_pending(session: Session) -> None:
    """The audit entries and new rows held for this transaction (``new_rows``), written (and
    logged when the store records changes) now: before a read of them, or the commit."""
    if PENDING not in session.info and new_rows.PENDING not in session.info:
        return
    rec = session.info.get("sync")
    if rec is None or session.info.get("sync_applying"):
        new_rows.write(session, new_rows.take(session))
        write(session.connection(), take(session))
    else:
        assert _log is not None, "db.change_log registers the log's writer"
        _log(session, rec)


_log: Callable[[Session, Any], None] | None = None  # change_log's writer (it imports this module)


def log_with(writer: Callable[[Session, Any], None]) -> None:
    global _log
    _log = writer


@event.listens_for(Session, "do_orm_execute")
def _before_a_read(state: ORMExecuteState) -> None:
    """A read of the audit log in the transaction sees its entries (as autoflush gave it), and
    any read sees the new rows held (``new_rows``), as autoflush wrote their objects before
    every query (a join reaches tables its statement does not name at the top)."""
    session = state.session
    info = session.info
    if not state.is_select:
        return
    if (new_rows.PENDING in info and session.autoflush) or (PENDING in info and any(
            m.class_ is AuditEntry for m in state.all_mappers)):
        write_pending(session)
