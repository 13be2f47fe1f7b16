"""0014_latin_name gives every applicant the cross-script name key (computed from the name the
file already has) and, on SQLite, a name index with the key beside the name; the files before it are then
found by a Latin query; the downgrade goes back to the index of the name alone."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from conftest import BACKENDS, PG_URL, _empty_postgres
from services.applicants.test_id_types import pilgrim
from test_migration_0011 import _to


@pytest.mark.parametrize("backend", BACKENDS)
def test_files_before_0014_get_their_key_and_are_found_in_latin_letters(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    nid = make_national_id(1, "23456780")
    applicants.register(ctx, pilgrim(number=nid, country="", kind="", phone="0551234567",
                                     name=("فهد", "سعد", "علي", "القحطاني")))
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0013", down=True)
    with engine.connect() as conn:
        columns = conn.execute(text("SELECT * FROM applicant")).keys()
        assert "name_key" not in columns and "latin_name" not in columns
        if backend == "sqlite":
            assert conn.execute(text(
                "SELECT count(*) FROM applicant_fts WHERE applicant_fts MATCH 'القحطاني'")).scalar() == 1
    _to(engine, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name_key, latin_name FROM applicant")).one() == (
            "fhd sd al qhdn", None)
    engine.dispose()
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "password123")
        assert [h.national_id for h in search.search(ctx, "Fahad Alqahtani")] == [nid]
        assert [h.national_id for h in search.search(ctx, "القحطاني")] == [nid]
    finally:
        store.close()
