"""Alembic from the first table: empty store, an older store (backed up first), models in step."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from ajfar_desk.db import migrate
from ajfar_desk.db.base import Base
from ajfar_desk.db.engine import STORE_FILE, make_engine, sqlite_url
from ajfar_desk.db.search_index import include_name
from ajfar_desk.services.store.store import Store

pytestmark = pytest.mark.migrations  # stores made by the migrations, not copied from a template


def _upgrade_to(engine, revision: str) -> None:
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def test_empty_store_migrates_to_head_and_matches_the_models(tmp_path):
    store = Store.open(tmp_path)
    assert store.migration.from_revision is None
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_name": include_name})
        assert compare_metadata(ctx, Base.metadata) == []
    assert store.migration.backup is None
    store.close()


def test_older_store_is_backed_up_then_migrated(tmp_path):
    engine = make_engine(sqlite_url(tmp_path))
    _upgrade_to(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO store_meta(key, value) VALUES ('marker', 'kept')")
    engine.dispose()

    store = Store.open(tmp_path)
    assert store.migration.from_revision == "0001"
    assert store.migration.to_revision == migrate.head_revision() != "0001"
    backup = store.migration.backup
    assert backup is not None and backup.parent == tmp_path / "backups"
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT value FROM store_meta WHERE key='marker'").fetchone() == (
            "kept",
        )
    assert store.meta()["marker"] == "kept"
    store.close()
    # Opening again at head neither migrates nor backs up.
    again = Store.open(tmp_path)
    assert (
        again.migration.backup is None and again.migration.from_revision == migrate.head_revision()
    )
    again.close()
    assert (tmp_path / STORE_FILE).exists()


def test_downgrade_to_nothing_and_back(tmp_path):
    engine = make_engine(sqlite_url(tmp_path))
    _upgrade_to(engine, "head")
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    with engine.connect() as conn:
        tables = {
            r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert tables <= {"alembic_version"}
    _upgrade_to(engine, "head")
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_audit_entries_written_before_the_chain_are_chained_by_0005(tmp_path):
    """A store from before the hash chain: its entries are chained in the order written, per
    branch, and the chain verifies; a new entry continues it."""
    from ajfar_desk.services.users import audit, setup

    engine = make_engine(sqlite_url(tmp_path))
    _upgrade_to(engine, "0004")
    rows = [
        ("00000000000070008000000000000001", "2026-01-01 08:00:00.000001", "HQ", "open", "T1", '{"n": 1}'),
        ("00000000000070008000000000000002", "2026-01-01 08:00:01", "HQ", "update", "T2", ""),
        ("00000000000070008000000000000003", "2026-01-02 09:30:00.5", "BR1", "open", "T3", ""),
    ]
    with engine.begin() as conn:
        for row in rows:
            conn.exec_driver_sql(
                "INSERT INTO audit_log(id, at, branch, user_id, action, entity, entity_id, details)"
                " VALUES (?, ?, ?, NULL, ?, 'applicant', ?, ?)",
                row,
            )
    engine.dispose()
    store = Store.open(tmp_path)
    try:
        ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
        assert audit.verify(ctx) == []
        lines = {line.entity_id: line for line in audit.entries(ctx)}
        assert (lines["T1"].seq, lines["T2"].seq, lines["T3"].seq) == (1, 2, 1)
    finally:
        store.close()
