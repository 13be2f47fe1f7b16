"""This installation as a node of the association: its id, its signing key, the association's
key, its clock; and the recording of every change from the moment the node exists."""

from __future__ import annotations

import base64
import os
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from ..db import change_log
from ..db.models import StoreMeta
from ..db.sync_tables import SyncLog
from ..domain.hlc import Clock, parse
from .store import Store
from .sync_bundle import new_signing_key

NODE_ID, NODE_KEY, NODE_PUBLIC, ASSOCIATION_KEY = (
    "node_id", "node_signing_key", "node_public_key", "association_key")
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
) -> Node:
    """Give this store a node identity (new keys unless given: a node joining with an invite
    brings its own) and record every row already in it, so a peer receives them too."""
    private, public = keys or new_signing_key()
    node = Node(node_id or uuid.uuid4().hex, branch, private, public,
                association_key or os.urandom(32), Clock(node_id or ""))
    node.clock = Clock(node.id)
    with store.transaction() as s:
        s.add_all([
            StoreMeta(key=NODE_ID, value=node.id),
            StoreMeta(key=NODE_KEY, value=_b64(private)),
            StoreMeta(key=NODE_PUBLIC, value=_b64(public)),
            StoreMeta(key=ASSOCIATION_KEY, value=_b64(node.association_key)),
        ])
    attach(store, node)
    seed(store, node)
    return node


def attach(store: Store, node: Node) -> Node:
    """Record changes from now on; the clock starts after the newest stamp held."""
    with store.reading() as s:
        newest = s.scalar(select(func.max(SyncLog.stamp)))
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
        return create(store, branch)
    if getattr(store, "sync_node", None) is None:
        attach(store, node)
    return node


def seed(store: Store, node: Node) -> int:
    """Log every row not yet logged (the content of a store older than its node)."""
    count = 0
    with store.transaction() as s:
        rec = s.info["sync"]
        logged = {(t, r) for t, r in s.execute(select(SyncLog.table_name, SyncLog.row_id))}
        for table, cls in change_log.synced_tables().items():
            rows = s.scalars(select(cls)).yield_per(SEED_CHUNK)
            batch = []
            for row in rows:
                if (table, str(row.id)) in logged:
                    continue
                batch.append((table, str(row.id), "insert", change_log.row_values(table, row), {}))
                if len(batch) >= SEED_CHUNK:
                    change_log.write_log(s, rec, batch)
                    count, batch = count + len(batch), []
            change_log.write_log(s, rec, batch)
            count += len(batch)
    return count
