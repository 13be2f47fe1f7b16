"""This installation as a node of the association: its id, its signing key, the association's
key, its clock; and the recording of every change from the moment the node exists."""

from __future__ import annotations

import base64
import os
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from ...db import change_log, synced
from ...db.models import StoreMeta
from ...db.sync_tables import SyncField, SyncLog, SyncRow
from ...domain.hlc import Clock, parse
from ..store.store import Store
from .sync_bundle import new_signing_key

NODE_ID, NODE_KEY, NODE_PUBLIC, ASSOCIATION_KEY = (
    "node_id", "node_signing_key", "node_public_key", "association_key")
HUB = "sync_hub"  # on a laptop: the node that enrolled it (head office); absent at head office
SEEDED = "sync_seeded"  # "0" while rows older than the node are not yet in the log
SEED_CHUNK = 2000


@dataclass
class Node:
    id: str  # 32 hex digits
    branch: str
    private_key: bytes
    public_key: bytes
    association_key: bytes
    clock: Clock


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


b64 = _b64


def hub(store: Store) -> str | None:
    """The node this one was enrolled by (head office), or None: this node is head office."""
    return store.meta().get(HUB) or None


def load(store: Store) -> Node | None:
    meta = store.meta()
    if NODE_ID not in meta:
        return None
    return Node(
        meta[NODE_ID], meta.get("branch", ""), base64.b64decode(meta[NODE_KEY]),
        base64.b64decode(meta[NODE_PUBLIC]), base64.b64decode(meta[ASSOCIATION_KEY]),
        Clock(meta[NODE_ID]),
    )


def create(
    store: Store,
    branch: str,
    association_key: bytes | None = None,
    node_id: str | None = None,
    keys: tuple[bytes, bytes] | None = None,
    has_rows: bool = False,
) -> Node:
    """Give this store a node identity (new keys unless given: a node joining with an invite
    brings its own).  Rows already in the store (``has_rows``) are logged by ``seed`` before the
    first bundle leaves, not now: opening an old, large store stays quick."""
    private, public = keys or new_signing_key()
    ident = node_id or uuid.uuid4().hex
    node = Node(ident, branch, private, public, association_key or os.urandom(32), Clock(ident))
    with store.transaction() as s:
        s.add_all([
            StoreMeta(key=NODE_ID, value=node.id),
            StoreMeta(key=NODE_KEY, value=_b64(private)),
            StoreMeta(key=NODE_PUBLIC, value=_b64(public)),
            StoreMeta(key=ASSOCIATION_KEY, value=_b64(node.association_key)),
            StoreMeta(key=SEEDED, value="0" if has_rows else "1"),
        ])
    attach(store, node)
    return node


def attach(store: Store, node: Node) -> Node:
    """Record changes from now on; the clock starts after the newest stamp held that it may
    adopt, ours or a received one, within the drift of our wall clock.  A stamp from a peer whose
    clock runs fast never drags ours, not even after a restart, nor does one of our own lent past
    such a stamp (``Clock.after``) or made while our clock was wrong: a later change of that field
    still orders after it (``after`` again), and the desk part of a new process's stamps keeps
    them apart from the old ones."""
    with store.reading() as s:
        newest = s.scalar(select(func.max(SyncLog.stamp)).where(SyncLog.stamp <= node.clock.horizon()))
    if newest:
        ms, counter, _n = parse(newest)
        node.clock.last_ms, node.clock.counter = max(node.clock.last_ms, ms), counter
    store.sessions.configure(info={"sync": change_log.Recorder(node.clock, node.id)})
    store.sync_node = node  # type: ignore[attr-defined]
    return node


def ensure(store: Store, branch: str) -> Node:
    """The store's node, created on first need (stores set up before the exchange existed)."""
    node = getattr(store, "sync_node", None) or load(store)
    if node is None:
        return create(store, branch, has_rows=True)
    if getattr(store, "sync_node", None) is None:
        attach(store, node)
    return node


def seed(store: Store, progress=None) -> int:
    """Log, as added rows, every row the log does not know yet (the content of a store older
    than its node), once, before the first bundle leaves.  A row changed since the node exists
    is logged whole here too, after its changes: a peer then receives its current values."""
    if store.meta().get(SEEDED, "1") == "1":
        return 0
    count = 0
    with store.transaction() as s:
        rec = s.info["sync"]
        conn = s.connection()
        for table, cls in synced.synced_tables().items():
            known = set(conn.execute(select(SyncRow.row_id).where(SyncRow.table_name == table)).scalars())
            kinds = synced.columns(table)
            t = cls.__table__
            batch: list[change_log.Entry] = []
            seeded: list[str] = []
            for row in conn.execute(select(*[t.c[k] for k in kinds])).mappings():
                if str(row["id"]) in known:
                    continue
                seeded.append(str(row["id"]))
                batch.append((table, str(row["id"]), "insert",
                              {k: synced.encode(kind, row[k]) for k, kind in kinds.items()}, {}))
                if len(batch) >= SEED_CHUNK:
                    change_log.write_log(s, rec, batch)
                    count, batch = count + len(batch), []
                    if progress:
                        progress("seed", count, 0)
            change_log.write_log(s, rec, batch)
            count += len(batch)
            # a field changed since the node exists now dates from this logging, as on a peer
            for start in range(0, len(seeded), SEED_CHUNK):
                conn.execute(delete(SyncField).where(
                    SyncField.table_name == table, SyncField.row_id.in_(seeded[start:start + SEED_CHUNK])))
        s.merge(StoreMeta(key=SEEDED, value="1"))
    return count
