"""A larger page cache for one big write on SQLite.

SQLite's default page cache is 2 MB.  Ten thousand rows added to a store of a million
applicants touch pages all over the indexes (national ID, name, birth date, the change log's
keys): with 2 MB most of them are read again from the file, and changed pages are spilled to
the WAL before the commit and written again at it.  Inside ``larger_cache`` the connection may
keep ``MIB`` of pages; the default comes back at the end (a window's connections stay small).
Other databases (PostgreSQL at head office) size their own buffers: nothing is done there."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

MIB = 128


@contextmanager
def larger_cache(conn: Connection, mib: int = MIB) -> Iterator[None]:
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(mib) * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")
