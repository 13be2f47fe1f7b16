"""The SQLite name index: bulk loading with one indexing pass, rebuilding, short prefixes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, text

from ajfar_desk.db import search_index
from ajfar_desk.db.base import new_id
from ajfar_desk.db.models import Applicant
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.domain.text import normalize_name
from ajfar_desk.services import search


def _row(i: int, name: str) -> dict:
    now = dt.datetime.now(dt.UTC)
    return {
        "id": new_id(), "branch": "HQ", "created_at": now, "updated_at": now,
        "national_id": make_national_id(1, f"{i:08d}"), "id_kind": "citizen",
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
