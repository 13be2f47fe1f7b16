"""0015_user_gender gives every account a gender: the accounts made before it read "male" (the
titles they had), a woman's is corrected afterwards and named in the feminine; the downgrade
takes the column away again."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users
from conftest import BACKENDS, PG_URL, _empty_postgres
from test_migration_0011 import _to


@pytest.mark.parametrize("backend", BACKENDS)
def test_accounts_before_0015_read_male_and_a_woman_is_then_named_in_the_feminine(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    users.create_user(ctx, "huda", "هدى الحربي", "front_desk", "password123", "female")
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0014_latin_name", down=True)
    with engine.connect() as conn:
        assert "gender" not in conn.execute(text("SELECT * FROM app_user")).keys()
    _to(engine, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT gender FROM app_user")).scalars().all() == ["male", "male"]
    engine.dispose()
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "password123")
        huda = next(u for u in users.list_users(ctx) if u.username == "huda")
        assert huda.title == "موظف علاقات المستفيدين"
        assert users.update_user(ctx, huda.id, gender="female").title == "موظفة علاقات المستفيدين"
    finally:
        store.close()
