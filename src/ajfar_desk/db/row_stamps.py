"""At head office a row a save is about to change is read with its sync stamps, in one statement.

A save's log entry names, for each changed field, the stamp of the value it replaces
(``change_log._changes``): that was a read of ``sync_row`` and ``sync_field`` of its own at the
flush (a round trip to PostgreSQL at every submission).  ``select_with`` adds the row's stamps
to the statement that loads it: one more column, the stamps as one JSON object (field -> stamp,
"" for the row's creation stamp) from a correlated subquery, and ``load`` hands them to the
session (``hold``); the flush's ``field_stamps`` takes them instead of reading them again.

Only for a row whose UPDATE checks its version (``version_id_col``: a request, an applicant, a
paper since 0031), which every save bumps, a merge's included: a change another desk committed
after the read then fails the save (``StaleDataError``) as before, so stamps read with the row
are the ones its UPDATE replaces.  A row without a version reads them at the flush, after its
UPDATE holds the row.  What is held lasts until the log write of that row (``change_log.write_log``
drops it: a second flush of the row reads what the first wrote) or the transaction's end.
SQLite (one desk) reads them at the flush as before.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Select, String, cast, event, func, literal, select, union_all
from sqlalchemy.orm import Session

from .sync_tables import SyncField, SyncRow

HELD = "row_stamps_held"  # session.info: {(table, row id): {"": creation stamp, field: stamp}}


def carried(session: Session) -> bool:
    """Are stamps read with the row here (PostgreSQL, a session that records its changes)?"""
    return (session.info.get("sync") is not None and not session.info.get("sync_applying")
            and session.get_bind().dialect.name == "postgresql")


@cache
def _stamps_column(model: type) -> Any:
    """The row's stamps as one JSON object, a correlated scalar subquery of ``model``'s row."""
    table = model.__table__  # type: ignore[attr-defined]
    row_id = cast(table.c.id, String)
    both = union_all(
        select(literal("", String).label("field"), SyncRow.stamp.label("stamp")).where(
            SyncRow.table_name == table.name, SyncRow.row_id == row_id).correlate(table),
        select(SyncField.field, SyncField.stamp).where(
            SyncField.table_name == table.name, SyncField.row_id == row_id).correlate(table),
    ).subquery("stamps")
    return (select(func.json_object_agg(both.c.field, both.c.stamp)).correlate(table)
            .scalar_subquery().label("sync_stamps"))


def select_with(stmt: Select[Any], model: type) -> Select[Any]:
    """``stmt`` (a select of ``model``'s rows) with their stamps as a last column; ``model``
    checks its version at every UPDATE (see the module's note)."""
    assert model.__mapper__.version_id_col is not None, model  # type: ignore[attr-defined]
    return stmt.add_columns(_stamps_column(model))


def hold(session: Session, table: str, row_id: object, stamps: dict[str, str] | None) -> None:
    """The stamps read with a row, for the flush's ``field_stamps`` (None: it has none)."""
    session.info.setdefault(HELD, {})[(table, str(row_id))] = dict(stamps or {})


def load(session: Session, stamped: Select[Any], params: dict[str, Any], table: str) -> Any:
    """The one row ``stamped`` (``select_with``) finds, or None; its stamps held for the flush
    (where ``carried``)."""
    found = session.execute(stamped, params).first()
    if found is None:
        return None
    row, stamps = found
    hold(session, table, row.id, stamps)
    return row


def take(session: Session, table: str, row_ids: list[str]) -> dict[str, dict[str, str]] | None:
    """The stamps held for all of ``row_ids`` (None when any was not read with its row)."""
    held = session.info.get(HELD)
    if not held:
        return None
    out = {}
    for row_id in row_ids:
        stamps = held.get((table, row_id))
        if stamps is None:
            return None
        out[row_id] = dict(stamps)
    return out


def forget(session: Session, rows: list[tuple[str, str]] | None = None) -> None:
    """The stamps of these (table, row id) are about to move (a log write): what was read with
    them no longer holds.  None: all of them (the transaction ended)."""
    held = session.info.get(HELD)
    if not held:
        return
    if rows is None:
        session.info.pop(HELD, None)
        return
    for key in rows:
        held.pop(key, None)


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, _transaction: Any) -> None:
    forget(session)
