"""Full-text name index.  SQLite: an FTS5 table kept current by triggers.  Other databases
(PostgreSQL at head office) search ``applicant.name_norm`` directly."""

from __future__ import annotations

from sqlalchemy import Connection

SQLITE_DDL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS applicant_fts USING fts5(
           name, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
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

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS applicant_fts_ad",
    "DROP TRIGGER IF EXISTS applicant_fts_au",
    "DROP TRIGGER IF EXISTS applicant_fts_ai",
    "DROP TABLE IF EXISTS applicant_fts",
]


def include_name(name, type_, parent_names) -> bool:
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


def uses_fts(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def fts_query(tokens: list[str]) -> str:
    """FTS5 MATCH expression: every token as a prefix, all required."""
    return " ".join('"' + t.replace('"', '""') + '"*' for t in tokens if t)
