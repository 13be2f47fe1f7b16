"""0024_member_income_given: household members recorded before it read as having said their
income (their 0 as before), the column is added in place (no table made again), a member then
added with no income reads «not said», and the downgrade takes the column away again."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from conftest import BACKENDS, PG_URL, _empty_postgres
from test_migration_0011 import column_added_in_place
from test_migration_0023_income_given import PERSON


@pytest.mark.parametrize("backend", BACKENDS)
def test_members_before_0024_said_their_income_and_an_empty_one_is_not_said(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    a = applicants.register(ctx, ApplicantInput(**PERSON, monthly_income="0"))
    applicants.add_member(ctx, a.id, applicants.MemberInput("سارة", "daughter", "female", monthly_income="0"))
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    given = column_added_in_place(engine, "0023_income_given", "household_member", "income_given")
    assert [bool(v) for v in given] == [True]
    engine.dispose()
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "password123")
        applicants.add_member(ctx, a.id, applicants.MemberInput("فهد", "son", "male"))
        assert [m.income_given for m in applicants.get(ctx, a.id).members] == [True, False]
    finally:
        store.close()
