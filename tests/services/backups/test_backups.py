"""Backups as the window offers them: listed with their kind, one made now (never onto the
store's own files), a restore that keeps a safety copy first; administrators only, as the stored
account says."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.db.models import Applicant, AuditEntry
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.permissions import PermissionDenied
from ajfar_desk.services.backups import backups
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users
from conftest import PG_URL, _empty_postgres
from ui.conftest import register


@pytest.fixture
def ctx(tmp_path):
    store = Store.open(tmp_path / "data")
    yield setup.init_store(store, "ajfar", None, "admin", "password123")
    store.close()


def _applicants(data) -> int:
    store = Store.open(data)
    try:
        with store.reading() as s:
            return s.query(Applicant).count()
    finally:
        store.close()


def test_made_now_listed_newest_first_with_their_kinds(ctx, tmp_path):
    register(ctx, 1)
    made = backups.backup_now(ctx)
    assert made.parent == ctx.store.data_dir / "backups" and made.is_file()
    daily = made.with_name("ajfar-desk-auto-20261201-080000.sqlite")
    daily.write_bytes(made.read_bytes())
    kept = backups.kept_backups(ctx)
    assert [k.kind for k in kept] == ["manual", "daily"]
    assert kept[0].path == made and kept[0].size == made.stat().st_size
    assert kept[1].made == dt.datetime(2026, 12, 1, 8, 0)
    (tmp_path / "usb").mkdir()  # a folder chosen: a dated name in it
    elsewhere = backups.backup_now(ctx, tmp_path / "usb")
    assert elsewhere.parent == tmp_path / "usb"
    with ctx.store.reading() as s:
        assert s.query(AuditEntry).filter_by(action="backup").count() == 2


def test_a_target_among_the_stores_files_is_refused(ctx):
    for target in (ctx.store.file, ctx.store.file.with_name(ctx.store.file.name + "-wal")):
        with pytest.raises(ValidationError, match="ajfar-desk.sqlite"):
            backups.backup_now(ctx, target)


def test_restore_keeps_a_safety_copy_and_the_store_holds_the_backups_data(ctx):
    register(ctx, 1)
    made = backups.backup_now(ctx)
    register(ctx, 2)  # after the backup: gone once it is restored
    data = ctx.store.data_dir
    restored = backups.restore(ctx, made)
    assert restored.safety.is_file() and restored.safety.parent == data / "backups"
    assert restored.result.kept_aside is not None and restored.result.kept_aside.is_file()
    assert _applicants(data) == 1
    assert _applicants_in(restored.safety) == 2


def _applicants_in(path) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM applicant").fetchone()[0]
    finally:
        conn.close()


def test_only_an_administrator_and_as_stored(ctx):
    clerk = users.create_user(ctx, "clerk", "موظف", "front_desk", "password123")
    admin = ctx.user
    setup.sign_in(ctx, "clerk", "password123")
    with pytest.raises(PermissionDenied):
        backups.backup_now(ctx)
    with pytest.raises(PermissionDenied):
        backups.kept_backups(ctx)
    # demoted since sign-in: the stored account decides
    setup.sign_in(ctx, "admin", "password123")
    second = users.create_user(ctx, "boss", "مدير", "admin", "password123")
    setup.sign_in(ctx, "boss", "password123")
    ctx.user, boss = admin, ctx.user
    users.update_user(ctx, second.id, role="manager")
    ctx.user = boss
    with pytest.raises(PermissionDenied):
        backups.backup_now(ctx)
    assert clerk.role == "front_desk"


@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server given (AJFAR_TEST_PG_URL)")
def test_a_server_store_is_backed_up_with_the_servers_tools(tmp_path):
    _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=PG_URL)
    try:
        ctx = setup.init_store(store, "ajfar", None, "admin", "password123")
        for call in (backups.kept_backups, backups.backup_now):
            with pytest.raises(ValidationError, match="pg_dump"):
                call(ctx)
    finally:
        store.close()


def test_an_encrypted_stores_backup_is_restored_with_its_passphrase(tmp_path, monkeypatch):
    from ajfar_desk.services.store.store import PASSPHRASE_ENV, PassphraseError

    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    data = tmp_path / "secret"
    store = Store.open(data, passphrase="laptop-pass-1")
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123")
    register(ctx, 1)
    made = backups.backup_now(ctx)
    assert backups.is_encrypted_backup(made)
    register(ctx, 2)
    with pytest.raises(PassphraseError):  # asked for, and nothing replaced
        backups.restore(ctx, made)
    with pytest.raises(PassphraseError):
        backups.check(ctx, made, "wrong-pass-1")
    assert backups.check(ctx, made, "laptop-pass-1").applicants == 1
    restored = backups.restore(ctx, made, "laptop-pass-1")
    assert backups.is_encrypted_backup(restored.safety)
    reopened = Store.open(data, passphrase="laptop-pass-1")
    try:
        with reopened.reading() as s:
            assert s.query(Applicant).count() == 1
    finally:
        reopened.close()
