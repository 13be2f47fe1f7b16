"""Full-text name index.  SQLite: an FTS5 table kept current by triggers, with two columns: the
normalised name (``applicant.name_norm``) and the cross-script key of the Arabic and Latin names
(``applicant.name_key``, ``domain.transliteration``).  Other databases (PostgreSQL at head office)
search those two columns directly.

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

from . import name_parts

PREFIX_LENGTHS = "1 2 3 4 5 6 7 8 9 10"



def sqlite_ddl(with_key: bool = True) -> list[str]:
    """The index table and its triggers; ``with_key=False``: as before migration 0014 (the name
    only), for the migrations that run before the key column exists."""
    cols, vals = ("name, key", "new.name_norm, new.name_key") if with_key else ("name", "new.name_norm")
    watched = "name_norm, name_key" if with_key else "name_norm"
    sets = "name = new.name_norm, key = new.name_key" if with_key else "name = new.name_norm"
    return [
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS applicant_fts USING fts5(
           {cols}, tokenize = 'unicode61 remove_diacritics 0', prefix = '{PREFIX_LENGTHS}'
       )""",
        f"""CREATE TRIGGER IF NOT EXISTS applicant_fts_ai AFTER INSERT ON applicant BEGIN
           INSERT INTO applicant_fts({cols}) VALUES ({vals});
           UPDATE applicant SET search_key = (SELECT max(rowid) FROM applicant_fts)
            WHERE id = new.id;
       END""",
        f"""CREATE TRIGGER IF NOT EXISTS applicant_fts_au AFTER UPDATE OF {watched}
       ON applicant BEGIN
           UPDATE applicant_fts SET {sets} WHERE rowid = new.search_key;
       END""",
        """CREATE TRIGGER IF NOT EXISTS applicant_fts_ad AFTER DELETE ON applicant BEGIN
           DELETE FROM applicant_fts WHERE rowid = old.search_key;
       END""",
    ]


SQLITE_DDL = sqlite_ddl()
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


def _with_key(conn: Connection) -> bool:
    """Has the applicant table its ``name_key`` yet (migration 0014)?"""
    columns = conn.exec_driver_sql("PRAGMA table_info(applicant)").all()
    return any(c[1] == "name_key" for c in columns)


def _columns(conn: Connection) -> tuple[str, str]:
    """The index's columns and the applicant's columns that fill them."""
    if _with_key(conn):
        return "name, key", "name_norm, name_key"
    return "name", "name_norm"


