"""Full-text name index.  SQLite: an FTS5 table kept current by triggers.  Other databases
(PostgreSQL at head office) search ``applicant.name_norm`` directly.

Every typed word is a prefix query.  FTS5 answers a prefix it has no prefix index for by merging
the doclists of every term that starts with it, before returning the first row: for "م" or
"محمد" over a million names that is tens of milliseconds per keystroke.  So prefixes of 1 to 10
characters (nearly every Arabic name part whole) are indexed: each is then one doclist, read only
as far as the LIMIT needs.  It costs about 40 MB at a million applicants.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

PREFIX_LENGTHS = "1 2 3 4 5 6 7 8 9 10"

SQLITE_DDL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS applicant_fts USING fts5(
           name, tokenize = 'unicode61 remove_diacritics 0', prefix = '"""
    + PREFIX_LENGTHS
    + """'
       )""",
    """CREATE TRIGGER IF NOT EXISTS applicant_fts_ai AFTER INSERT ON applicant BEGIN
           INSERT INTO applicant_fts(name) VALUES (new.name_norm);
           UPDATE applicant SET search_key = (SELECT max(rowid) FROM applicant_fts)
            WHERE id = new.id;
       END""",
    """CREATE TRIGGER IF NOT EXISTS applicant_fts_au AFTER UPDATE OF name_norm ON applicant BEGIN
           UPDATE applicant_fts SET name = new.name_norm WHERE rowid = new.search_key;
       END""",
    """CREATE TRIGGER IF NOT EXISTS applicant_fts_ad AFTER DELETE ON applicant BEGIN
           DELETE FROM applicant_fts WHERE rowid = old.search_key;
       END""",
]

_TRIGGERS = SQLITE_DDL[1:]
_DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS applicant_fts_ad",
    "DROP TRIGGER IF EXISTS applicant_fts_au",
    "DROP TRIGGER IF EXISTS applicant_fts_ai",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS applicant_fts_ad",
    "DROP TRIGGER IF EXISTS applicant_fts_au",
    "DROP TRIGGER IF EXISTS applicant_fts_ai",
    "DROP TABLE IF EXISTS applicant_fts",
]


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic autogenerate: the full-text tables are managed here, not from the models.

    Note: a batch migration that *recreates* the applicant table drops these triggers; such a
    migration must call ``create()`` again afterwards.
    """
    return not (type_ == "table" and name and name.startswith("applicant_fts"))


def create(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for ddl in SQLITE_DDL:
            conn.exec_driver_sql(ddl)


def drop(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for ddl in SQLITE_DROP:
            conn.exec_driver_sql(ddl)


def index_missing(conn: Connection) -> int:
    """Index every applicant that has no ``search_key`` yet (rows written while the triggers were
    off), in one pass.  Returns how many were added."""
    if not uses_fts(conn):
        return 0
    first = conn.exec_driver_sql(
        "SELECT min(rowid) FROM applicant WHERE search_key IS NULL"
    ).scalar()
    if first is None:
        return 0
    top = conn.exec_driver_sql(
        "SELECT max(coalesce((SELECT max(rowid) FROM applicant_fts), 0),"
        " coalesce((SELECT max(search_key) FROM applicant), 0))"
    ).scalar()
    # New keys above every key in use, in the rows' own order: unique because rowids are.
    conn.exec_driver_sql(
        "UPDATE applicant SET search_key = rowid + ? WHERE search_key IS NULL", (top - first + 1,)
    )
    return conn.exec_driver_sql(
        "INSERT INTO applicant_fts(rowid, name)"
        " SELECT search_key, name_norm FROM applicant WHERE search_key > ? ORDER BY search_key",
        (top,),
    ).rowcount


def rebuild(conn: Connection) -> int:
    """Drop and refill the name index from ``applicant.name_norm`` in one pass: to repair it, or
    to bring an older store's index to the current definition (a migration can just call this).
    Existing ``search_key`` values are kept.  Returns the number of rows indexed."""
    if not uses_fts(conn):
        return 0
    conn.exec_driver_sql("DROP TABLE IF EXISTS applicant_fts")
    conn.exec_driver_sql(SQLITE_DDL[0])
    count = conn.exec_driver_sql(
        "INSERT INTO applicant_fts(rowid, name) SELECT search_key, name_norm FROM applicant"
        " WHERE search_key IS NOT NULL ORDER BY search_key"
    ).rowcount
    count += index_missing(conn)
    conn.exec_driver_sql("INSERT INTO applicant_fts(applicant_fts) VALUES ('optimize')")
    return count


@contextmanager
def bulk_load(conn: Connection) -> Iterator[None]:
    """Insert many applicants fast: the index triggers are off inside the block, and the new rows
    are indexed in one pass at its end.  Use inside one transaction; only inserts are covered
    (an update or delete made inside the block does not reach the index)."""
    if not uses_fts(conn):
        yield
        return
    for ddl in _DROP_TRIGGERS:
        conn.exec_driver_sql(ddl)
    try:
        yield
        index_missing(conn)
    finally:
        for ddl in _TRIGGERS:
            conn.exec_driver_sql(ddl)


def uses_fts(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def fts_query(tokens: list[str]) -> str:
    """FTS5 MATCH expression: every token as a prefix, all required."""
    return " ".join('"' + t.replace('"', '""') + '"*' for t in tokens if t)
