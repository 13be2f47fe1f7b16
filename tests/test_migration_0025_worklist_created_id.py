"""0025_worklist_created_id adds the (created_at, id, branch, reference) index in place, over the
requests a store already holds: «all», «today» and a reference typed list the same rows before
and after it; the downgrade takes it away again and leaves the rows."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from ajfar_desk.db.engine import make_engine
from ajfar_desk.services.requests import worklist
from ajfar_desk.services.requests.worklist import WorkFilter
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from conftest import BACKENDS
from test_migration_0011 import _to
from test_migration_0022_worklist_late_and_mine import sara_made_three

INDEX = "ix_support_request_created_id"


def _has_index(engine) -> bool:
    return INDEX in {ix["name"] for ix in inspect(engine).get_indexes("support_request")}


def _lists(url, backend, tmp_path, reference: str) -> list[list[str]]:
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "sara", "password123")
        return [[line.reference for line in worklist.page(ctx, f).lines] for f in (
            WorkFilter(group=worklist.ALL), WorkFilter(group=worklist.TODAY),
            WorkFilter(group=worklist.ALL, text=reference))]
    finally:
        store.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_requests_from_before_0024_are_listed_the_same_through_its_index(tmp_path, backend):
    url, made = sara_made_three(tmp_path, backend)
    newest = [r.reference for r in reversed(made)]
    expected = [newest, newest, [made[1].reference]]
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    assert _has_index(engine)
    _to(engine, "0024_member_income_given", down=True)
    assert not _has_index(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM support_request")).scalar() == 3
    engine.dispose()
    # the program opened on a store at 0023 migrates it: the index is built over its rows
    assert _lists(url, backend, tmp_path, made[1].reference) == expected
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    assert _has_index(engine)
    engine.dispose()
