"""0022_worklist_late_and_mine adds the desk list's two indexes in place, over the requests a
store already holds: «late first» and «made by me» list the same rows before and after it; the
downgrade takes both indexes away again and leaves the rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import create_engine, inspect, text

from accounts import staff_accounts
from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.requests import requests, worklist
from ajfar_desk.services.requests.worklist import WorkFilter
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from conftest import BACKENDS, PG_URL, _empty_postgres
from request_states import put
from services.requests.test_worklist import person
from test_migration_0011 import _to

INDEXES = {"ix_support_request_status_branch_due", "ix_support_request_creator_status_branch_created"}


def _indexes(engine) -> set[str]:
    return {ix["name"] for ix in inspect(engine).get_indexes("support_request")} & INDEXES


def _lists(url, backend, tmp_path) -> tuple[list[str], list[str]]:
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "sara", "password123")
        late = [line.reference for line in worklist.page(ctx, WorkFilter(overdue_first=True)).lines]
        mine = [line.reference for line in worklist.page(ctx, WorkFilter(group=worklist.ALL, mine=True)).lines]
        return late, mine
    finally:
        store.close()


def sara_made_three(tmp_path, backend, then: Callable = lambda _ctx, _made: None) -> tuple[str, list]:
    """A new store (``backend``) where Sara of the desk made three requests (``then(ctx, made)``
    runs before it is closed): its URL and the requests."""
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    staff_accounts(ctx, {"sara": ("front_desk", "سارة")}, "password123")("sara")
    who = applicants.register(ctx, person("سالم", "الدوسري", "01234567"), confirm_similar=True)
    made = [requests.create_request(ctx, who.id, ctx.profile.programs[0].code, ctx.profile.channels[0].code)
            for _ in range(3)]
    then(ctx, made)
    store.close()
    return url, made


@pytest.mark.parametrize("backend", BACKENDS)
def test_requests_from_before_0022_are_listed_the_same_through_its_indexes(tmp_path, backend):
    def late(ctx, made):
        for request, days in zip(made, (3, 8, 0), strict=True):
            put(ctx, request.id, status="submitted", answer_due=dt.date.today() - dt.timedelta(days=days))

    url, made = sara_made_three(tmp_path, backend, late)
    expected = ([made[k].reference for k in (1, 0, 2)], [made[k].reference for k in (2, 1, 0)])
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    assert _indexes(engine) == INDEXES
    _to(engine, "0021_complaint_gender", down=True)
    assert _indexes(engine) == set()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM support_request")).scalar() == 3
    engine.dispose()
    # the program opened on a store at 0021 migrates it: the indexes are built over its rows
    assert _lists(url, backend, tmp_path) == expected
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    assert _indexes(engine) == INDEXES
    engine.dispose()
