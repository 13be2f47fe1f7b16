"""A big write on SQLite keeps more pages in memory while it runs, and only then."""

from __future__ import annotations

from ajfar_desk.db.bulk_cache import MIB, larger_cache


def test_the_cache_is_larger_inside_and_as_before_after(store):
    with store.engine.connect() as conn:
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar() if store.engine.dialect.name == "sqlite" else None
        with larger_cache(conn):
            if before is not None:
                assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -MIB * 1024
        if before is not None:
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before
