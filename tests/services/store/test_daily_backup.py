"""The day's backup never makes anyone wait: a command that only reads makes none, one that
wrote leaves it to a detached child after answering, the window makes it on a worker thread."""

from __future__ import annotations

import fcntl
import time

import pytest
from sqlalchemy import text

from ajfar_desk.cli.main import main
from ajfar_desk.db.engine import connect_file
from ajfar_desk.services.store import backup as backups
from ajfar_desk.services.store import daily_backup
from ajfar_desk.services.store.store import PASSPHRASE_ENV, Store
from ajfar_desk.services.users import audit_anchor
from services.store.test_backup import PASS, filled

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture(autouse=True)
def no_env_passphrase(monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)


def _wait_for_backups(folder, count: int, timeout: float = 60.0) -> list:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = backups.auto_backups(folder)
        if len(found) >= count:
            return found
        time.sleep(0.1)
    return backups.auto_backups(folder)


def test_a_read_only_command_makes_no_backup_and_a_writing_one_leaves_it_to_a_child(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    filled(data)[0].close()
    folder = data / "backups"
    started = []
    real = daily_backup.start_child
    monkeypatch.setattr(daily_backup, "start_child", lambda *a: started.append(real(*a)) or started[-1])

    assert main(["--data-dir", str(data), "--lang", "en", "requests", "list"]) == 0
    assert started == [] and backups.auto_backups(folder) == []  # it only read

    password = tmp_path / "pw.txt"
    password.write_text("another-pass-1\n")
    assert main(["--data-dir", str(data), "--lang", "en", "users", "add", "clerk2", "--role",
                 "front_desk", "--name", "موظف", "--password-file", str(password)]) == 0
    capsys.readouterr()
    assert len(started) == 1
    started[0].wait(60)
    assert started[0].returncode == 0
    made = _wait_for_backups(folder, 1)
    assert len(made) == 1
    with connect_file(made[0]) as conn:
        assert conn.execute("SELECT count(*) FROM applicant").fetchone()[0] >= 1
    # the child has no store open: the desk's signed anchor goes beside the backup all the same
    anchor = audit_anchor.beside(made[0])
    assert anchor.is_file() and anchor.read_bytes() == (data / audit_anchor.OWN_FILE).read_bytes()

    started.clear()  # made today: the next writing command starts nothing
    store = Store.open(data)
    daily_backup.watch_writes(store)
    with store.transaction() as s:
        s.execute(text("UPDATE store_meta SET value = value WHERE key = 'branch'"))
    assert store.wrote and daily_backup.after_command(store) is None
    store.close()


def test_reading_does_not_count_as_writing(tmp_path):
    store, ctx, _a = filled(tmp_path / "data")
    daily_backup.watch_writes(store)
    assert store.meta()["branch"]
    with store.reading() as s:
        s.execute(text("SELECT count(*) FROM applicant")).scalar()
    assert store.wrote is False
    assert daily_backup.after_command(store) is None
    store.close()


def test_the_child_copies_an_encrypted_store_with_the_key_it_was_sent(tmp_path):
    store, _ctx, _a = filled(tmp_path / "data", passphrase=PASS)
    store.wrote = True
    child = daily_backup.after_command(store)
    assert child is not None
    assert child.wait(60) == 0
    made = _wait_for_backups(tmp_path / "data" / "backups", 1)
    assert len(made) == 1
    assert backups.check_backup(made[0], PASS).applicants >= 1  # encrypted, the store's passphrase
    store.close()


def test_a_second_child_finds_the_lock_taken_and_stops(tmp_path):
    store, _ctx, _a = filled(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    folder.mkdir(exist_ok=True)
    with open(folder / daily_backup.LOCK_NAME, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert daily_backup.child_main({"file": str(store.file), "folder": str(folder), "key": None}) is None
    assert backups.auto_backups(folder) == []
    assert daily_backup.child_main({"file": str(store.file), "folder": str(folder), "key": None}) is not None
    store.close()
