"""0014_coordination adds the applicant's consent to coordination (off for every earlier file) and the
consortium's tables; the name index still finds the files; the downgrade goes back."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.services.applicants import search
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from conftest import BACKENDS, PG_URL, _empty_postgres
from consortium import nid, register
from test_migration_0011 import _to

TABLES = {"coordination_consortium", "coordination_member", "coordination_export", "coordination_reveal"}


@pytest.mark.migrations
@pytest.mark.parametrize("backend", BACKENDS)
def test_earlier_files_have_not_consented_and_stay_searchable(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    register(ctx, nid(9), family="الدوسري")  # consents, but goes back to before 0014
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0013", down=True)
    assert not TABLES & set(inspect(engine).get_table_names())
    _to(engine, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT coordination_consent FROM applicant")).scalars().all() == [False]
    assert TABLES <= set(inspect(engine).get_table_names())
    engine.dispose()
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "password123")
        assert [h.national_id for h in search.search(ctx, "الدوسري")] == [nid(9)]
        register(ctx, nid(10), family="الشهري")  # the triggers index a new file too
        assert [h.national_id for h in search.search(ctx, "الشهري")] == [nid(10)]
    finally:
        store.close()
