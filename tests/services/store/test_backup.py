"""Backups are tested by restoring them: the data come back exactly, a damaged backup changes
nothing, automatic backups rotate, an encrypted store's backup needs its passphrase."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store import backup as backups
from ajfar_desk.services.store.store import PASSPHRASE_ENV, PassphraseError, Store
from ajfar_desk.services.users import audit, setup
from services.store.test_encryption import person
from test_cli import init, one_line_error, run

STORE = "ajfar-desk.sqlite"
TABLES = ("applicant", "support_request", "status_event", "audit_log", "audit_head")
PASS = "a long passphrase"


@pytest.fixture(autouse=True)
def no_env_passphrase(monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)


def snapshot(store: Store) -> dict[str, list]:
    with store.engine.connect() as conn:
        return {
            t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1"))]
            for t in TABLES
        }


def signed_in(store: Store):
    ctx = setup.open_context(store)
    ctx.user = setup.first_user(ctx)
    return ctx


def filled(data: Path, passphrase: str | None = None):
    store = Store.open(data, passphrase=passphrase)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "مدير")
    a = applicants.register(ctx, person())
    requests.create_request(ctx, a.id, ctx.profile.programs[0].code, ctx.profile.channels[0].code)
    return store, ctx, a


def change_everything(ctx, a) -> None:
    view = applicants.get(ctx, a.id, record_open=False)
    data = applicants.input_from_view(view)
    data.first_name = "مختلف"
    applicants.update(ctx, a.id, data)
    other = person()
    other.national_id = make_national_id(1, "11112222")
    b = applicants.register(ctx, other)
    requests.create_request(ctx, b.id, ctx.profile.programs[0].code, ctx.profile.channels[0].code)


def test_restore_brings_the_data_back_exactly(tmp_path):
    store, ctx, a = filled(tmp_path / "data")
    before = snapshot(store)
    out = backups.backup(store, tmp_path / "copy.sqlite")  # while the store is open and in use
    change_everything(ctx, a)
    assert snapshot(store) != before
    store.close()

    result = backups.restore(out, tmp_path / "data")
    assert result.info.applicants == 1 and result.info.requests == 1
    assert result.kept_aside is not None and result.kept_aside.name.startswith(
        f"{STORE}.before-restore-"
    )
    store = Store.open(tmp_path / "data")
    assert snapshot(store) == before
    assert audit.verify(signed_in(store)) == []
    store.close()
    kept = Store.open(tmp_path / "kept", db_url=f"sqlite:///{result.kept_aside}")
    assert len(snapshot(kept)["applicant"]) == 2  # the replaced store, intact
    kept.close()


@pytest.mark.parametrize("damage", ["truncate", "flip", "text", "empty"])
def test_a_damaged_backup_is_refused_and_nothing_changes(tmp_path, damage):
    store, _ctx, _a = filled(tmp_path / "data")
    out = backups.backup(store, tmp_path / "copy.sqlite")
    before = snapshot(store)
    store.close()
    raw = out.read_bytes()
    damaged = tmp_path / "damaged.sqlite"
    if damage == "truncate":
        damaged.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":  # garbage in the middle of the file's pages
        middle = len(raw) // 2
        damaged.write_bytes(
            raw[:middle]
            + bytes(b ^ 0xFF for b in raw[middle : middle + 8192])
            + raw[middle + 8192 :]
        )
    elif damage == "text":
        damaged.write_text("not a database at all\n" * 400)
    else:
        damaged.write_bytes(b"")
    files = sorted(p.name for p in (tmp_path / "data").iterdir())
    stamp = (tmp_path / "data" / STORE).read_bytes()
    with pytest.raises(backups.BackupError):
        backups.restore(damaged, tmp_path / "data")
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == files
    assert (tmp_path / "data" / STORE).read_bytes() == stamp
    store = Store.open(tmp_path / "data")
    assert snapshot(store) == before
    store.close()


def test_a_plain_backup_restores_with_a_passphrase_in_the_environment(tmp_path, monkeypatch):
    store, _ctx, _a = filled(tmp_path / "data")
    out = backups.backup(store, tmp_path / "copy.sqlite")
    store.close()
    monkeypatch.setenv(PASSPHRASE_ENV, PASS)
    assert backups.restore(out, tmp_path / "data", passphrase=PASS).info.encrypted is False
    store = Store.open(tmp_path / "data")
    assert not store.encrypted and store.meta()["association"] == "ajfar"
    store.close()


def test_restore_into_an_empty_folder(tmp_path):
    store, _ctx, _a = filled(tmp_path / "data")
    out = backups.backup(store, tmp_path)  # a folder: a dated name in it
    before = snapshot(store)
    store.close()
    result = backups.restore(out, tmp_path / "new-laptop")
    assert result.kept_aside is None
    again = Store.open(tmp_path / "new-laptop")
    assert snapshot(again) == before
    again.close()


def test_automatic_backups_once_a_period_and_only_the_last_kept(tmp_path):
    store, _ctx, _a = filled(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    assert len(backups.auto_backups(folder)) == 0  # a store set up just now: nothing to keep yet
    start = dt.datetime(2026, 1, 1, 9, 0)
    made = []
    for day in range(backups.AUTO_KEEP + 3):
        now = start + dt.timedelta(days=day)
        made.append(backups.auto_backup(store, now=now))
        assert backups.auto_backup(store, now=now + dt.timedelta(hours=5)) is None  # same period
    assert all(made)
    kept = backups.auto_backups(folder)
    assert kept == made[-backups.AUTO_KEEP :]
    pre_migration = folder / "ajfar-desk-before-0001-20250101-000000.sqlite"
    pre_migration.write_bytes(out := kept[0].read_bytes())
    backups.auto_backup(store, now=start + dt.timedelta(days=30))
    assert pre_migration.read_bytes() == out  # never rotated away
    assert len(backups.auto_backups(folder)) == backups.AUTO_KEEP
    store.close()


def test_opening_the_store_makes_no_backup_the_days_backup_is_made_once(tmp_path):
    filled(tmp_path / "data")[0].close()
    Store.open(tmp_path / "data").close()  # nobody waits for a copy of the store any more
    assert backups.auto_backups(tmp_path / "data" / "backups") == []
    for _ in range(2):
        store = Store.open(tmp_path / "data")
        backups.auto_backup(store)
        store.close()
    assert len(backups.auto_backups(tmp_path / "data" / "backups")) == 1


def test_encrypted_backup_needs_its_passphrase_and_restores_with_it(tmp_path):
    store, _ctx, _a = filled(tmp_path / "data", passphrase=PASS)
    out = backups.backup(store, tmp_path / "copy.sqlite")
    before = snapshot(store)
    store.close()
    assert not out.read_bytes().startswith(b"SQLite format 3")
    assert "الفرزدقي".encode() not in out.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(out).execute("SELECT * FROM applicant").fetchall()
    with pytest.raises(PassphraseError) as err:
        backups.restore(out, tmp_path / "data")
    assert err.value.missing
    with pytest.raises(PassphraseError):
        backups.restore(out, tmp_path / "data", passphrase="wrong passphrase")
    result = backups.restore(out, tmp_path / "data", passphrase=PASS)
    assert result.info.encrypted
    again = Store.open(tmp_path / "data", passphrase=PASS)
    assert again.encrypted and snapshot(again) == before
    again.close()


def test_restore_refuses_while_the_store_is_in_use(tmp_path):
    store, _ctx, _a = filled(tmp_path / "data")
    out = backups.backup(store, tmp_path / "copy.sqlite")
    with store.engine.connect() as conn:  # another program holds the store open
        conn.exec_driver_sql("SELECT count(*) FROM applicant").scalar()
        with pytest.raises(backups.BackupError):
            backups.restore(out, tmp_path / "data")
    store.close()


# -- the command line, end to end ------------------------------------------------------------


def test_cli_backup_and_restore(tmp_path):
    data = tmp_path / "data"
    init(data)
    result = run(data, "backup", "--out", str(tmp_path / "b.sqlite"))
    assert result.returncode == 0, result.stderr
    assert "b.sqlite" in result.stdout
    refused = run(data, "restore", str(tmp_path / "b.sqlite"))  # no terminal, no --yes
    assert refused.returncode == 2 and "--yes" in one_line_error(refused)
    done = run(data, "restore", str(tmp_path / "b.sqlite"), "--yes")
    assert done.returncode == 0, done.stderr
    assert "before-restore" in done.stdout
    (tmp_path / "bad.sqlite").write_bytes((tmp_path / "b.sqlite").read_bytes()[:5000])
    bad = run(data, "restore", str(tmp_path / "bad.sqlite"), "--yes", lang="ar")
    assert bad.returncode == 2 and "bad.sqlite" in one_line_error(bad)
    missing = run(data, "restore", str(tmp_path / "nothing.sqlite"), "--yes")
    assert missing.returncode == 2 and one_line_error(missing)


def test_cli_encrypted_store(tmp_path):
    data = tmp_path / "data"
    key = {"AJFAR_PASSPHRASE": PASS}
    init(data, "--encrypt", "--passphrase-file", str(_write(tmp_path / "pass.txt", PASS)))
    assert not (data / STORE).read_bytes().startswith(b"SQLite format 3")
    wrong = run(data, "doctor", env={"AJFAR_PASSPHRASE": "not it at all"})
    assert wrong.returncode != 0
    wrong = run(
        data, "backup", "--out", str(tmp_path / "b.sqlite"), env={"AJFAR_PASSPHRASE": "not it"}
    )
    assert wrong.returncode == 2 and "passphrase" in one_line_error(wrong).lower()
    none = run(data, "backup", "--out", str(tmp_path / "b.sqlite"))
    assert none.returncode == 2 and "AJFAR_PASSPHRASE" in one_line_error(none)
    ok = run(data, "backup", "--out", str(tmp_path / "b.sqlite"), env=key)
    assert ok.returncode == 0, ok.stderr
    doctor = run(data, "doctor", env=key)
    assert doctor.returncode == 0, doctor.stdout
    again = run(
        data, "restore", str(tmp_path / "b.sqlite"), "--yes", env={"AJFAR_PASSPHRASE": "nope-nope"}
    )
    assert again.returncode == 2 and one_line_error(again)
    restored = run(data, "restore", str(tmp_path / "b.sqlite"), "--yes", env=key)
    assert restored.returncode == 0, restored.stderr


def test_cli_postgres_backup_names_pg_dump(tmp_path):
    result = run(
        tmp_path, "--db-url", "postgresql+psycopg://u:secret@127.0.0.1/x", "backup", "--out", "f"
    )
    line = one_line_error(result)
    assert result.returncode == 2 and "pg_dump" in line and "secret" not in line


def _write(path: Path, content: str) -> Path:
    path.write_text(content + "\n", encoding="utf-8")
    return path
