"""Appending to the hash-chained audit log, without audited writes waiting for each other.

Chains.  Every entry belongs to one chain (``audit_log.chain``) and carries its place in it
(``seq``) and the hash of the entry before it (``prev_hash``); its own ``hash`` covers its fields,
its chain id (for a lane) and that previous hash, so an entry edited, removed, inserted or moved
to another chain breaks the chain.  ``audit_head`` holds each chain's last (seq, hash).

* On SQLite (a branch laptop: one writer at a time by design) a branch has one chain, named after
  the branch; the first entry of a transaction bumps its head row, which takes the write lock.
* On PostgreSQL (head office, many desks on one database) every desk - a data folder, named by
  its ``desk-id`` file - writes to *lanes* of its own: ``<branch>.<desk>.<lane>``.  A transaction
  takes the first of its desk's lanes that no other transaction holds (``FOR UPDATE SKIP
  LOCKED``) or opens a new lane, and holds that head row until it commits.  Two desks - or two
  windows of one desk - never wait for each other's audit entries; there are only ever as many
  lanes as transactions that were open at once.  The head row a transaction moved is written
  by the flush's log statement (an UPDATE inside its WITH, ``change_log.HEAD_PENDING``), not by
  a statement of its own before the commit.

How the log stays tamper-evident.  Verification (``services.users.audit.verify``) walks every chain from
its first entry: each link must hold, each ``seq`` follow the last, and the last entry match the
head row.  Order *between* chains is the entries' time (``at``), which is hashed too.  Removing a
whole chain, or cutting a chain and fixing its head row, or re-hashing it, is found with the
chain heads anchored outside the store (``services.users.audit_anchor``): after every audited commit
the desk signs its chains' new heads with the node's key into the data folder's anchor file, and
every bundle and every backup carries a signed anchor of all heads.  An entry the program did not
write shows as an entry beyond the last head the desk anchored.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import threading
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import bindparam, event, insert, outerjoin, select, true, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from ...db import audit_rows, new_rows
from ...db.base import new_id, utcnow
from ...db.change_log import HEAD_PENDING, HEAD_WRITTEN
from ...db.models import AuditEntry, AuditHead, User
from ...db.profile_versions import IN_FORCE_SEQ
from ...domain.audit import GENESIS, entry_hash

DESK_FILE = "desk-id"


def as_fields(entry: AuditEntry) -> dict:
    """An entry's fields as they are hashed (UTC ISO timestamps, dashed UUIDs)."""
    return {
        "seq": entry.seq,
        "at": _iso(entry.at),
        "branch": entry.branch,
        "chain": entry.chain or entry.branch,
        "user_id": str(entry.user_id) if entry.user_id else "",
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def _iso(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


_desks: dict[str, str] = {}


_naming = threading.Lock()


def desk_id(data_dir: Path) -> str:
    """This data folder's desk id (8 hex digits), made once and kept in the folder."""
    known = _desks.get(str(data_dir))
    if known is None:
        with _naming:  # the window's worker threads start their first transactions at once
            known = _desks.get(str(data_dir))
            if known is None:
                known = _desks[str(data_dir)] = _read_or_make_desk_id(Path(data_dir))
    return known


def _read_or_make_desk_id(data_dir: Path) -> str:
    path = data_dir / DESK_FILE
    try:
        text = path.read_text("ascii").strip()
        if len(text) == 8 and all(c in "0123456789abcdef" for c in text):
            return text
    except OSError:
        pass
    text = secrets.token_hex(4)
    tmp = path.with_name(f".{DESK_FILE}.{os.getpid()}")
    tmp.write_text(text, "ascii")
    try:
        os.link(tmp, path)  # the first process to name the desk wins; the others read its name
    except FileExistsError:
        text = path.read_text("ascii").strip()
    except OSError:
        os.replace(tmp, path)
    tmp.unlink(missing_ok=True)
    return text


def lane_prefix(session: Session, branch: str, data_dir: Path | None) -> str | None:
    """``<branch>.<desk>.`` where desks write in lanes (PostgreSQL), else None (one chain)."""
    if data_dir is None or session.get_bind().dialect.name != "postgresql":
        return None
    return f"{branch}.{desk_id(data_dir)}."


# built once (a desk sends them in every audited transaction): building a statement costs more
# than looking its compiled form up
_FREE_LANE = (
    select(AuditHead.chain, AuditHead.seq, AuditHead.hash)
    .where(AuditHead.chain.like(bindparam("lane_like"), escape="/"))
    .order_by(AuditHead.chain).limit(1).with_for_update(skip_locked=True)
)
_SET_HEAD = (
    update(AuditHead).where(AuditHead.chain == bindparam("head_chain"))
    .values(seq=bindparam("head_seq"), hash=bindparam("head_hash"))
)


_LANE = _FREE_LANE.lateral("lane")
# the signed-in account's check and this desk's free lane in one round trip (head office)
_ACCOUNT_AND_LANE = (
    select(User.role, User.active, IN_FORCE_SEQ, _LANE.c.chain, _LANE.c.seq, _LANE.c.hash)
    .select_from(outerjoin(User, _LANE, true()))
    .where(User.id == bindparam("account"))
)


def account_and_lane(session: Session, account: uuid.UUID, branch: str,
                     data_dir: Path | None) -> Any:
    """The stored account's (role, active, the profile version in force: ``profile_seq``) -
    None when it is gone - read together with the
    head of a free lane of this desk, which the transaction then holds for its audit entries
    (at head office, where the account's check and the lane's claim would be two round trips
    each write; elsewhere the account alone)."""
    prefix = lane_prefix(session, branch, data_dir)
    # on the session's connection: a Core statement that loads no ORM object needs none of the
    # ORM's execution (a fifth of an empty unit of work's CPU)
    conn = session.connection()
    if prefix is None:
        return conn.execute(_ACCOUNT, {"account": account}).first()
    row = conn.execute(_ACCOUNT_AND_LANE, {"account": account,
                                           "lane_like": _like_prefix(prefix)}).first()
    if row is not None and row.chain is not None:
        session.info.setdefault("audit_heads", {})[branch] = (row.chain, row.seq, row.hash)
        session.info.setdefault("audit_claimed", {})[row.chain] = (row.seq, row.hash)
    return row


_ACCOUNT = select(User.role, User.active, IN_FORCE_SEQ).where(User.id == bindparam("account"))


def _like_prefix(prefix: str) -> str:
    """``LIKE`` pattern of the chains starting with ``prefix`` (its ``/ % _`` taken literally)."""
    return prefix.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


def _claim(session: Session, branch: str, prefix: str | None) -> tuple[str, int, str]:
    """The chain this transaction appends to, holding its head row: (chain, last seq, last hash)."""
    quick = {"synchronize_session": False}
    if prefix is None:
        bumped = cast(CursorResult[Any], session.execute(
            update(AuditHead).where(AuditHead.chain == branch).values(seq=AuditHead.seq + 1),
            execution_options=quick,
        )).rowcount  # an UPDATE's result is a CursorResult
        if bumped:
            seq, prev = session.execute(
                select(AuditHead.seq, AuditHead.hash).where(AuditHead.chain == branch)).one()
            return branch, seq - 1, prev
        session.execute(insert(AuditHead).values(chain=branch, branch=branch, seq=0, hash=GENESIS))
        return branch, 0, GENESIS
    free = session.execute(_FREE_LANE, {"lane_like": _like_prefix(prefix)}).first()
    if free is not None:
        return free.chain, free.seq, free.hash
    chain = prefix + secrets.token_hex(3)  # every lane is busy: a new one
    session.execute(insert(AuditHead).values(chain=chain, branch=branch, seq=0, hash=GENESIS))
    return chain, 0, GENESIS


def _held(session: Session, branch: str, data_dir: Path | None) -> tuple[str, int, str]:
    """The (chain, last seq, last hash) this transaction appends to, claimed on first use."""
    heads = session.info.setdefault("audit_heads", {})
    if branch not in heads:
        chain, seq, prev = _claim(session, branch, lane_prefix(session, branch, data_dir))
        # the head as claimed (its row held to commit): the anchoring after the commit
        # compares it with the anchored one instead of reading the log again
        session.info.setdefault("audit_claimed", {})[chain] = (seq, prev)
        heads[branch] = (chain, seq, prev)
    return cast(tuple[str, int, str], heads[branch])


def hold(session: Session, branch: str, data_dir: Path | None = None) -> None:
    """Claim the chain head now (see ``AppContext.hold_audit_head``); an entry must follow."""
    with session.no_autoflush:
        _held(session, branch, data_dir)


def append(
    session: Session,
    *,
    branch: str,
    user_id: uuid.UUID | None,
    action: str,
    entity: str,
    entity_id: str,
    details: str,
    data_dir: Path | None = None,
    store: object | None = None,
) -> None:
    """Add the next entry of one of ``branch``'s chains (see the module's note).  The first entry
    of a transaction claims a chain and holds its head row to commit; later entries of the same
    transaction continue it.  With ``store``, the heads are anchored once the commit is done."""
    if store is not None:
        session.info["audit_store"] = store
    at_head_office = session.get_bind().dialect.name == "postgresql"
    with session.no_autoflush:
        chain, seq, prev = _held(session, branch, data_dir)
        seq += 1
        row = {"id": new_id(), "at": utcnow(), "branch": branch, "chain": chain,
               "user_id": user_id, "action": action, "entity": entity, "entity_id": entity_id,
               "details": details, "seq": seq, "prev_hash": prev, "hash": ""}
        row["hash"] = digest = entry_hash(prev, as_fields(cast(AuditEntry, SimpleNamespace(**row))))
        if at_head_office:  # written by the flush's log statement (``db.audit_rows``)
            audit_rows.add(session, row)
        else:
            session.add(AuditEntry(**row))
    session.info["audit_heads"][branch] = (chain, seq, digest)
    if len(session.info["audit_heads"]) == 1 and at_head_office:
        # at head office the flush's log statement moves the head too (change_log.HEAD_PENDING)
        session.info[HEAD_PENDING] = (chain, seq, digest)
    else:
        session.info.pop(HEAD_PENDING, None)


@event.listens_for(Session, "before_commit")
def _write_heads(session: Session) -> None:
    """The chain heads a transaction advanced are written once, just before it commits."""
    if HEAD_PENDING in session.info or audit_rows.PENDING in session.info \
            or new_rows.PENDING in session.info:
        # the commit's own flush first (else the head's UPDATE below would set it off): its log
        # statement moves the head, and nothing is left to write here; entries added after the
        # last flush of ORM objects are written (with the head) by a log statement of their own
        session.flush()
        audit_rows.write_pending(session)
    heads = session.info.pop("audit_heads", None)
    claimed = session.info.pop("audit_claimed", {})
    session.info.pop(HEAD_PENDING, None)
    written = session.info.pop(HEAD_WRITTEN, None)
    if heads and session.get_bind().dialect.name == "postgresql":
        # a lane claimed with the account's check and written nothing to: its head stands; a
        # head the last flush's log statement wrote as it is now: written already
        heads = {b: h for b, h in heads.items() if claimed.get(h[0]) != (h[1], h[2])}
        to_write = {b: h for b, h in heads.items() if h != written}
    else:
        to_write = heads or {}
    for _branch, (chain, seq, digest) in to_write.items():
        session.execute(_SET_HEAD, {"head_chain": chain, "head_seq": seq, "head_hash": digest},
                        execution_options={"synchronize_session": False})
    if heads and "audit_store" in session.info:
        session.info["audit_done"] = {chain: (branch, seq, digest)
                                      for branch, (chain, seq, digest) in heads.items()}
        session.info["audit_claimed_done"] = claimed


@event.listens_for(Session, "after_commit")
def _anchor_heads(session: Session) -> None:
    """Committed: the desk's anchor file learns the new heads (signed, outside the store)."""
    done = session.info.pop("audit_done", None)
    store = session.info.pop("audit_store", None)
    claimed = session.info.pop("audit_claimed_done", None)
    if done and store is not None:
        from . import anchor_pace

        # head office: at most one rewrite of the anchor file a second (``anchor_pace``)
        anchor_pace.advance(store, done, claimed or {},
                            paced=store.engine.dialect.name == "postgresql")


@event.listens_for(Session, "after_rollback")
def _forget_heads(session: Session) -> None:
    for key in ("audit_heads", "audit_done", "audit_store", "audit_claimed", "audit_claimed_done",
                HEAD_PENDING, HEAD_WRITTEN, audit_rows.PENDING, new_rows.PENDING):
        session.info.pop(key, None)
