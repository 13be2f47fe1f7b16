"""0016_birth_approx: files registered before it keep their exact birth date (the column reads
false), a file then saved "about 1980" is found by the name search, and the downgrade takes the
column away again."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, event, text

from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from conftest import BACKENDS, PG_URL, _empty_postgres
from test_migration_0011 import _to

PERSON = dict(national_id="", id_type="none", first_name="سالم", family_name="الحربي",
              birth_date="1/1/1985", gender="male", consent=True)


@pytest.mark.parametrize("backend", BACKENDS)
def test_files_before_0016_have_an_exact_birth_date_and_an_approximate_one_follows(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    applicants.register(ctx, ApplicantInput(**PERSON))
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0015_user_gender", down=True)
    with engine.connect() as conn:
        assert "birth_approx" not in conn.execute(text("SELECT * FROM applicant")).keys()
    said: list[str] = []  # added in place, not by making the table again (1M rows: minutes)
    event.listen(engine, "before_cursor_execute", lambda conn, cur, sql, *rest: said.append(sql))
    _to(engine, "head")
    with engine.connect() as conn:
        assert not [sql for sql in said if "_alembic_tmp" in sql]
        assert [sql for sql in said if sql.startswith("ALTER TABLE applicant ADD COLUMN birth_approx")]
        assert [bool(v) for v in conn.execute(text("SELECT birth_approx FROM applicant")).scalars()] == [False]
    engine.dispose()
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "password123")
        about = applicants.register(ctx, ApplicantInput(**{**PERSON, "first_name": "ناصر",
                                                          "birth_date": "1980", "birth_approx": True}))
        assert about.birth_approx and about.birth_date.year == 1980
        assert [h.birth_approx for h in search.search(ctx, "ناصر")] == [True]
        assert [h.birth_approx for h in search.search(ctx, "سالم")] == [False]
    finally:
        store.close()
