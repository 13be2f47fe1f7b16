"""0009 gives every audit entry and head a chain id: entries written before keep their hashes
and the log verifies after the upgrade, on SQLite and PostgreSQL; new entries continue it; the
downgrade brings the branch's chain back."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from ajfar_desk.db import migrate
from ajfar_desk.db.engine import make_engine, sqlite_url
from ajfar_desk.domain.audit import GENESIS, entry_hash
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import audit, setup
from conftest import BACKENDS, PG_URL, _empty_postgres


def _to(engine, revision: str, down: bool = False) -> None:
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def _old_entries(conn) -> None:
    prev = GENESIS
    for seq in (1, 2):
        at = dt.datetime(2026, 1, seq, 8, 0, tzinfo=dt.UTC)
        fields = {"seq": seq, "at": at.isoformat(), "branch": "HQ", "user_id": "", "action": "open",
                  "entity": "applicant", "entity_id": f"T{seq}", "details": ""}
        digest = entry_hash(prev, fields)
        conn.execute(text(
            "INSERT INTO audit_log(id, at, branch, user_id, action, entity, entity_id, details, seq,"
            " prev_hash, hash) VALUES (:id, :at, 'HQ', NULL, 'open', 'applicant', :e, '', :seq,"
            " :prev, :hash)"), {"id": uuid.uuid4(), "at": at, "e": f"T{seq}", "seq": seq,
                                "prev": prev, "hash": digest})
        prev = digest
    conn.execute(text("INSERT INTO audit_head(branch, seq, hash) VALUES ('HQ', 2, :h)"), {"h": prev})


@pytest.mark.parametrize("backend", BACKENDS)
def test_entries_before_0009_verify_after_it_and_the_chain_goes_on(tmp_path, backend):
    url = PG_URL if backend == "postgresql" else sqlite_url(tmp_path)
    if backend == "postgresql":
        _empty_postgres(PG_URL)
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "Admin")
    for i in range(3):
        with ctx.uow() as s:
            ctx.audit(s, "test", "thing", f"T{i}")
    store.close()
    engine = make_engine(url) if backend == "sqlite" else create_engine(url)
    _to(engine, "0007", down=True)  # as a store written before 0009 (a desk's lanes are dropped)
    with engine.begin() as conn:
        if not conn.execute(text("SELECT count(*) FROM audit_log")).scalar():
            _old_entries(conn)  # head office: its entries were in lanes; two from before lanes
        assert conn.execute(text("SELECT count(*) FROM audit_head")).scalar() >= 1
    _to(engine, "head")
    engine.dispose()
    (tmp_path / "audit-anchor.json").unlink()  # no anchors before 0009 either
    store = Store.open(tmp_path, db_url=url if backend == "postgresql" else None)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "password123")
        with ctx.uow() as s:
            ctx.audit(s, "test", "thing", "after")
        assert audit.verify(ctx) == []
    finally:
        store.close()
