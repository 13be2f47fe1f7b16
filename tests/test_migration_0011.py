"""0011 gives every applicant an identity type: the files before it stay national IDs and
iqamas (as their first digit said), on SQLite and PostgreSQL; the name index still finds them;
the new key lets a passport share a number with another country's; the downgrade goes back."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, event, text

from ajfar_desk.db import migrate
from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from conftest import BACKENDS, PG_URL, _empty_postgres
from services.applicants.test_id_types import pilgrim


def _to(engine, revision: str, down: bool = False) -> None:
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


@pytest.mark.parametrize("backend", BACKENDS)
def test_files_before_0011_keep_their_saudi_type(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    citizen, resident = make_national_id(1, "23456780"), make_national_id(2, "34567890")
    for nid, name in ((citizen, ("فهد", "سعد", "علي", "القحطاني")), (resident, ("سمير", "أحمد", "حسن", "المصري"))):
        applicants.register(ctx, pilgrim(number=nid, country="", kind="", name=name,
                                         phone="0551234567"), confirm_similar=True)
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0010", down=True)
    with engine.connect() as conn:
        kinds = dict(conn.execute(text("SELECT national_id, id_kind FROM applicant")).all())
    assert kinds == {citizen: "citizen", resident: "resident"}
    _to(engine, "head")
    with engine.connect() as conn:
        rows = set(conn.execute(text("SELECT national_id, id_type, id_country FROM applicant")).all())
    assert rows == {(citizen, "national_id", ""), (resident, "iqama", "")}
    engine.dispose()
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "password123")
        assert [h.national_id for h in search.search(ctx, "القحطاني")] == [citizen]  # the index
        assert [h.national_id for h in search.search(ctx, "المصري")] == [resident]
        one = applicants.register(ctx, pilgrim(country="EG", name=("أحمد", "محمد", "سليمان", "المصري")))
        two = applicants.register(ctx, pilgrim(country="PK", name=("عمران", "محمد", "خان", "الباكستاني")))
        assert one.id != two.id and one.national_id == two.national_id == "A1234567"
    finally:
        store.close()


def column_added_in_place(engine, before: str, table: str, column: str) -> list:
    """Down to ``before``, where ``table`` has no ``column``, then up to head: the column is added
    by ``ALTER TABLE … ADD COLUMN`` (no table made again: 1,000,000 rows); its values after."""
    _to(engine, before, down=True)
    with engine.connect() as conn:
        assert column not in conn.execute(text(f"SELECT * FROM {table}")).keys()
    said: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cur, sql, *rest: said.append(sql))
    _to(engine, "head")
    with engine.connect() as conn:
        assert not [sql for sql in said if "_alembic_tmp" in sql]
        assert [sql for sql in said if sql.startswith(f"ALTER TABLE {table} ADD COLUMN {column}")]
        return list(conn.execute(text(f"SELECT {column} FROM {table}")).scalars())
