"""Reading and verifying the audit log (managers and administrators)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ...db.models import AuditEntry, AuditHead, User
from ...domain import permissions
from ...domain.audit import UNKNOWN_USER, UUID_TEXT, ChainProblem, check_chain
from ..store.context import AppContext
from . import anchor_pace, audit_anchor
from .audit_chain import as_fields


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at: dt.datetime
    branch: str
    user: str
    action: str
    entity: str
    entity_id: str
    details: dict
    user_name: str = ""  # the person's full name (the login when the account has none)


def verify(ctx: AppContext, anchors: Iterable[Path] = ()) -> list[ChainProblem]:
    """Every break in every chain (an edited, removed or inserted entry), then the chains against
    every anchor known outside the store and ``anchors`` (files of a peer or a backup): a cut
    tail, a re-hashed chain, an emptied log, an entry appended with the head advanced."""
    ctx.require(permissions.VIEW_AUDIT)
    anchor_pace.flush(ctx.store)  # the heads this process committed, anchored before they are read
    problems: list[ChainProblem] = []
    with ctx.reading() as s:
        heads = {h.chain: (h.seq, h.hash) for h in s.scalars(select(AuditHead))}
        chains = {chain: branch for chain, branch in s.execute(
            select(AuditEntry.chain, AuditEntry.branch).distinct())}
        chains.update({h.chain: h.branch for h in s.scalars(select(AuditHead)) if h.chain not in chains})
        held: dict[str, dict[int, str]] = {}
        for chain in sorted(chains):
            rows = list(s.scalars(
                select(AuditEntry).where(AuditEntry.chain == chain).order_by(AuditEntry.seq)))
            held[chain] = {r.seq: r.hash for r in rows}
            head = heads.get(chain, (0, ""))
            problems += check_chain(chains[chain], (as_fields(r) for r in rows),
                                    head if head[0] or rows else None, chain)
        problems += audit_anchor.check(ctx.store, s, held, chains, anchors)
    return problems


def entries(
    ctx: AppContext,
    *,
    entity_id: str | None = None,
    user_id: uuid.UUID | None = None,
    action: str | None = None,
    limit: int = 500,
) -> list[AuditLine]:
    """Newest first, optionally about one record, by one user or of one kind."""
    ctx.require(permissions.VIEW_AUDIT)
    stmt = select(AuditEntry, User.username, User.full_name).outerjoin(User, User.id == AuditEntry.user_id)
    if entity_id:
        stmt = stmt.where(AuditEntry.entity_id == str(entity_id))
    if user_id:
        stmt = stmt.where(AuditEntry.user_id == user_id)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    stmt = stmt.order_by(AuditEntry.at.desc(), AuditEntry.seq.desc()).limit(limit)
    with ctx.reading() as s:
        return [
            AuditLine(
                e.seq,
                e.at,
                e.branch,
                username or "",
                e.action,
                e.entity,
                _shown_id(e.entity, e.entity_id),
                json.loads(e.details) if e.details else {},
                (full_name or "").strip() or username or "",
            )
            for e, username, full_name in s.execute(stmt)
        ]


def _shown_id(entity: str, entity_id: str) -> str:
    """Entries written before «unknown user» kept what was typed as the user name of a refused
    sign-in (perhaps a password): it is shown as «unknown user». The stored entry is untouched,
    so the chain still verifies."""
    if entity == "user" and entity_id and not UUID_TEXT.fullmatch(entity_id):
        return UNKNOWN_USER
    return entity_id
