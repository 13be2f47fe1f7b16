"""Appending to the hash-chained audit log (one chain per branch)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..db.base import utcnow
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
    """Add the next entry of ``branch``'s chain. Bumping the head row first takes the write
    lock (SQLite) or the row lock (PostgreSQL), so two desks never fork the chain."""
    bumped = session.execute(
        update(AuditHead).where(AuditHead.branch == branch).values(seq=AuditHead.seq + 1)
    ).rowcount
    if bumped:
        seq, prev = session.execute(
            select(AuditHead.seq, AuditHead.hash).where(AuditHead.branch == branch)
        ).one()
    else:
        seq, prev = 1, GENESIS
        session.add(AuditHead(branch=branch, seq=1, hash=GENESIS))
        session.flush()
    entry = AuditEntry(
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
    session.execute(update(AuditHead).where(AuditHead.branch == branch).values(hash=entry.hash))
    return entry
