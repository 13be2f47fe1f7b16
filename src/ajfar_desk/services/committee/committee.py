"""The research committee: numbered meetings, their agenda, and a decision per request."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from ...db.casework import Appeal, Decision, Meeting
from ...db.models import Applicant, SupportRequest
from ...domain import permissions
from ...domain import workflow as wf
from ...domain.dates import gregorian_to_hijri
from ...domain.digits import parse_amount
from ...domain.errors import FieldErrors, ValidationError
from ...domain.validation import required_text
from ...i18n import _
from ..requests import appeals, casework
from ..store.context import AppContext
from ..store.events import REQUEST_CHANGED
from ..store.rows import get_or_refuse

OUTCOMES = {  # decision -> workflow action
    "approve": wf.APPROVE,
    "reject": wf.REJECT,
    "more_info": wf.REQUEST_MORE_INFO,
    "defer": wf.DEFER,
}
OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class MeetingView:
    id: uuid.UUID
    number: int
    hijri_year: int
    held_on: dt.date
    members: tuple[str, ...]  # everyone who attended, the chair among them
    status: str
    decisions: int
    chair: str = ""  # who chaired ("" when nobody was recorded: the papers leave a line)
    carried_over: tuple[str, ...] | None = None  # left undecided at its close (None: not known)

    @property
    def others(self) -> tuple[str, ...]:
        """The attendees other than the chair."""
        return tuple(m for m in self.members if m != self.chair)


@dataclass(frozen=True)
class AgendaItem:
    request_id: uuid.UUID
    reference: str
    applicant_name: str
    national_id: str
    program: str
    status: str
    answer_due: dt.date | None
    has_study: bool
    outcome: str | None  # the decision taken in this meeting, if any
    service: str
    amount: Decimal | None
    reason: str
    appeal: bool = False  # an appeal of the committee's rejection (تظلم), not a first decision


def chair_of(m: Meeting) -> str:
    """Who chaired a meeting, as recorded; "" when nobody was — a meeting from before the chair
    was recorded too: its form put the first member listed in the chair, and people left there
    whoever the list began with (the last meeting's, a demonstration account), so the papers
    leave a line to sign by hand rather than name someone who may not have sat."""
    return m.chair or ""


def create_meeting(
    ctx: AppContext,
    held_on: dt.date,
    members: list[str],
    number: int | None = None,
    *,
    chair: str | None = None,
) -> MeetingView:
    """A new meeting, numbered in sequence within its Hijri year unless a number is given.
    ``chair``: who chairs it ("" when nobody is recorded; not given: the first member listed);
    the chair counts among the attendees."""
    ctx.require(permissions.MANAGE_MEETINGS)
    names: list[str] = []
    for m in members:
        name = " ".join((m or "").split())
        if name and name not in names:
            names.append(name)
    chair = names[0] if chair is None and names else " ".join((chair or "").split())
    if chair and chair not in names:
        names.insert(0, chair)
    if not names:
        raise ValidationError("members", _("List the members attending the meeting"))
    year = gregorian_to_hijri(held_on, "held_on")[0]
    with ctx.uow() as s:
        if number is None:
            number = 1 + (s.scalar(select(func.max(Meeting.number)).where(Meeting.hijri_year == year)) or 0)
        elif s.scalar(select(Meeting.id).where(Meeting.hijri_year == year, Meeting.number == number)):
            raise ValidationError("number", _("Meeting {n} of {year} already exists").format(n=number, year=year))
        row = Meeting(
            branch=ctx.branch.code,
            number=number,
            hijri_year=year,
            held_on=held_on,
            members=json.dumps(names, ensure_ascii=False),
            status=OPEN,
            chair=chair,
        )
        s.add(row)
        s.flush()
        ctx.audit(s, "create", "meeting", row.id, number=number, year=year)
        return _meeting_view(row, 0)


def list_meetings(ctx: AppContext) -> list[MeetingView]:
    ctx.require(permissions.VIEW_STUDY)  # researchers, committee and managers see the board
    counts = (
        select(Decision.meeting_id, func.count().label("n")).group_by(Decision.meeting_id).subquery()
    )
    stmt = (
        select(Meeting, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.meeting_id == Meeting.id)
        .order_by(Meeting.held_on.desc(), Meeting.number.desc())
    )
    with ctx.reading() as s:
        return [_meeting_view(m, n) for m, n in s.execute(stmt)]


def get_meeting(ctx: AppContext, meeting_id: uuid.UUID) -> MeetingView:
    ctx.require(permissions.VIEW_STUDY)
    with ctx.reading() as s:
        row = get_or_refuse(s, Meeting, meeting_id, "meeting", _("No such meeting"))
        n = s.scalar(select(func.count()).where(Decision.meeting_id == meeting_id))
        return _meeting_view(row, n)


def agenda(ctx: AppContext, meeting_id: uuid.UUID) -> list[AgendaItem]:
    """Requests awaiting the committee (they fill the agenda by themselves) and the ones this
    meeting already decided, in reference order."""
    ctx.require(permissions.VIEW_STUDY)
    from ...db.casework import SocialStudy

    with ctx.reading() as s:
        decided = {d.request_id: d for d in s.scalars(select(Decision).where(Decision.meeting_id == meeting_id))}
        appealed = set(s.scalars(select(Appeal.request_id).where(Appeal.meeting_id == meeting_id)))
        stmt = (
            select(SupportRequest, Applicant.full_name, Applicant.national_id, SocialStudy.id)
            .join(Applicant, Applicant.id == SupportRequest.applicant_id)
            .outerjoin(SocialStudy, SocialStudy.request_id == SupportRequest.id)
            .where(
                SupportRequest.status.in_(wf.BEFORE_COMMITTEE)
                | SupportRequest.id.in_(list(decided) or [uuid.UUID(int=0)])
            )
            .order_by(SupportRequest.reference)
        )
        items = []
        for r, name, nid, study in s.execute(stmt):
            d = decided.get(r.id)
            items.append(
                AgendaItem(
                    r.id, r.reference, name, nid, r.program, r.status, r.answer_due,
                    study is not None, d.outcome if d else None, d.service if d else "",
                    d.amount if d else None, d.reason if d else "",
                    r.status == wf.APPEALED or r.id in appealed,
                )
            )
        return items


def decide(
    ctx: AppContext,
    meeting_id: uuid.UUID,
    request_id: uuid.UUID,
    outcome: str,
    *,
    service: str = "",
    amount: str = "",
    reason: str = "",
) -> AgendaItem:
    """Approve (with the service and an amount), reject (with a reason), ask for more
    information or defer (with a reason). One transaction: the decision and the request's step."""
    ctx.require(permissions.DECIDE)
    if outcome not in OUTCOMES:
        raise ValidationError("outcome", _("Choose a decision"))
    errors = FieldErrors()
    value = None
    if outcome == "approve":
        errors.check("service", lambda: required_text(service, "service", _("The service approved")))
        value = errors.check("amount", lambda: parse_amount(amount, "amount"), when=bool((amount or "").strip()))
    errors.raise_if_any()
    with ctx.uow() as s:
        meeting = get_or_refuse(s, Meeting, meeting_id, "meeting", _("No such meeting"))
        if meeting.status != OPEN:
            raise ValidationError("meeting", _("This meeting is closed; decisions go to a new meeting"))
        row = get_or_refuse(s, SupportRequest, request_id, "request", _("No such request"))
        on_appeal = row.status == wf.APPEALED
        details = {"meeting": meeting.number, "year": meeting.hijri_year, "amount": value}
        if on_appeal:
            details["appeal"] = True
        casework.step(ctx, s, row, OUTCOMES[outcome], reason, details=details)
        if on_appeal:
            appeals.record_decision(ctx, s, row.id, meeting, outcome)
        decision = Decision(
            branch=ctx.branch.code,
            meeting_id=meeting_id,
            request_id=request_id,
            outcome=outcome,
            service=(service or "").strip(),
            amount=value,
            reason=(reason or "").strip(),
            decided_by=ctx.user_id,
        )
        s.add(decision)
        s.flush()
        ctx.audit(s, "decide", "meeting", meeting_id, request=row.reference, outcome=outcome)
        a = s.get(Applicant, row.applicant_id)
        item = AgendaItem(
            row.id, row.reference, a.full_name, a.national_id, row.program, row.status,
            row.answer_due, False, outcome, decision.service, value, decision.reason, on_appeal,
        )
        ctx.changed(REQUEST_CHANGED, request_id)
    return item


def close_meeting(
    ctx: AppContext, meeting_id: uuid.UUID, chair: str = "", *, insist: bool = False
) -> MeetingView:
    """Close a meeting, recording the requests its agenda still held undecided (they wait for
    the next meeting; its minutes count them).  A closed meeting stays as it is.  The
    administrator stands in for the manager, as for the minutes.  ``chair``: who chaired it,
    recorded now when nobody was at its opening (a meeting opened without one: its minutes
    would leave the line blank; trial 10); a chair already recorded stays.  ``insist``: a chair
    named that the meeting will not carry (another recorded, or closed without one) is refused
    rather than passed over (the command line's ``--chair``)."""
    if not permissions.may(permissions.workflow_role(ctx.role), permissions.MANAGE_MEETINGS):
        ctx.require(permissions.MANAGE_MEETINGS)
    with ctx.uow() as s:
        row = get_or_refuse(s, Meeting, meeting_id, "meeting", _("No such meeting"))
        if insist and chair.strip():
            _refuse_another_chair(row, " ".join(chair.split()))
        if row.status == OPEN:
            decided = select(Decision.request_id).where(Decision.meeting_id == meeting_id)
            waiting = s.scalars(
                select(SupportRequest.reference)
                .where(SupportRequest.status.in_(wf.BEFORE_COMMITTEE), SupportRequest.id.not_in(decided))
                .order_by(SupportRequest.reference)
            ).all()
            row.carried_over = json.dumps(list(waiting))
            _set_chair(row, " ".join(chair.split()))
            row.status = CLOSED
            ctx.audit(s, "close", "meeting", meeting_id)
        n = s.scalar(select(func.count()).where(Decision.meeting_id == meeting_id))
        return _meeting_view(row, n)


def record_chair(ctx: AppContext, meeting_id: uuid.UUID, chair: str) -> MeetingView:
    """Record who chairs a meeting in session that has nobody recorded in its chair (the chair
    counts among the attendees); the chair already recorded, again: nothing changes; another,
    or a closed meeting: refused, naming the chair field."""
    ctx.require(permissions.MANAGE_MEETINGS)
    named = " ".join((chair or "").split())
    with ctx.uow() as s:
        row = get_or_refuse(s, Meeting, meeting_id, "meeting", _("No such meeting"))
        _refuse_another_chair(row, named)
        if _set_chair(row, named):
            ctx.audit(s, "record", "meeting", meeting_id)
        n = s.scalar(select(func.count()).where(Decision.meeting_id == meeting_id))
        return _meeting_view(row, n)


def _set_chair(row: Meeting, named: str) -> bool:
    """Record ``named`` in the chair of a meeting with nobody there (True when it did)."""
    if not named or row.chair:
        return False
    row.chair = named
    attended = json.loads(row.members or "[]")
    if named not in attended:  # the chair counts among the attendees
        row.members = json.dumps([named, *attended], ensure_ascii=False)
    return True


def _refuse_another_chair(row: Meeting, named: str) -> None:
    meeting = f"{row.number}/{row.hijri_year}"
    if row.chair and row.chair != named:
        raise ValidationError("chair", _(
            "Chair: meeting {meeting} is already chaired by {chair}").format(
                meeting=meeting, chair=row.chair))
    if row.status != OPEN and not row.chair:
        raise ValidationError("chair", _(
            "Chair: meeting {meeting} was closed with nobody recorded in its chair; its minutes "
            "leave the chair's line to sign by hand").format(meeting=meeting))


def decisions_of(ctx: AppContext, request_id: uuid.UUID) -> list[tuple[MeetingView, AgendaItem]]:
    """Every decision on one request with its meeting (for the timeline and the letters)."""
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        rows = s.execute(
            select(Decision, Meeting).join(Meeting, Meeting.id == Decision.meeting_id)
            .where(Decision.request_id == request_id).order_by(Meeting.held_on, Decision.created_at)
        ).all()
        r = s.get(SupportRequest, request_id)
        if r is None:  # no request, so no decisions
            return []
        a = s.get_one(Applicant, r.applicant_id)
        return [
            (
                _meeting_view(m, 0),
                AgendaItem(
                    request_id, r.reference, a.full_name, a.national_id, r.program, r.status,
                    r.answer_due, False, d.outcome, d.service, d.amount, d.reason,
                ),
            )
            for d, m in rows
        ]


def _meeting_view(m: Meeting, decisions: int) -> MeetingView:
    carried = None if m.carried_over is None else tuple(json.loads(m.carried_over))
    return MeetingView(
        m.id, m.number, m.hijri_year, m.held_on, tuple(json.loads(m.members or "[]")), m.status,
        decisions, chair_of(m), carried,
    )
