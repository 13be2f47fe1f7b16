"""0018_comm_chair adds a meeting's chair and what it carried over, in place: a meeting made
before it names no chair (a line to sign by hand) and its carried-over requests are not known;
the downgrade takes both columns away again."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import create_engine, text

from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.services.committee import committee
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users
from conftest import BACKENDS, PG_URL, _empty_postgres
from test_migration_0011 import _to

MEETING = uuid.UUID("0192f5c8-0000-7000-8000-000000000001")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_meeting_from_before_0018_names_no_chair(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    users.create_user(ctx, "member", "سعد", "committee", "password123")
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0017_password_change", down=True)
    with engine.begin() as conn:
        assert "chair" not in conn.execute(text("SELECT * FROM committee_meeting")).keys()
        conn.execute(text(
            "INSERT INTO committee_meeting (id, branch, number, hijri_year, held_on, members, status,"
            " created_at, updated_at) VALUES (:id, 'HQ', 1, 1448, :day, :members, 'closed',"
            " :now, :now)"),
            {"id": str(MEETING) if backend == "postgresql" else MEETING.hex,
             "day": dt.date(2026, 11, 19), "members": '["عضو لجنة البحث (حساب العرض)", "سعد"]',
             "now": dt.datetime(2026, 11, 19, 9, 0)})
    _to(engine, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT chair, carried_over FROM committee_meeting")).one() == (None, None)
    engine.dispose()
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "member", "password123")
        (meeting,) = committee.list_meetings(ctx)
        assert meeting.chair == "" and meeting.others == ("عضو لجنة البحث (حساب العرض)", "سعد")
        assert meeting.carried_over is None
    finally:
        store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0017_password_change", down=True)
    with engine.connect() as conn:
        assert "chair" not in conn.execute(text("SELECT * FROM committee_meeting")).keys()
    engine.dispose()
