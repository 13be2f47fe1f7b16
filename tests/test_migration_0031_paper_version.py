"""0031_paper_version: papers issued before it start at version 1, the column is added in place
(no table made again), a save then bumps it, and the downgrade takes it away again."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select, text

from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.db.models import IssuedDocument
from ajfar_desk.services.papers import documents
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from conftest import BACKENDS, PG_URL, _empty_postgres
from printing.scenario import submitted_request
from test_migration_0011 import _to, column_added_in_place


@pytest.mark.parametrize("backend", BACKENDS)
def test_papers_before_0031_start_at_one_and_a_save_bumps_it(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    _a, draft = submitted_request(ctx, submit=False)
    number = documents.issue(ctx, draft.id, "declaration").number
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    try:
        assert column_added_in_place(engine, "0030_import_runs", "issued_document",
                                     "version") == [1]
    finally:
        engine.dispose()
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "password123")
        documents.record_wet_signature(ctx, number)
        with ctx.reading() as s:
            assert s.scalars(select(IssuedDocument.version)).all() == [2]
    finally:
        store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    try:
        _to(engine, "0030_import_runs", down=True)
        with engine.connect() as conn:
            assert "version" not in conn.execute(text("SELECT * FROM issued_document")).keys()
        _to(engine, "head")
    finally:
        engine.dispose()