def create(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for ddl in sqlite_ddl(_with_key(conn)):
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
    into, source = _columns(conn)
    return conn.exec_driver_sql(
        f"INSERT INTO applicant_fts(rowid, {into})"
        f" SELECT search_key, {source} FROM applicant WHERE search_key > ?"
        " ORDER BY search_key",
        (top,),
    ).rowcount


def rebuild(conn: Connection) -> int:
    """Drop and refill the name index from ``applicant.name_norm`` in one pass: to repair it, or
    to bring an older store's index to the current definition (a migration can just call this).
    Existing ``search_key`` values are kept.  Returns the number of rows indexed."""
    if not uses_fts(conn):
        return 0
    conn.exec_driver_sql("DROP TABLE IF EXISTS applicant_fts")
    conn.exec_driver_sql(sqlite_ddl(_with_key(conn))[0])
    into, source = _columns(conn)
    count = conn.exec_driver_sql(
        f"INSERT INTO applicant_fts(rowid, {into}) SELECT search_key, {source}"
        " FROM applicant WHERE search_key IS NOT NULL ORDER BY search_key"
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
    _open_write_transaction(conn)
    first = 1 + _top_key(conn)
    _triggers_off(conn)
    try:
        yield
        index_missing(conn)
        if _has_parts(conn):
            name_parts.add_keyed(conn, first)
    finally:
        _triggers_on(conn)


class Keys:
    """The name index keys of rows being inserted (``keyed_load``): ``take`` gives the next,
    ``index`` writes the index entries of the rows given keys since it last ran."""

    def __init__(self, conn: Connection, first: int):
        self._conn = conn
        self._next = self._done = first
        self._into, self._source = _columns(conn)

    def take(self) -> int:
        key = self._next
        self._next += 1
        return key

    def index(self) -> None:
        """Index the rows given keys since the last call (they must be inserted by now): one
        INSERT … SELECT on the key's own index."""
        if self._next == self._done:
            return
        self._conn.exec_driver_sql(
            f"INSERT INTO applicant_fts(rowid, {self._into}) SELECT search_key, {self._source}"
            " FROM applicant WHERE search_key >= ? AND search_key < ? ORDER BY search_key",
            (self._done, self._next),
        )
        self._done = self._next


@contextmanager
def keyed_load(conn: Connection) -> Iterator[Keys | None]:
    """``bulk_load`` for rows that carry their ``search_key`` as they are inserted: yields the
    ``Keys`` to give them (None where there is no index table: nothing to give); the rows are
    indexed when ``Keys.index`` is called, and at the end of the block, with no second pass
    that writes every new row again to set its key.  The triggers are off inside the block."""
    if not uses_fts(conn):
        yield None
        return
    _open_write_transaction(conn)
    first = 1 + _top_key(conn)
    _triggers_off(conn)
    try:
        keys = Keys(conn, first)
        yield keys
        keys.index()
        index_missing(conn)  # a row written without a key inside the block
        if _has_parts(conn):
            name_parts.add_keyed(conn, first)
    finally:
        _triggers_on(conn)


def _open_write_transaction(conn: Connection) -> None:
    """Make the load's reads and DDL part of the caller's transaction.  pysqlite opens one only
    before INSERT / UPDATE / DELETE / REPLACE: until then the top key is read, and the triggers
    dropped, in autocommit, for every connection to the store (the window beside an import
    saved files the index never saw, or one on the key the import had counted on; a process
    killed mid-import left the store with no triggers).  A DELETE of nothing opens it and takes
    SQLite's write lock: the load's DDL then commits or rolls back with its rows."""
    conn.exec_driver_sql("DELETE FROM applicant_fts WHERE 0")


def _top_key(conn: Connection) -> int:
    """The highest name index key in use (0 when none)."""
    return int(conn.exec_driver_sql(
        "SELECT max(coalesce((SELECT max(rowid) FROM applicant_fts), 0),"
        " coalesce((SELECT max(search_key) FROM applicant), 0))"
    ).scalar_one())


def _triggers_off(conn: Connection) -> None:
    """The name index's triggers and those of the parts of the names by year
    (``name_parts``): a bulk load writes both itself, once."""
    for ddl in _DROP_TRIGGERS + name_parts.SQLITE_DROP:
        conn.exec_driver_sql(ddl)


def _triggers_on(conn: Connection) -> None:
    for ddl in sqlite_ddl(_with_key(conn))[1:]:
        conn.exec_driver_sql(ddl)
    if _has_parts(conn):  # (a migration before 0019 loads without them)
        for ddl in name_parts.SQLITE_DDL:
            conn.exec_driver_sql(ddl)


def _has_parts(conn: Connection) -> bool:
    return conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'name_part'").first() is not None


def uses_fts(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def fts_query(tokens: list[str], column: str = "name") -> str:
    """FTS5 MATCH expression: every token as a prefix of a word of ``column``, all required."""
    return " AND ".join(_prefix(column, t) for t in tokens if t)


def fts_query_any(alternatives: list[tuple[str, ...]], column: str) -> str:
    """``fts_query`` where each place may be one of several tokens."""
    return " AND ".join(
        "(" + " OR ".join(_prefix(column, t) for t in alts) + ")" for alts in alternatives if alts)


def _prefix(column: str, token: str) -> str:
    return column + ' : "' + token.replace('"', '""') + '"*'
