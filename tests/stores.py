"""Stores for tests, made quickly (measured on a 2-core laptop: a new SQLite store migrated from
nothing takes 0.1–0.2 s, a copy of a migrated one milliseconds; on PostgreSQL dropping the schema
and migrating again takes 2–3 s, deleting the rows of the migrated schema 20–60 ms, a database
copied from a template 0.15 s to create and seconds to drop).

- SQLite: ``StoreTemplate`` is a store migrated once per session; ``Store.open`` on a folder that
  holds no store yet starts from a copy of its file (what the migrations would have written).
- PostgreSQL: ``fresh_postgres`` leaves the database migrated and empty: after the first time it
  only deletes the rows, as long as the schema is still the one the migrations made (a test that
  changed it gets a new one); ``empty_postgres`` drops everything (for tests of the migrations).
  ``worker_database`` gives each pytest-xdist worker a database of its own.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from ajfar_desk.db import migrate
from ajfar_desk.db.engine import STORE_FILE

BASE_URL_ENV = "AJFAR_TEST_PG_URL"


class StoreTemplate:
    def __init__(self, file: Path):
        self.file = file

    def open_copying(self, original_open):
        """``Store.open`` that copies the template into a folder holding no store yet (a plain
        SQLite store: no database URL, no passphrase), then opens it as usual."""
        template = self.file

        def open_(cls, data_dir=None, db_url=None, *, passphrase=None):
            if data_dir is not None and db_url is None and passphrase is None:
                target = Path(data_dir) / STORE_FILE
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(template, target)
            return original_open(data_dir, db_url, passphrase=passphrase)

        return classmethod(open_)


def store_template(folder: Path) -> StoreTemplate:
    from ajfar_desk.services.store.store import Store

    Store.open(folder).close()
    leftovers = sorted(p.name for p in folder.iterdir() if p.name != STORE_FILE)
    assert leftovers in ([], ["backups"]), leftovers  # one closed file, no write-ahead log
    return StoreTemplate(folder / STORE_FILE)


# -- PostgreSQL ---------------------------------------------------------------------------------
_created: set[str] = set()
_migrated: dict[str, tuple[str, str]] = {}  # url -> (fingerprint of the schema, the emptying SQL)

# Every column (of tables, indexes, views), trigger and function of the schema, and its revision.
_FINGERPRINT = """
SELECT md5(concat_ws('|',
  (SELECT string_agg(c.relname || '.' || c.relkind::text || '.' || a.attname || ':'
                     || a.atttypid::text, ',' ORDER BY c.relname, a.attnum)
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped),
  (SELECT string_agg(t.tgname, ',' ORDER BY t.tgname) FROM pg_trigger t
     JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'public'::regnamespace),
  (SELECT string_agg(p.proname, ',' ORDER BY p.proname) FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace),
  (SELECT string_agg(version_num, ',') FROM alembic_version)))
"""


def worker_database(url: str | None) -> str | None:
    """The test database of this pytest-xdist worker: the given one's name + ``_gw0``, …"""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


def _ensure_database(url: str) -> None:
    """Create a worker's database the first time it is needed (durability is of no use to a
    test database: its commits do not wait for the disk)."""
    if url in _created:
        return
    base = os.environ.get(BASE_URL_ENV)
    name = make_url(url).database
    if base and name != make_url(base).database:
        engine = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as conn:
                exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                      {"n": name}).scalar()
                if not exists:
                    conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
                    conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
        finally:
            engine.dispose()
    _created.add(url)


def empty_postgres(url: str) -> None:
    """Nothing in the database's public schema (the migrations start from nothing)."""
    _ensure_database(url)
    _migrated.pop(url, None)
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()


def fresh_postgres(url: str) -> None:
    """The database as a new store finds it after migrating: the latest schema, no rows."""
    _ensure_database(url)
    engine = create_engine(url, poolclass=NullPool)
    try:
        known = _migrated.get(url)
        if known is not None:
            fingerprint, emptying = known
            with engine.begin() as conn:
                if conn.exec_driver_sql(_FINGERPRINT).scalar() == fingerprint:
                    conn.exec_driver_sql(emptying)
                    return
        empty_postgres(url)
        migrate.upgrade(engine)
        with engine.connect() as conn:
            tables = list(conn.scalars(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version' ORDER BY tablename")))
            sequences = list(conn.scalars(text(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")))
            filled = [t for t in tables if conn.exec_driver_sql(f'SELECT 1 FROM "{t}" LIMIT 1').first()]
            fingerprint = conn.exec_driver_sql(_FINGERPRINT).scalar()
        if filled:  # the migrations wrote rows: deleting them would not give a new store
            return
        # one round trip; foreign keys and triggers are not consulted (everything goes)
        emptying = "SET LOCAL session_replication_role = replica; " + "".join(
            f'DELETE FROM "{t}"; ' for t in tables) + "".join(
            f'ALTER SEQUENCE "{s}" RESTART; ' for s in sequences)
        _migrated[url] = (fingerprint, emptying)
    finally:
        engine.dispose()
