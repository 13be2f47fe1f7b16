"""One store, many processes: the window's services and the command line write to one SQLite
file at once.  Closing any descriptor of a file drops every POSIX lock the process holds on it,
so nothing may open the store file by ordinary means while a connection is held: a command run
beside the window would then take the window's WAL away (SQLite deletes it when it believes its
connection is the last one), and the window would go on writing to an unlinked log."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import func, select

from ajfar_desk.db.engine import connect_file
from ajfar_desk.db.models import Applicant, User
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.store import backup as backups
from ajfar_desk.services.store.store import PASSPHRASE_ENV, Store, is_encrypted_store
from ajfar_desk.services.users import setup
from services.store.test_encryption import person
from test_cli import run_process as run  # the real command line, in another process

STORE = "ajfar-desk.sqlite"
PASS = "a long passphrase"

# A bare SQLite client in another process: opens the store, reads, closes.  When it believes it
# is the last connection (no other process holds a lock), SQLite checkpoints and deletes the WAL.
_PEEK = """
import sys
if sys.argv[2]:
    import sqlcipher3.dbapi2 as sqlite
else:
    import sqlite3 as sqlite
conn = sqlite.connect(sys.argv[1])
if sys.argv[2]:
    conn.execute("PRAGMA key = \\"" + sys.argv[2] + "\\"")
conn.execute("PRAGMA journal_mode=WAL")
print(conn.execute("SELECT count(*) FROM applicant").fetchone()[0])
conn.close()
"""


@pytest.fixture(autouse=True)
def no_env_passphrase(monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)


def peek(store: Store) -> int:
    key = store.engine.url.password if store.encrypted else ""
    done = subprocess.run(
        [sys.executable, "-c", _PEEK, str(store.file), key or ""],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def signed_in(store: Store):
    ctx = setup.open_context(store)
    ctx.user = setup.first_user(ctx)
    return ctx


def register(ctx, n: int):
    data = person()
    data.national_id = make_national_id(1, f"{50_000_000 + n:08d}")
    return applicants.register(ctx, data, confirm_similar=True)


def count(store: Store, model) -> int:
    with store.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def healthy(store: Store) -> None:
    """The file is sound (checked on a connection of its own) and its WAL still in place."""
    conn = connect_file(store.file, store.engine.url.password if store.encrypted else None)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    wal = store.file.with_name(store.file.name + "-wal")
    assert wal.exists(), "the WAL was deleted under an open connection"


@pytest.mark.parametrize("passphrase", [None, PASS], ids=["plain", "encrypted"])
def test_in_process_opening_keeps_the_locks(tmp_path, passphrase):
    """Whatever the process does beside an open store (asks whether it is encrypted, opens a
    second Store on it, backs it up), its connections keep their locks: another process closing
    its own connection leaves the WAL in place, and writes go on into a sound file."""
    data = tmp_path / "data"
    first = Store.open(data, passphrase=passphrase)
    ctx = setup.init_store(first, "ajfar", None, "admin", "password123", "مدير")
    register(ctx, 1)
    healthy(first)

    assert first.encrypted is (passphrase is not None)
    assert is_encrypted_store(data) is (passphrase is not None)
    assert peek(first) == 1
    healthy(first)
    second = Store.open(data, passphrase=passphrase)
    assert second.encrypted is (passphrase is not None)
    register(signed_in(second), 2)
    second.close()
    backups.backup(first, tmp_path / "copy.sqlite")

    assert peek(first) == 2
    healthy(first)
    register(ctx, 3)
    healthy(first)
    assert count(first, Applicant) == 3
    first.close()
    reopened = Store.open(data, passphrase=passphrase)
    healthy(reopened)
    assert count(reopened, Applicant) == 3
    reopened.close()


@pytest.mark.subprocess
def test_window_and_command_line_write_at_once(tmp_path):
    """The test process plays the window (a store held open, writes through the services, asks
    what the window asks); the real command line writes beside it several times."""
    data = tmp_path / "data"
    window = Store.open(data)
    ctx = setup.init_store(window, "ajfar", None, "admin", "password123", "مدير")
    env = {"AJFAR_NEW_USER_PASSWORD": "desk-password"}
    for n in range(3):
        assert window.encrypted is False  # what the window asks (first run, backup page)
        register(ctx, n)
        done = run(data, "users", "add", f"desk{n}", "--role", "front_desk", "--name", "نورة", env=env)
        assert done.returncode == 0, done.stderr
        healthy(window)
    done = run(data, "demo", "--applicants", "20")
    assert done.returncode == 0, done.stderr
    register(ctx, 99)
    healthy(window)

    on_window = (count(window, Applicant), count(window, User))
    listed = run(data, "users", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert on_window[1] == listed.stdout.count('"username"')
    assert on_window[0] == 4 + 20
    assert peek(window) == on_window[0]
    healthy(window)
    window.close()
