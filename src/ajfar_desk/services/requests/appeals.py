"""Appeals (تظلم): the applicant appeals the committee's rejection within the profile's period.

The desk records the appeal with its grounds (the workflow's ``appeal`` step: rejected →
appealed); the request then stands on the committee's next agenda, where ``approve`` overturns
the rejection and ``reject`` upholds it, and the decision letter says it is the decision on the
appeal.  One appeal per rejection (a rejection upheld on appeal stands); refused after the period, naming the last day in both calendars.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.casework import Appeal, Meeting
from ...db.models import StatusEvent, SupportRequest
from ...domain import permissions
from ...domain import workflow as wf
from ...domain.dates import format_both
from ...domain.digits import localize_digits
from ...domain.errors import ValidationError
from ...domain.program_kinds import appeal_deadline
from ...i18n import _, current_language, ngettext
from ..store.context import AppContext
from ..store.events import REQUEST_CHANGED
from ..store.rows import get_or_refuse
from . import casework

UPHELD, OVERTURNED = "upheld", "overturned"


@dataclass(frozen=True)
class AppealView:
    id: uuid.UUID
    request_id: uuid.UUID
    grounds: str
    lodged_on: dt.date
    deadline: dt.date
    outcome: str  # "" while the committee has not decided, upheld or overturned
    meeting_id: uuid.UUID | None
    decided_on: dt.date | None


def _last_rejection(s: Session, request_id: uuid.UUID) -> StatusEvent | None:
    return s.scalar(
        select(StatusEvent)
        .where(StatusEvent.request_id == request_id, StatusEvent.to_status == wf.REJECTED)
        .order_by(StatusEvent.at.desc())
        .limit(1)
    )


def rejected_on(s: Session, request_id: uuid.UUID) -> dt.date | None:
    """The day the request was last rejected (its appeal period counts from it), or None."""
    event = _last_rejection(s, request_id)
    return event.at.astimezone().date() if event else None


def _appeal_row(s: Session, request_id: uuid.UUID) -> Appeal | None:
    """The request's latest appeal."""
    return s.scalar(select(Appeal).where(Appeal.request_id == request_id)
                    .order_by(Appeal.created_at.desc()).limit(1))


def _both(ctx: AppContext, day: dt.date) -> str:
    return format_both(day, current_language(), ctx.profile.digits)


def deadline(ctx: AppContext, request_id: uuid.UUID) -> dt.date | None:
    """The last day a rejected request may be appealed (None: it was never rejected)."""
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        rejected = rejected_on(s, request_id)
    return appeal_deadline(rejected, ctx.profile.appeal_period_days) if rejected else None


def lodge(ctx: AppContext, request_id: uuid.UUID, grounds: str,
          on: dt.date | None = None) -> AppealView:
    """Record the applicant's appeal of a rejection, with its grounds."""
    ctx.require(permissions.EDIT_REQUEST)
    today = on or dt.date.today()
    with ctx.uow() as s:
        row = get_or_refuse(s, SupportRequest, request_id, "request", _("No such request"))
        last = _last_rejection(s, request_id) if row.status == wf.REJECTED else None
        if last is not None and last.from_status == wf.APPEALED:  # the rejection upheld
            raise ValidationError("appeal", _(
                "This rejection was already appealed and the committee decided the appeal: its "
                "decision stands"))
        rejected = rejected_on(s, request_id) if row.status == wf.REJECTED else None
        last_day = appeal_deadline(rejected or today, ctx.profile.appeal_period_days)
        if rejected is not None and today > last_day:
            days = ctx.profile.appeal_period_days
            raise ValidationError("appeal", ngettext(
                "The period for appealing ended on {deadline}, {days} day after the committee's "
                "rejection of {rejected}: an appeal can no longer be recorded",
                "The period for appealing ended on {deadline}, {days} days after the committee's "
                "rejection of {rejected}: an appeal can no longer be recorded", days,
            ).format(deadline=_both(ctx, last_day), days=localize_digits(str(days), ctx.profile.digits),
                     rejected=_both(ctx, rejected)))
        text = " ".join((grounds or "").split())
        casework.step(ctx, s, row, wf.APPEAL, text, details={"deadline": last_day.isoformat()})
        appeal = Appeal(branch=ctx.branch.code, request_id=row.id, grounds=text,
                        lodged_on=today, deadline=last_day, recorded_by=ctx.user_id, outcome="")
        s.add(appeal)
        s.flush()
        ctx.audit(s, "lodge", "appeal", appeal.id, request=row.reference)
        view = _view(appeal)
    ctx.changed(REQUEST_CHANGED, request_id)
    return view


def record_decision(ctx: AppContext, s: Session, request_id: uuid.UUID, meeting: Meeting,
                    outcome: str) -> None:
    """Inside the committee's decision: the appeal pending on this request is decided
    (``outcome``: the committee's approve overturns, reject upholds)."""
    appeal = s.scalar(select(Appeal).where(Appeal.request_id == request_id, Appeal.outcome == ""))
    if appeal is None:
        return
    appeal.outcome = OVERTURNED if outcome == "approve" else UPHELD
    appeal.meeting_id = meeting.id
    appeal.decided_on = meeting.held_on
    ctx.audit(s, "decide", "appeal", appeal.id, outcome=appeal.outcome)


def appeal_of(ctx: AppContext, request_id: uuid.UUID) -> AppealView | None:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        row = _appeal_row(s, request_id)
        return _view(row) if row else None


def decided_in(s: Session, request_id: uuid.UUID, meeting_id: uuid.UUID) -> bool:
    """Did this meeting decide the request's appeal (for the decision letter)?"""
    return s.scalar(select(Appeal.id).where(Appeal.request_id == request_id,
                                            Appeal.meeting_id == meeting_id).limit(1)) is not None


def _view(a: Appeal) -> AppealView:
    return AppealView(a.id, a.request_id, a.grounds, a.lodged_on, a.deadline, a.outcome,
                      a.meeting_id, a.decided_on)
