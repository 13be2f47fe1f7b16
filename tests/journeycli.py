"""Helpers for the command-line journey tests: stores with one account per role, and the command
line run in this process as one of them."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from argon2 import PasswordHasher

from ajfar_desk.cli import main as cli
from ajfar_desk.i18n import set_language
from ajfar_desk.services.store import daily_backup
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users
from clirun import backup_now

STORE_FILE = "ajfar-desk.sqlite"
STAFF = {  # user name: (role, full name)
    "desk": ("front_desk", "Noura Al-Qahtani"),
    "researcher": ("researcher", "Huda Al-Otaibi"),
    "member": ("committee", "Fahd Al-Dosari"),
    "boss": ("manager", "Sara Al-Harbi"),
}
PASSWORD = "{}-pass-2026"
# per association: the program, its category, the eligibility conditions the desk confirms
JOURNEYS = {
    "ajfar": ("food_aid", "family", ()),
    "baraa": ("tutoring", "student", ()),
    "alhuda": ("relief", "pilgrim", ()),  # a pilgrim with a passport
    "aman": ("community_families", "family", ("case_verified",)),
    "najran": ("consumer_consultation", "consumer", ()),
}


DB_URL: list[str] = []  # ["--db-url", URL]: the commands use that database (set by a test)


def store_maker(tmp_path, monkeypatch, db_url: str | None = None):
    """``make(association)``: a new store with the administrator and the STAFF accounts (in the
    database at ``db_url``, else the folder's SQLite file)."""
    if db_url:
        monkeypatch.setattr("journeycli.DB_URL", ["--db-url", db_url])
    for name in ("AJFAR_USER", "AJFAR_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    # argon2 as at the window, with the cheapest parameters: a test signs in two dozen times
    monkeypatch.setattr(setup, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))

    def make(association: str):
        data = tmp_path / association
        store = Store.open(data, db_url=db_url)
        try:
            ctx = setup.init_store(store, association, None, "admin", "admin-pass-2026")
            for username, (role, full_name) in STAFF.items():
                users.create_user(ctx, username, full_name, role, PASSWORD.format(username))
        finally:
            store.close()
        return data

    return make


def cli_run(data, *args: str) -> tuple[int, str, str]:
    """The command in this process; the day's backup a writing command leaves to a detached
    child is made by the child's code here (as ``clirun.run_cli`` does)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                pytest.MonkeyPatch.context() as mp:
            mp.setattr(daily_backup, "start_child", backup_now)
            code = cli.main(["--data-dir", str(data), *DB_URL, "--lang", "en", *args])
    finally:
        set_language("ar")  # the CLI switched the process's language
    return code, out.getvalue(), err.getvalue()


def run(data, *args: str, user: str | None = None) -> tuple[int, str, str]:
    """The command line in this process; ``user`` signs in with their password ($AJFAR_PASSWORD)."""
    if not user:
        return cli_run(data, *args)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AJFAR_PASSWORD", PASSWORD.format(user))
        return cli_run(data, "--user", user, *args)


def ok(data, *args: str, user: str | None = None) -> str:
    code, out, err = run(data, *args, user=user)
    assert code == 0, (args, err)
    return out


# per association: the immediate service delivered at the desk the same day, and its conditions
IMMEDIATE = {"alhuda": ("guidance", ()), "aman": ("events", ("event_suitability", "invitation"))}
PASSPORT = ("A7788990", "ID")  # Al-Huda's pilgrim: an Indonesian passport


def register(data, association: str, category: str, nid: str) -> str:
    """The applicant registered with ``applicants add`` by the front desk; returns the number the
    other commands find them by (Al-Huda's pilgrim holds a passport)."""
    if association == "alhuda":
        number, country = PASSPORT
        identity = ["--id-type", "passport", "--id", number, "--id-country", country]
    else:
        number, identity = nid, ["--id-type", "national_id", "--id", nid]
    added = json.loads(ok(data, "applicants", "add", *identity, "--name", "سعد محمد فهد الشهري",
                          "--birth-date", "1985-03-01", "--gender", "male", "--category", category,
                          "--city", "الرياض",
                          "--phone", "0551234567", "--json", user="desk"))
    assert added["id_number"] == number and added["category"] == category
    return number


def add_documents(data, association: str, program: str, nid: str) -> None:
    from ajfar_desk.domain.profile import get_profile

    profile = get_profile(association)
    for i, kind in enumerate(profile.program(program).required_documents):
        number = nid if kind == "national_id" else f"D{i}-5511"
        expires = ["--expires", "2031-06-30"] if profile.document_kind(kind).has_expiry else []
        out = ok(data, "documents", "add", nid, "--kind", kind, "--number", number, *expires,
                 "--json", user="desk")
        assert json.loads(out)["kind"] == kind


def status(data, reference: str) -> str:
    listed = json.loads(ok(data, "requests", "list", "--json"))
    return next(r["status"] for r in listed if r["reference"] == reference)


