"""Reference numbers shown to people: per branch prefix and Hijri year, from one counter row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.dialects.postgresql import Insert as PostgresqlInsert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
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
