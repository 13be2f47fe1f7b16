"""The committee's papers kept per meeting: issuing the minutes, finding a meeting by number,
and telling whether a stored letter or minutes still matches the records."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...db.casework import Decision, Meeting
from ...db.models import Applicant, IssuedDocument, SupportRequest, User
from ...domain import documents as paper
from ...domain import permissions
from ...domain.documents import IssuedView
from ...domain.errors import ValidationError
from ...i18n import _, current_language
from ..committee.committee import OPEN
from ..store.context import AppContext
from ..store.rows import get_or_refuse
from .documents import issued_row, issued_view, require_minutes
from .needed_papers import is_current as needed_is_current
from .paper_content import (
    amount,
    chair_gender,
    header,
    latest_decision,
    meeting_content,
    member_genders,
)
from .receipt_terms import is_current as receipt_is_current


def issue_minutes(
    ctx: AppContext,
    meeting_id: uuid.UUID,
    *,
    lang: str | None = None,
    now: dt.datetime | None = None,
) -> IssuedView:
    """Issue the next revision of a closed meeting's minutes: its chair and attendees, the
    requests decided (reference, applicant, program, decision, service and amount or reason,
    who recorded it), what its agenda left undecided, and signature lines.  A meeting still in
    session has no minutes yet: they record a meeting that ended, and are signed at its close."""
    require_minutes(ctx)
    lang = lang or current_language()
    now = now or dt.datetime.now(dt.UTC)
    with ctx.uow() as s:
        meeting = get_or_refuse(s, Meeting, meeting_id, "meeting", _("No such meeting"))
        if meeting.status == OPEN:
            raise ValidationError("meeting", _(
                "The meeting is still in session: close it first, then print its minutes "
                "(they record the meeting once it has ended, and are signed at its close)"))
        decisions = _meeting_decisions(s, meeting_id)
        if not decisions:
            raise ValidationError("meeting", _("The meeting has decided no request yet"))
        revision = 1 + (
            s.scalar(
                select(func.max(IssuedDocument.revision)).where(
                    IssuedDocument.meeting_id == meeting_id, IssuedDocument.kind == paper.MINUTES
                )
            )
            or 0
        )
        number = paper.minutes_number(
            ctx.profile.code, meeting.hijri_year, meeting.number, revision
        )
        content = {
            **header(ctx, paper.MINUTES, number, revision, lang, now),
            "meeting": meeting_content(meeting),
            "chair_gender": chair_gender(s, meeting),  # «رئيسة اللجنة» for a woman
            "member_genders": member_genders(s, meeting),  # «عضوة اللجنة» for a woman
            "decisions": decisions,
        }
        doc = issued_row(
            ctx,
            content,
            meeting_id=meeting_id,
            kind=paper.MINUTES,
            number=number,
            revision=revision,
            lang=lang,
            signature_mode=paper.SIGNATURE_WET,
        )
        s.add(doc)
        ctx.audit(s, "issue", paper.MINUTES, number, meeting=meeting.number, sha256=doc.sha256)
        s.flush()
        return issued_view(doc)


def latest_minutes(ctx: AppContext, meeting_id: uuid.UUID) -> IssuedView | None:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        doc = s.scalar(
            select(IssuedDocument)
            .where(IssuedDocument.meeting_id == meeting_id, IssuedDocument.kind == paper.MINUTES)
            .order_by(IssuedDocument.revision.desc())
            .limit(1)
        )
        return issued_view(doc) if doc is not None else None


def find_meeting(ctx: AppContext, number: int, hijri_year: int | None = None) -> uuid.UUID:
    """A meeting by its number (in the given Hijri year, else the latest year that has one)."""
    require_minutes(ctx)
    with ctx.reading() as s:
        stmt = select(Meeting.id).where(Meeting.number == number)
        if hijri_year is not None:
            stmt = stmt.where(Meeting.hijri_year == hijri_year)
        found = s.scalar(stmt.order_by(Meeting.hijri_year.desc()).limit(1))
    if found is None:
        message = _("No meeting number {n}").format(n=number)
        if hijri_year is not None:
            message = _("No meeting number {n} in {year}").format(n=number, year=hijri_year)
        raise ValidationError("meeting", message)
    return found


def is_current(ctx: AppContext, doc: IssuedView) -> bool:
    """Does an issued decision letter or minutes still say what the records say now (no later
    decision, no decision added to the meeting)? A receipt: the request was not submitted
    again since (``receipt_terms.is_current``). The documents still needed: the draft still
    lacks them, today (``needed_papers.is_current``). Other papers: always."""
    if doc.kind == paper.RECEIPT:
        return receipt_is_current(ctx, doc)
    if doc.kind == paper.NEEDED:
        return needed_is_current(ctx, doc)
    with ctx.reading() as s:
        if doc.kind == paper.DECISION and doc.request_id is not None:
            try:
                stated = doc.content["decision"]  # a letter issued before appeals lacks their keys
                latest = latest_decision(s, doc.request_id, ctx.profile.appeal_period_days)
                return {k: latest.get(k) for k in stated} == stated
            except ValidationError:
                return False
        if doc.kind == paper.MINUTES and doc.meeting_id is not None:
            meeting = s.get(Meeting, doc.meeting_id)
            return meeting is not None and (
                meeting_content(meeting) == doc.content["meeting"]
                and _meeting_decisions(s, meeting.id) == doc.content["decisions"]
            )
    return True


def _meeting_decisions(s: Session, meeting_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = s.execute(
        select(Decision, SupportRequest.reference, SupportRequest.program, Applicant.full_name, User)
        .join(SupportRequest, SupportRequest.id == Decision.request_id)
        .join(Applicant, Applicant.id == SupportRequest.applicant_id)
        .outerjoin(User, User.id == Decision.decided_by)
        .where(Decision.meeting_id == meeting_id)
        .order_by(Decision.created_at, SupportRequest.reference)
    )
    return [
        {
            "reference": reference,
            "applicant": name,
            "program": program,
            "outcome": d.outcome,
            "service": d.service,
            "amount": amount(d.amount),
            "reason": d.reason,
            # the account that recorded it, by its full name and role
            "recorded_by": {"name": user.full_name or user.username, "role": user.role,
                            "gender": user.gender or ""} if user is not None else None,
        }
        for d, reference, program, name, user in rows
    ]


