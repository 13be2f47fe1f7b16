"""Three nodes of one association for exchange tests: head office and two branch laptops that
joined with head office's invitations (and know each other, so any two may exchange)."""

from __future__ import annotations

from sqlalchemy import select

from ajfar_desk.db import synced
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.sync import sync, sync_enrol, sync_node
from ajfar_desk.services.users import setup

PASSPHRASE = "correct horse battery"


def make_nodes(tmp_path, association="najran", branches=("SHR", "HBN"), hq_url=None):
    """Head office on SQLite, or on PostgreSQL with ``hq_url`` (as at a real head office); the
    laptops always on SQLite."""
    hq_store = Store.open(tmp_path / "hq", db_url=hq_url)
    hq = setup.init_store(hq_store, association, None, "admin", "password123", "مدير النظام")
    nodes = {"HQ": hq}
    for code in branches:
        invitation = sync_enrol.invite(hq, code, PASSPHRASE)
        ctx, _result = sync_enrol.join(Store.open(tmp_path / code), invitation, PASSPHRASE)
        setup.sign_in(ctx, "admin", "password123")
        nodes[code] = ctx
    for a in branches:  # the laptops know each other too
        for b in branches:
            if a != b:
                other = sync.node(nodes[b])
                sync.add_peer(nodes[a], other.id, b, other.public_key)
    return nodes


def nodes_on(backend: str, tmp_path, **kw):
    """``make_nodes`` with head office on ``backend`` ("postgresql": the test database as a new
    store finds it, migrated and empty, as the sync tests' ``nodes`` have it; else SQLite)."""
    url = None
    if backend == "postgresql":
        from conftest import PG_URL
        from stores import fresh_postgres

        fresh_postgres(PG_URL)  # rows deleted, not the schema dropped and migrated again (2-3 s)
        url = PG_URL
    return make_nodes(tmp_path, hq_url=url, **kw)


def exchange(src, dst) -> sync.ImportResult:
    return sync.import_bundle(dst, sync.export_bundle(src, sync.node(dst).id))


def content(ctx, leave_out: tuple[str, ...] = ()) -> dict:
    """Everything exchanged, table by table: what two converged nodes must hold alike (but the
    tables named in ``leave_out``, not read at all)."""
    out = {}
    with ctx.reading() as s:
        for table, cls in sorted(synced.synced_tables().items()):
            if table in leave_out:
                continue
            rows = s.scalars(select(cls)).all()
            out[table] = sorted(
                tuple(sorted(synced.row_values(table, r).items())) for r in rows
            )
    return out


def close(nodes) -> None:
    for ctx in nodes.values():
        ctx.store.close()


__all__ = ["make_nodes", "exchange", "content", "close", "sync_node"]
