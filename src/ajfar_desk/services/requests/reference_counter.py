"""Reference numbers shown to people: per branch prefix and Hijri year, from one counter row.

Two ways to draw, one row either way (a number is never given twice):

- ``next_reference`` bumps the row inside the caller's transaction, which then holds the row to
  its commit: on a laptop (SQLite, one writer at a time) that costs nothing, and a rollback
  takes the number back with everything else.
- ``draw_reference`` at head office (PostgreSQL) bumps the row in a statement of its own, on a
  connection of its own that commits at once: the row is locked for that statement alone, so
  twenty desks creating requests never queue behind each other's transactions (they did: a
  desk's ``create`` held the row through its four writes, the chain head and the commit, and
  the others waited in line for it).  If the caller's transaction then rolls back, the number is
  given back when nobody drew after it (``last = n`` -> ``n - 1``, one atomic statement); a gap
  is left only when another desk drew meanwhile or the desk died between the draw and its
  commit.  The draw comes after every check a request can fail, so what remains is a failure of
  the database or of the desk itself, and no paper ever shows a gap's number (papers print
  committed requests).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Connection, Engine, TextClause, event, text
from sqlalchemy.dialects.postgresql import Insert as PostgresqlInsert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from ...db.models import ReferenceCounter
from ...domain import requests as rules
from ...domain.dates import gregorian_to_hijri


def next_reference(session: Session, prefix: str, on: dt.date) -> str:
    """The next number of the branch's Hijri year, in one statement (insert the year's row or
    bump it, and read it back): the first requests of a year never race on the new row, and the
    row stays locked only from here to the commit, so callers take it last."""
    year = gregorian_to_hijri(on)[0]
    dialect = session.get_bind().dialect.name
    inserts: dict[str, Callable[[type[ReferenceCounter]], PostgresqlInsert | SqliteInsert]] = {
        "postgresql": postgresql_insert, "sqlite": sqlite_insert
    }
    insert = inserts[dialect]
    stmt = insert(ReferenceCounter).values(prefix=prefix, year=year, last=1)
    upsert = stmt.on_conflict_do_update(
        index_elements=[ReferenceCounter.prefix, ReferenceCounter.year],
        set_={"last": ReferenceCounter.last + 1},
    ).returning(ReferenceCounter.last)
    return rules.format_reference(prefix, year, session.execute(upsert).scalar_one())


# The draw commits on its own (autocommit) without waiting for the disk (synchronous_commit off
# for this statement's transaction only, set inside it): the row is free again at once instead
# of after a WAL flush (~3-5 ms here, during which every other desk's draw waited).  Safe: the
# request's own commit flushes the log up to itself, the draw's record included, so a committed
# request's number is as durable as the request; a draw lost in a crash was held by nobody.
_DRAW = text(
    "INSERT INTO reference_counter (prefix, year, last) "
    "SELECT :prefix, :year, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS s "
    "ON CONFLICT (prefix, year) DO UPDATE SET last = reference_counter.last + 1 "
    "RETURNING last"
)
_GIVE_BACK = text(
    "UPDATE reference_counter SET last = last - 1 "
    "WHERE prefix = :prefix AND year = :year AND last = :last"
)
_DRAWN = "drawn_references"  # session.info: (prefix, year, number) drawn outside the transaction


def draw_reference(session: Session, prefix: str, on: dt.date) -> str:
    """The next number of the branch's Hijri year for a row ``session`` is about to commit: at
    head office drawn and committed at once on a connection of its own (see the module's note),
    elsewhere as ``next_reference``."""
    engine = session.get_bind()
    if engine.dialect.name != "postgresql" or not isinstance(engine, Engine):
        return next_reference(session, prefix, on)
    year = gregorian_to_hijri(on)[0]
    number = cast(int, _drawer(engine).run(engine, _DRAW, {"prefix": prefix, "year": year}))
    session.info.setdefault(_DRAWN, []).append((prefix, year, number))
    return rules.format_reference(prefix, year, number)


@event.listens_for(Session, "after_commit")
def _kept(session: Session) -> None:
    session.info.pop(_DRAWN, None)


@event.listens_for(Session, "after_rollback")
def _give_back(session: Session) -> None:
    """The transaction that was to show the numbers rolled back: each is given back if it is
    still the year's last (nobody drew after it), latest first."""
    drawn: list[tuple[str, int, int]] | None = session.info.pop(_DRAWN, None)
    if not drawn:
        return
    engine: Any = session.get_bind()
    try:
        for prefix, year, number in reversed(drawn):
            _drawer(engine).run(engine, _GIVE_BACK, {"prefix": prefix, "year": year, "last": number})
    except SQLAlchemyError:  # the database is gone: the numbers stay drawn (a gap, see above)
        pass


class _Drawer:
    """The engine's own autocommit connection for the draws, kept from one draw to the next: a
    connection taken from the pool and switched to autocommit at every draw (and switched back)
    cost the desk a tenth of its ``create_request``.  Taken through the pool (its events see it),
    one draw at a time (a lock: the window's worker threads share the engine), made again when
    the last one broke, closed when the engine is disposed (``Store.close``)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.conn: Connection | None = None

    def run(self, engine: Engine, stmt: TextClause, params: dict[str, Any]) -> Any:
        """``stmt`` run and committed at once; the value it returns, if any."""
        with self.lock:
            for attempt in (1, 2):
                conn = self.conn
                if conn is None or conn.closed or conn.invalidated:
                    conn = self.conn = engine.connect().execution_options(
                        isolation_level="AUTOCOMMIT")
                try:
                    result = conn.execute(stmt, params)
                    return result.scalar_one() if result.returns_rows else None
                except DBAPIError as exc:  # the server closed it (a restart): once more, anew
                    self._close()
                    if attempt == 2 or not exc.connection_invalidated:
                        raise
        raise AssertionError("unreachable")

    def _close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            try:
                conn.close()
            except SQLAlchemyError:
                pass

    def closed(self, _engine: Engine) -> None:
        with self.lock:
            self._close()


_DRAWER = "_ajfar_reference_drawer"  # the engine's attribute: collected with it (no registry)
_DRAWERS_LOCK = threading.Lock()


def _drawer(engine: Engine) -> _Drawer:
    drawer = getattr(engine, _DRAWER, None)
    if drawer is None:
        with _DRAWERS_LOCK:
            drawer = getattr(engine, _DRAWER, None)
            if drawer is None:
                drawer = _Drawer()
                event.listen(engine, "engine_disposed", drawer.closed)
                setattr(engine, _DRAWER, drawer)
    return drawer
