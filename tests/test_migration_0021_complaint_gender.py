"""0021_complaint_gender adds a complaint's complainant gender in place: a complaint made before
it says none (the usual words); the downgrade takes the column away again."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, text

from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.services.feedback import complaints
from ajfar_desk.services.feedback.complaints import ComplaintInput
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from conftest import BACKENDS, PG_URL, _empty_postgres
from test_migration_0011 import _to

DAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_complaint_from_before_0021_says_no_gender(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    made = complaints.record_complaint(ctx, ComplaintInput(
        kind="complaint", channel="phone", category="delay", subject="تأخر",
        contact_name="منيرة", contact_gender="female"), today=DAY)
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0020_worklist_index", down=True)
    with engine.connect() as conn:
        assert "contact_gender" not in conn.execute(text("SELECT * FROM complaint")).keys()
    _to(engine, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT contact_gender FROM complaint")).scalar_one() is None
    engine.dispose()
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "password123")
        assert complaints.get_complaint(ctx, made.id).complainant_gender is None
    finally:
        store.close()
