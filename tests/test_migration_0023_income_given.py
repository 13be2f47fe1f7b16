"""0023_income_given: files registered before it read as having said their income (their 0 is
shown as before: nothing tells them apart), the column is added in place (no table made again:
1,000,000 rows), a file then registered with no income reads «not said», and the downgrade
takes the column away again."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine

from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from conftest import BACKENDS, PG_URL, _empty_postgres
from test_migration_0011 import column_added_in_place

PERSON = dict(national_id="", id_type="none", first_name="سالم", family_name="الحربي",
              birth_date="1/1/1985", gender="male", consent=True)


@contextmanager
def migrated(tmp_path, backend: str, fill, before: str, table: str, column: str):
    """A store ``fill(ctx)`` wrote in, taken down to ``before`` and up again (``column`` of
    ``table`` added in place); yields the column's values for the rows from before, and the
    store opened again, signed in."""
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    fill(setup.init_store(store, "ajfar", None, "admin", "password123", "Admin"))
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    values = [bool(v) for v in column_added_in_place(engine, before, table, column)]
    engine.dispose()
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "password123")
        yield values, ctx
    finally:
        store.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_files_before_0023_said_their_income_and_an_empty_one_is_not_said(tmp_path, backend):
    def fill(ctx):
        applicants.register(ctx, ApplicantInput(**PERSON, monthly_income="0"))

    with migrated(tmp_path, backend, fill, "0022_worklist_late_and_mine", "applicant",
                  "income_given") as (given, ctx):
        assert given == [True]
        quiet = applicants.register(ctx, ApplicantInput(**{**PERSON, "first_name": "ناصر"}))
        assert not applicants.get(ctx, quiet.id).income_given
