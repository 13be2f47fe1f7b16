"""0017_password_change: accounts made before it keep their passwords as they are (the column
reads false: nobody is asked to change), the column is added in place, an account then given a
password by an administrator chooses its own, and the downgrade takes the column away."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, event, text

from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import own_password, setup, users
from conftest import BACKENDS, PG_URL, _empty_postgres
from test_migration_0011 import _to


@pytest.mark.parametrize("backend", BACKENDS)
def test_accounts_before_0017_are_not_asked_and_one_given_a_password_is(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    db_url = url if backend == "postgresql" else None
    store = Store.open(tmp_path, db_url=db_url)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    users.create_user(ctx, "clerk", "موظف", "front_desk", "password123")
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0016_birth_approx", down=True)
    with engine.connect() as conn:
        assert "must_change_password" not in conn.execute(text("SELECT * FROM app_user")).keys()
    said: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cur, sql, *rest: said.append(sql))
    _to(engine, "head")
    with engine.connect() as conn:
        assert not [sql for sql in said if "_alembic_tmp" in sql]
        assert [sql for sql in said if sql.startswith("ALTER TABLE app_user ADD COLUMN must_change")]
        flags = conn.execute(text("SELECT must_change_password FROM app_user")).scalars()
        assert [bool(v) for v in flags] == [False, False]
    engine.dispose()
    store = Store.open(tmp_path, db_url=db_url)
    try:
        ctx = setup.open_context(store)
        assert not setup.sign_in(ctx, "clerk", "password123").must_change_password
        setup.sign_in(ctx, "admin", "password123")
        clerk = next(u for u in users.list_users(ctx) if u.username == "clerk")
        users.update_user(ctx, clerk.id, password="given-pass-1", must_change_password=True)
        signed = setup.sign_in(ctx, "clerk", "given-pass-1")
        assert signed.must_change_password
        with pytest.raises(ValidationError):  # not the one given
            own_password.choose_own_password(ctx, "given-pass-1", "given-pass-1")
        with pytest.raises(ValidationError):  # typed twice the same
            own_password.choose_own_password(ctx, "my-own-pass", "my-own-pas")
        assert not own_password.choose_own_password(ctx, "my-own-pass", "my-own-pass") \
            .must_change_password
        assert not setup.sign_in(ctx, "clerk", "my-own-pass").must_change_password
    finally:
        store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0016_birth_approx", down=True)
    with engine.connect() as conn:
        assert "must_change_password" not in conn.execute(text("SELECT * FROM app_user")).keys()
    engine.dispose()
