"""The parts of the names born each year (``name_part``): what the duplicate check of a birth
"about 1980" compares a typed name with, read in kilobytes instead of split out of the year's
tens of thousands of names (``services.applicants.similar``).

The database keeps it current itself: a trigger on ``applicant`` adds the parts of every name
inserted, and of every name or birth year changed, whatever writes it (a form, an import, a
bundle, a script); SQLite's bulk loads turn it off with the name index's triggers and add the
parts of the rows they inserted in one statement (``add_keyed``).  A part is never taken away
by a write (a file renamed or deleted leaves its old parts: a part no name holds finds
nothing), so the parts of a year are always all those of its names, maybe with a few more;
``forget`` takes away those of a name that must not stay in the store (an anonymised person).
Local to the store, never exchanged: each node's triggers fill its own.

SQLite splits a name on its spaces as ``json_each`` reads the name turned into a JSON array
(``json_quote`` escapes whatever the name holds); PostgreSQL with ``string_to_array``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    String,
    TextClause,
    bindparam,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class NamePart(Base):
    """One part of a name (split on spaces, as ``domain.text.tokens_of_normalized`` splits
    ``applicant.name_norm``) held by a name born in ``year``."""

    __tablename__ = "name_part"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    part: Mapped[str] = mapped_column(String(330), primary_key=True)


_TABLE = NamePart.__table__

# SQLite: the parts of a name as rows (``value``), and a birth date's year; ``{n}``/``{b}`` the
# columns they are taken from
_SQLITE_PARTS = "json_each('[' || replace(json_quote({n}), ' ', '\",\"') || ']')"
_SQLITE_YEAR = "CAST(substr({b}, 1, 4) AS INTEGER)"
_SQLITE_ADD = (
    "INSERT OR IGNORE INTO name_part (year, part) SELECT DISTINCT "
    + _SQLITE_YEAR.format(b="new.birth_date") + ", value FROM "
    + _SQLITE_PARTS.format(n="new.name_norm") + " WHERE value <> '';"
)
SQLITE_DDL = [
    f"""CREATE TRIGGER IF NOT EXISTS applicant_parts_ai AFTER INSERT ON applicant BEGIN
        {_SQLITE_ADD}
    END""",
    # a change of the day within the year adds nothing: skipped (one comparison)
    f"""CREATE TRIGGER IF NOT EXISTS applicant_parts_au AFTER UPDATE OF name_norm, birth_date
    ON applicant WHEN new.name_norm IS NOT old.name_norm
                   OR substr(new.birth_date, 1, 4) IS NOT substr(old.birth_date, 1, 4) BEGIN
        {_SQLITE_ADD}
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS applicant_parts_au",
    "DROP TRIGGER IF EXISTS applicant_parts_ai",
]

# PostgreSQL: one function for both triggers; the parts inserted in their order, so that two
# desks adding the same new parts at once never wait for each other in a circle
_PG_ADD = """INSERT INTO name_part (year, part)
        SELECT DISTINCT extract(year FROM NEW.birth_date)::integer, p
          FROM unnest(string_to_array(NEW.name_norm, ' ')) AS p WHERE p <> '' ORDER BY 2
        ON CONFLICT DO NOTHING;"""
POSTGRESQL_DDL = [
    f"""CREATE OR REPLACE FUNCTION applicant_name_parts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' OR NEW.name_norm IS DISTINCT FROM OLD.name_norm
           OR extract(year FROM NEW.birth_date) IS DISTINCT FROM extract(year FROM OLD.birth_date)
        THEN
            {_PG_ADD}
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER applicant_parts AFTER INSERT OR UPDATE OF name_norm, birth_date
    ON applicant FOR EACH ROW EXECUTE FUNCTION applicant_name_parts()""",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS applicant_parts ON applicant",
    "DROP FUNCTION IF EXISTS applicant_name_parts()",
]


def create(conn: Connection) -> None:
    """The triggers that keep ``name_part`` current (the table is the models')."""
    for ddl in SQLITE_DDL if conn.dialect.name == "sqlite" else POSTGRESQL_DDL:
        conn.exec_driver_sql(ddl)


def drop(conn: Connection) -> None:
    for ddl in SQLITE_DROP if conn.dialect.name == "sqlite" else POSTGRESQL_DROP:
        conn.exec_driver_sql(ddl)


def add_keyed(conn: Connection, first_key: int) -> None:
    """SQLite: the parts of the names with a name index key from ``first_key`` on, in one
    statement: the rows a bulk load inserted with the triggers off (``search_index.bulk_load``
    and ``keyed_load``: 10,000 files of a bundle cost 0.06 s of CPU more through the trigger)."""
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO name_part (year, part) SELECT DISTINCT "
        + _SQLITE_YEAR.format(b="birth_date") + ", value FROM applicant, "
        + _SQLITE_PARTS.format(n="name_norm") + " WHERE search_key >= ? AND value <> ''",
        (first_key,))


def fill(conn: Connection) -> int:
    """Every part of every name in the store (a store made before the table, or one to mend):
    one statement.  Returns how many rows ``name_part`` holds."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO name_part (year, part) SELECT DISTINCT "
            + _SQLITE_YEAR.format(b="birth_date") + ", value FROM applicant, "
            + _SQLITE_PARTS.format(n="name_norm") + " WHERE value <> ''")
    else:
        conn.exec_driver_sql(
            "INSERT INTO name_part (year, part) SELECT DISTINCT"
            " extract(year FROM birth_date)::integer, p FROM applicant,"
            " unnest(string_to_array(name_norm, ' ')) AS p WHERE p <> '' ON CONFLICT DO NOTHING")
    return int(conn.execute(select(func.count()).select_from(_TABLE)).scalar_one())


# the year's parts in one value (hundreds of rows become one: no row made for each)
PARTS_OF_YEAR = select(func.group_concat(NamePart.part, literal_column("' '"))).where(
    NamePart.year == bindparam("year"))
_PG_PARTS_OF_YEAR = select(func.string_agg(NamePart.part, literal_column("' '"))).where(
    NamePart.year == bindparam("year"))


def parts_of_year(conn: Connection, year: int) -> set[str]:
    """The parts of the names born in ``year`` (and maybe a few more)."""
    query = PARTS_OF_YEAR if conn.dialect.name == "sqlite" else _PG_PARTS_OF_YEAR
    joined = conn.execute(query, {"year": year}).scalar()
    return set(joined.split(" ")) if joined else set()


def _forget(find: str) -> TextClause:
    return text(
        "DELETE FROM name_part WHERE year = :year AND part = :part AND NOT EXISTS ("
        " SELECT 1 FROM applicant WHERE birth_date BETWEEN :first AND :last"
        f" AND {find}(' ' || name_norm || ' ', ' ' || CAST(:part AS VARCHAR) || ' ') > 0)"
    ).bindparams(bindparam("first", type_=Date), bindparam("last", type_=Date))


_FORGET = {"sqlite": _forget("instr"), "postgresql": _forget("strpos")}


def forget(conn: Connection, year: int, parts: Iterable[str]) -> int:
    """Take ``parts`` of a name born in ``year`` out of ``name_part``, each unless a name born
    that year still holds it (a person anonymised: nothing of their name stays).  Reads the
    year's names once for each part; returns how many were taken out."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    gone = 0
    for part in dict.fromkeys(p for p in parts if p):
        done = conn.execute(_FORGET[conn.dialect.name],
                            {"year": year, "part": part, "first": first, "last": last})
        gone += done.rowcount
    return gone
