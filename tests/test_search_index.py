"""The SQLite name index: bulk loading with one indexing pass, rebuilding, short prefixes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import OperationalError

from ajfar_desk.db import bulk_writes, search_index
from ajfar_desk.db.base import new_id
from ajfar_desk.db.models import Applicant
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.domain.text import normalize_name
from ajfar_desk.services.applicants import search
from ajfar_desk.services.store.store import Store
from conftest import BACKENDS, PG_URL
from stores import fresh_postgres
from syncnodes import close, exchange, make_nodes


def _row(i: int, name: str) -> dict:
    now = dt.datetime.now(dt.UTC)
    return {
        "id": new_id(), "branch": "HQ", "created_at": now, "updated_at": now,
        "national_id": make_national_id(1, f"{i:08d}"), "id_type": "national_id",
        "first_name": name.split()[0], "father_name": "", "grandfather_name": "",
        "family_name": name.split()[-1], "full_name": name, "name_norm": normalize_name(name),
        "birth_date": dt.date(1980, 1, 1), "nationality": "SA", "gender": "male",
        "marital_status": "single", "phone": f"+96650{i:07d}", "phone2": None, "city": "حائل",
        "district": "", "monthly_income": 0, "category": "family", "consent_at": now, "notes": "",
    }


def _consistent(conn) -> tuple[int, int, int]:
    applicants = conn.execute(text("SELECT count(*) FROM applicant")).scalar()
    indexed = conn.execute(text("SELECT count(*) FROM applicant_fts")).scalar()
    matching = conn.execute(text(
        "SELECT count(*) FROM applicant a JOIN applicant_fts f ON f.rowid = a.search_key"
        " WHERE f.name = a.name_norm"
    )).scalar()
    return applicants, indexed, matching


@pytest.fixture
def sqlite_ctx(ctx):
    if ctx.store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite full-text index")
    return ctx


def test_keyed_load_indexes_rows_by_the_keys_it_gave_and_keeps_the_triggers(sqlite_ctx):
    ctx = sqlite_ctx
    with ctx.store.engine.begin() as conn:
        conn.execute(insert(Applicant), [_row(1, "محمد عبدالله العتيبي")])  # through the trigger
        with search_index.keyed_load(conn) as keys:
            assert keys is not None
            conn.execute(insert(Applicant), [
                {**_row(i, f"نورة سعد الشهري{'ي' * i}"), "search_key": keys.take()} for i in range(2, 4)])
            keys.index()
            assert _consistent(conn) == (3, 3, 3)  # indexed as they go
            conn.execute(insert(Applicant), [{**_row(4, "نورة سعد الشهريييي"), "search_key": keys.take()}])
            conn.execute(insert(Applicant), [_row(5, "سارة فهد الدوسري")])  # no key: indexed too
        assert _consistent(conn) == (5, 5, 5)
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM applicant_fts WHERE applicant_fts MATCH 'name : \"الدوسري\"'"
        ).scalar() == 1
    with ctx.store.engine.begin() as conn:
        conn.execute(insert(Applicant), [_row(9, "فهد ناصر الحربي")])  # triggers are back
        assert _consistent(conn) == (6, 6, 6)


def test_bulk_load_indexes_new_rows_once_and_keeps_the_triggers(sqlite_ctx):
    ctx = sqlite_ctx
    with ctx.store.engine.begin() as conn:
        conn.execute(insert(Applicant), [_row(1, "محمد عبدالله العتيبي")])  # through the trigger
        with search_index.bulk_load(conn):
            conn.execute(insert(Applicant), [_row(i, f"نورة سعد الشهري{'ي' * i}") for i in range(2, 6)])
        assert _consistent(conn) == (5, 5, 5)
    with ctx.store.engine.begin() as conn:
        conn.execute(insert(Applicant), [_row(9, "فهد ناصر الحربي")])  # triggers are back
        assert _consistent(conn) == (6, 6, 6)
    assert len(search.search(ctx, "س")) == 4  # one letter: served by the prefix index
    assert len(search.search(ctx, "فهد الح")) == 1


def test_rebuild_repairs_the_index(sqlite_ctx):
    ctx = sqlite_ctx
    with ctx.store.engine.begin() as conn:
        conn.execute(insert(Applicant), [_row(i, f"سارة محمد القحطاني{'ي' * i}") for i in range(1, 4)])
        conn.execute(text("DELETE FROM applicant_fts"))
        assert search.search(ctx, "سارة") == []
        assert search_index.rebuild(conn) == 3
        assert _consistent(conn) == (3, 3, 3)
    assert len(search.search(ctx, "ساره القح")) == 3


@pytest.mark.parametrize("hq_backend", BACKENDS)
def test_files_received_in_a_bundle_are_indexed_in_one_pass(tmp_path, hq_backend):
    """The merge adds received files with the index triggers off and indexes them at the end:
    the index still holds every name, and the triggers are back for what follows."""
    url = None
    if hq_backend == "postgresql":
        fresh_postgres(PG_URL)
        url = PG_URL
    nodes = make_nodes(tmp_path, branches=("SHR",), hq_url=url)
    try:
        hq, shr = nodes["HQ"], nodes["SHR"]
        with shr.store.engine.begin() as conn:  # one file there, through the trigger (not sent)
            conn.execute(insert(Applicant), [_row(1, "محمد عبدالله العتيبي")])
        with hq.uow() as s:
            bulk_writes.bulk_insert(s, Applicant, [
                {k: v for k, v in _row(i, f"هند سالم الدوسري{'ي' * i}").items() if k != "id"}
                for i in range(2, 7)])
        assert exchange(hq, shr).applied >= 5
        with shr.store.engine.begin() as conn:
            assert _consistent(conn) == (6, 6, 6)
            names = {r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            assert {"applicant_fts_ai", "applicant_fts_au", "applicant_fts_ad"} <= names
        assert len(search.search(shr, "هند الدوس")) == 5
        with shr.uow() as s:  # a rename after the import goes through the trigger again
            row = s.scalars(select(Applicant).where(Applicant.national_id == make_national_id(1, "00000002"))).one()
            row.name_norm = normalize_name("هند سالم الحربي")
        assert len(search.search(shr, "هند الحرب")) == 1
        assert exchange(shr, hq).conflicts == 0  # the rename back at head office
        if hq_backend == "sqlite":
            with hq.store.engine.begin() as conn:
                assert _consistent(conn) == (5, 5, 5)
        assert len(search.search(hq, "هند الحرب")) == 1
        assert len(search.search(hq, "هند الدوس")) == 4
    finally:
        close(nodes)


@pytest.mark.parametrize("load", ["keyed_load", "bulk_load"])
def test_a_load_turns_the_triggers_off_inside_its_transaction_only(sqlite_ctx, load):
    """The triggers are dropped inside the load's own transaction: the window beside an import
    still sees them (its registrations are indexed as they are saved, and none takes a key the
    import counted on), and a load that fails (or a process killed mid-import) leaves them in
    place.  pysqlite runs DDL outside a transaction unless one is open: the load opens it."""
    ctx = sqlite_ctx
    triggers = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
    with ctx.store.engine.connect() as conn:
        before = conn.exec_driver_sql(triggers).scalar()
    window = Store.open(ctx.store.data_dir)  # a second connection on the same file
    try:
        with pytest.raises(RuntimeError), ctx.store.engine.connect() as conn:
            with getattr(search_index, load)(conn):
                with window.engine.connect() as other:
                    assert other.exec_driver_sql(triggers).scalar() == before
                    other.exec_driver_sql("PRAGMA busy_timeout = 0")
                    with pytest.raises(OperationalError, match="locked"):  # no key taken meanwhile
                        other.exec_driver_sql("BEGIN IMMEDIATE")
                    other.exec_driver_sql("PRAGMA busy_timeout = 5000")
                raise RuntimeError("a refused row")
        with window.engine.connect() as other:
            assert other.exec_driver_sql(triggers).scalar() == before
    finally:
        window.close()
