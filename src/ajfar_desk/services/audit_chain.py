"""Appending to the hash-chained audit log (one chain per branch)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from ..db.base import new_id, utcnow
from ..db.models import AuditEntry, AuditHead
from ..domain.audit import GENESIS, entry_hash


def as_fields(entry: AuditEntry) -> dict:
    """An entry's fields as they are hashed (UTC ISO timestamps, dashed UUIDs)."""
    return {
        "seq": entry.seq,
        "at": _iso(entry.at),
        "branch": entry.branch,
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


def append(
    session: Session,
    *,
    branch: str,
    user_id: uuid.UUID | None,
    action: str,
    entity: str,
    entity_id: str,
    details: str,
) -> AuditEntry:
    """Add the next entry of ``branch``'s chain. The first entry of a transaction bumps the head
    row, which takes the write lock (SQLite) or the row lock (PostgreSQL), so two desks never
    fork the chain; later entries of the same transaction continue from the head it holds."""
    heads = session.info.setdefault("audit_heads", {})
    quick = {"synchronize_session": False}
    with session.no_autoflush:
        if branch in heads:
            seq, prev = heads[branch]
            seq += 1
        else:
            bumped = session.execute(
                update(AuditHead).where(AuditHead.branch == branch).values(seq=AuditHead.seq + 1),
                execution_options=quick,
            ).rowcount
            if bumped:
                seq, prev = session.execute(
                    select(AuditHead.seq, AuditHead.hash).where(AuditHead.branch == branch)
                ).one()
            else:
                seq, prev = 1, GENESIS
                session.execute(insert(AuditHead).values(branch=branch, seq=1, hash=GENESIS))
        entry = AuditEntry(
            id=new_id(),
            at=utcnow(),
            branch=branch,
            user_id=user_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            details=details,
            seq=seq,
            prev_hash=prev,
        )
        entry.hash = entry_hash(prev, as_fields(entry))
        session.add(entry)
    heads[branch] = (seq, entry.hash)
    return entry


@event.listens_for(Session, "before_commit")
def _write_heads(session: Session) -> None:
    """The chain heads a transaction advanced are written once, just before it commits."""
    heads = session.info.pop("audit_heads", None)
    for branch, (seq, digest) in (heads or {}).items():
        session.execute(
            update(AuditHead).where(AuditHead.branch == branch).values(seq=seq, hash=digest),
            execution_options={"synchronize_session": False},
        )


@event.listens_for(Session, "after_rollback")
def _forget_heads(session: Session) -> None:
    session.info.pop("audit_heads", None)
