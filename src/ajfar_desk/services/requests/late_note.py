"""What to tell a caller whose request is late (past the answer date she or he was told): where
the request is, since when, and who holds it — the committee and the date of its next meeting,
or the researcher who has its social study.  Plain data; the words are the screen's."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from ...db.casework import Meeting, SocialStudy
from ...db.models import Applicant, StatusEvent, SupportRequest, User
from ...domain import permissions
from ...domain import workflow as wf
from ..store.context import AppContext


@dataclass(frozen=True)
class LateNote:
    request_id: uuid.UUID
    status: str
    since: dt.date  # the day the request reached its status
    answer_due: dt.date
    days_late: int
    gender: str  # the applicant's ("" when not recorded)
    researcher: str = ""  # the researcher who has the social study (with the researcher)
    next_meeting: dt.date | None = None  # the committee's next meeting (before the committee)


def late_notes(ctx: AppContext, request_ids: Iterable[uuid.UUID],
               today: dt.date | None = None) -> dict[uuid.UUID, LateNote]:
    """The notes of those of ``request_ids`` that are late on ``today`` (the others are left
    out): one read, a handful of small queries whatever their number."""
    ctx.require(permissions.VIEW_APPLICANT)
    today = today or dt.date.today()
    ids = list(dict.fromkeys(request_ids))
    if not ids:
        return {}
    with ctx.reading() as s:
        rows = s.execute(
            select(SupportRequest.id, SupportRequest.status, SupportRequest.answer_due, Applicant.gender)
            .join(Applicant, Applicant.id == SupportRequest.applicant_id)
            .where(SupportRequest.id.in_(ids))).all()
        late = [r for r in rows if wf.is_overdue(r.status, r.answer_due, today)]
        if not late:
            return {}
        late_ids = [r.id for r in late]
        since = dict(s.execute(
            select(StatusEvent.request_id, func.max(StatusEvent.at))
            .where(StatusEvent.request_id.in_(late_ids)).group_by(StatusEvent.request_id)).all())
        researchers = dict(s.execute(
            select(SocialStudy.request_id, User.full_name)
            .join(User, User.id == SocialStudy.researcher_id)
            .where(SocialStudy.request_id.in_(late_ids))).all())
        meeting = s.scalar(select(func.min(Meeting.held_on))
                           .where(Meeting.held_on >= today, Meeting.status == "open"))
    notes = {}
    for r in late:
        at = since.get(r.id)
        notes[r.id] = LateNote(
            r.id, r.status, at.astimezone().date() if at is not None else r.answer_due,
            r.answer_due, (today - r.answer_due).days, r.gender or "",
            researchers.get(r.id, "") if r.status == wf.WITH_RESEARCHER else "",
            meeting if r.status in wf.BEFORE_COMMITTEE else None)
    return notes


def late_note(ctx: AppContext, request_id: uuid.UUID, today: dt.date | None = None) -> LateNote | None:
    """The note of one request; None when it is not late."""
    return late_notes(ctx, [request_id], today).get(request_id)
