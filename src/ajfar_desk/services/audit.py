"""Reading and verifying the audit log (managers and administrators)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from ..db.models import AuditEntry, AuditHead, User
from ..domain import permissions
from ..domain.audit import UNKNOWN_USER, UUID_TEXT, ChainProblem, check_chain
from .audit_chain import as_fields
from .context import AppContext


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


def verify(ctx: AppContext) -> list[ChainProblem]:
    """Every break in every branch's chain: an edited, removed or inserted entry."""
    ctx.require(permissions.VIEW_AUDIT)
    problems: list[ChainProblem] = []
    with ctx.reading() as s:
        heads = {h.branch: (h.seq, h.hash) for h in s.scalars(select(AuditHead))}
        branches = set(heads) | set(s.scalars(select(AuditEntry.branch).distinct()))
        for branch in sorted(branches):
            rows = s.scalars(
                select(AuditEntry).where(AuditEntry.branch == branch).order_by(AuditEntry.seq)
            )
            problems += check_chain(branch, (as_fields(r) for r in rows), heads.get(branch, (0, "")))
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
