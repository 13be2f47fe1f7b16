"""Encryption at rest: an encrypted store shows no applicant data in its files, opens only with
its passphrase, and keeps its full-text search."""

from __future__ import annotations

import sqlite3

import pytest

from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.store import (
    PASSPHRASE_ENV,
    PassphraseError,
    Store,
    is_encrypted_store,
)
from ajfar_desk.services.users import setup

PASS = "سر الجمعية 2025"  # Arabic and Latin: keys are UTF-8
NID = make_national_id(1, "73915842")
NAMES = ("زمرّدة", "عطارد", "برهوم", "الفرزدقي")


def person() -> ApplicantInput:
    first, father, grand, family = NAMES
    return ApplicantInput(
        national_id=NID,
        first_name=first,
        father_name=father,
        grandfather_name=grand,
        family_name=family,
        birth_date="١٠/٤/١٤٤٦هـ",
        nationality="SA",
        gender="female",
        marital_status="single",
        phone="٠٥٠ ٩٨٧ ٦٥٤٣",
        city="الأجفر",
        district="الشفا",
        monthly_income="٢٬٠٠٠",
        category="family",
        consent=True,
    )


def secrets() -> list[bytes]:
    return [NID.encode()] + [n.encode("utf-8") for n in NAMES] + ["الفرزدقي".encode("utf-16-le")]


def leaks(data: bytes) -> list[bytes]:
    return [s for s in secrets() if s in data]


@pytest.fixture(autouse=True)
def no_env_passphrase(monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)


def make_encrypted(data_dir, passphrase=PASS):
    store = Store.open(data_dir, passphrase=passphrase)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "مدير")
    return store, ctx


def test_plain_store_does_show_the_name(tmp_path):
    """The leak check can see a leak: in a plain store the same data is readable."""
    store = Store.open(tmp_path)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "مدير")
    applicants.register(ctx, person())
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("ajfar-desk.sqlite*"))
    store.close()
    assert NID.encode() in raw and NAMES[3].encode() in raw


def test_no_applicant_data_in_the_encrypted_files_and_search_still_works(tmp_path):
    store, ctx = make_encrypted(tmp_path)
    view = applicants.register(ctx, person())
    requests.create_request(
        ctx, view.id, ctx.profile.programs[0].code, ctx.profile.channels[0].code
    )
    db, wal = tmp_path / "ajfar-desk.sqlite", tmp_path / "ajfar-desk.sqlite-wal"
    assert wal.is_file() and wal.stat().st_size > 0  # the write is in the WAL, still open
    assert leaks(db.read_bytes()) == [] and leaks(wal.read_bytes()) == []
    assert [h.id for h in search.search(ctx, "الفرزدقي")] == [view.id]
    store.close()

    assert not db.read_bytes().startswith(b"SQLite format 3\x00")
    assert is_encrypted_store(tmp_path)
    for path in tmp_path.rglob("*"):  # the store, a leftover WAL, the day's backup
        if path.is_file():
            assert leaks(path.read_bytes()) == [], path
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchall()

    again = Store.open(tmp_path, passphrase=PASS)
    ctx2 = setup.open_context(again)
    ctx2.user = setup.first_user(ctx2)
    assert [h.id for h in search.search(ctx2, "زمردة الفرزد")] == [view.id]  # FTS5, prefix
    assert applicants.get(ctx2, view.id, record_open=False).national_id == NID
    again.close()


def test_wrong_or_missing_passphrase_is_a_clear_error(tmp_path, english_messages):
    store, _ctx = make_encrypted(tmp_path)
    store.close()
    with pytest.raises(PassphraseError) as err:
        Store.open(tmp_path, passphrase="not the passphrase")
    assert err.value.field == "passphrase" and "Wrong passphrase" in err.value.message
    assert not err.value.missing
    with pytest.raises(PassphraseError) as err:
        Store.open(tmp_path)
    assert err.value.missing and PASSPHRASE_ENV in err.value.message
    store = Store.open(tmp_path, passphrase=PASS)  # still intact after the failed attempts
    assert store.meta()["association"] == "ajfar" and store.encrypted
    store.close()


def test_passphrase_from_the_environment(tmp_path, monkeypatch):
    make_encrypted(tmp_path)[0].close()
    monkeypatch.setenv(PASSPHRASE_ENV, PASS)
    store = Store.open(tmp_path)
    assert store.meta()["association"] == "ajfar"
    store.close()


def test_a_plain_store_ignores_a_passphrase(tmp_path):
    Store.open(tmp_path).close()
    store = Store.open(tmp_path, passphrase=PASS)
    assert not store.encrypted
    store.close()


def test_new_connections_use_the_derived_key(tmp_path):
    """Connections after the first cost a millisecond, not SQLCipher's key derivation."""
    import time

    store, ctx = make_encrypted(tmp_path)
    assert store.engine.url.password.startswith("x'")
    store.engine.dispose()
    started = time.perf_counter()
    for _ in range(5):
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM applicant").scalar()
        store.engine.dispose()
    assert (time.perf_counter() - started) / 5 < 0.05
    store.close()
