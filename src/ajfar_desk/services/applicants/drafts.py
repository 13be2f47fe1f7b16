"""Interview drafts: a half-filled form saved as the user types, offered back after a crash."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select

from ...db.models import InterviewDraft
from ..store.context import AppContext


@dataclass(frozen=True)
class Draft:
    id: uuid.UUID
    kind: str
    subject: str
    payload: dict
    updated_at: dt.datetime


def save(ctx: AppContext, kind: str, payload: dict, subject: str = "") -> None:
    """Upsert the draft of this form for this user (one short transaction)."""
    body = json.dumps(payload, ensure_ascii=False, default=str)
    with ctx.uow() as s:
        row = s.scalar(
            select(InterviewDraft).where(
                InterviewDraft.user_id == ctx.user_id,
                InterviewDraft.kind == kind,
                InterviewDraft.subject == subject,
            )
        )
        if row is None:
            s.add(InterviewDraft(user_id=ctx.user_id, kind=kind, subject=subject, payload=body))
        elif row.payload != body:
            row.payload = body


def pending(ctx: AppContext) -> list[Draft]:
    with ctx.reading() as s:
        rows = s.scalars(
            select(InterviewDraft)
            .where(InterviewDraft.user_id == ctx.user_id)
            .order_by(InterviewDraft.updated_at)
        ).all()
        return [Draft(r.id, r.kind, r.subject, json.loads(r.payload), r.updated_at) for r in rows]


def discard(ctx: AppContext, kind: str, subject: str = "") -> None:
    with ctx.uow() as s:
        s.execute(
            delete(InterviewDraft).where(
                InterviewDraft.user_id == ctx.user_id,
                InterviewDraft.kind == kind,
                InterviewDraft.subject == subject,
            )
        )
