"""Complaints and suggestions (الشكاوى والمقترحات): received through any channel, anonymous allowed,
assigned to an employee, escalated to the manager when the deadline passes, resolved, and the
complainant told how and asked whether they are satisfied with the outcome."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from ...db.bulk_writes import bulk_update
from ...db.feedback import Complaint, ComplaintEvent
from ...db.models import Applicant, SupportRequest, User
from ...domain import feedback, permissions
from ...domain.dates import day_or_today
from ...domain.digits import normalize_digits
from ...domain.errors import FieldErrors, ValidationError
from ...domain.id_types import any_number
from ...domain.people import GENDERS
from ...domain.phone import normalize_phone
from ...domain.searching import has_words, search_words
from ...domain.validation import max_length, required_text
from ...i18n import N_, _
from ..messages import triggers
from ..requests.reference_counter import next_reference
from ..store.context import AppContext
from ..store.events import FEEDBACK_CHANGED
from ..store.rows import get_or_refuse, registered_applicant

COMPLAINT, SUGGESTION = "complaint", "suggestion"
KINDS = {COMPLAINT: N_("Complaint"), SUGGESTION: N_("Suggestion")}
SCAN = 5000  # the newest complaints a text search looks through
OPEN, ESCALATED, RESOLVED = "open", "escalated", "resolved"
STATUSES = {OPEN: N_("Open"), ESCALATED: N_("Escalated"), RESOLVED: N_("Resolved")}
# How the complainant was told of the outcome.
INFORMED = {
    "phone": N_("By phone"),
    "sms": N_("By text message"),
    "in_person": N_("In person"),
    "letter": N_("By letter"),
    "email": N_("By e-mail"),
    "not_reachable": N_("Could not be reached"),
    "anonymous": N_("Anonymous: nobody to tell"),
}
RECEIVED, ASSIGNED, ESCALATE, RESOLVE = "received", "assigned", "escalated", "resolved"


@dataclass(frozen=True)
class ComplaintInput:
    kind: str
    channel: str
    category: str
    subject: str
    text: str = ""
    anonymous: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    national_id: str = ""  # links a registered applicant
    # male | female as the complainant said it ("" not said); a linked applicant's file wins
    contact_gender: str = ""
    request_reference: str = ""
    received_on: str = ""  # today when empty


@dataclass(frozen=True)
class ComplaintEventView:
    action: str
    at: dt.datetime
    user_name: str
    note: str  # for an escalation: how many days past the deadline

    def days_late(self) -> int | None:
        return int(self.note) if self.action == ESCALATE and self.note.isdigit() else None


@dataclass(frozen=True)
class ComplaintView:
    id: uuid.UUID
    number: str
    kind: str
    channel: str
    category: str
    anonymous: bool
    contact_name: str
    contact_phone: str | None
    applicant_id: uuid.UUID | None
    request_reference: str
    subject: str
    text: str
    received_on: dt.date
    due_on: dt.date
    status: str
    assigned_to: uuid.UUID | None
    assigned_name: str
    escalated_on: dt.date | None
    resolution: str
    resolved_on: dt.date | None
    informed_how: str
    complainant_satisfaction: int | None
    branch: str
    events: tuple[ComplaintEventView, ...] = ()
    # the complainant's gender: a registered applicant's, else as the complainant said it (the
    # words about them agree with it: ``domain.gendered``); None when not known (not said, or
    # an anonymous complainant)
    complainant_gender: str | None = None

    def overdue(self, today: dt.date) -> bool:
        return self.status != RESOLVED and today > self.due_on

    def days_to_resolve(self) -> int | None:
        return (self.resolved_on - self.received_on).days if self.resolved_on else None


def record_complaint(
    ctx: AppContext, data: ComplaintInput, today: dt.date | None = None
) -> ComplaintView:
    """Receive a complaint or suggestion; the deadline is the profile's response days later."""
    ctx.require(permissions.RECORD_FEEDBACK)
    today = today or dt.date.today()
    errors = FieldErrors()
    if data.kind not in KINDS:
        errors.add("kind", _("Choose complaint or suggestion"))
    errors.check("channel", lambda: ctx.profile.channel(data.channel))
    if data.category not in {c.code for c in ctx.profile.complaints.categories}:
        errors.add("category", _("Choose a category"))
    subject = errors.check("subject", lambda: required_text(data.subject, "subject", _("Subject")))
    errors.check("subject", lambda: max_length(subject, "subject", _("Subject"), 200))
    received_on = day_or_today(errors, "received_on", data.received_on, today)
    name, phone, national_id = data.contact_name.strip(), None, ""
    gender = data.contact_gender.strip() or None
    if gender is not None and gender not in GENDERS:
        errors.add("contact_gender", _("Choose the complainant's gender, or leave it unsaid"))
    if data.anonymous:
        if name or data.contact_phone.strip() or data.national_id.strip():
            errors.add("anonymous", _("An anonymous complaint keeps no name, phone or ID"))
        if gender is not None:
            errors.add("contact_gender", _("An anonymous complaint keeps no gender"))
    else:
        if data.contact_phone.strip():
            phone = errors.check("contact_phone", lambda: normalize_phone(data.contact_phone, "contact_phone"))
        if data.national_id.strip():
            national_id = errors.check(
                "national_id", lambda: any_number(data.national_id, "national_id")
            ) or ""
        if not name and not national_id:
            errors.add("contact_name", _("Give the complainant's name, or tick anonymous"))
    errors.raise_if_any()
    with ctx.uow() as s:
        applicant_id = request_id = None
        if national_id:
            applicant_id, full_name = registered_applicant(s, national_id, "national_id")
            name = name or full_name
        reference = normalize_digits(data.request_reference).strip().upper()
        if reference:
            request_id = s.scalar(select(SupportRequest.id).where(SupportRequest.reference == reference))
            if request_id is None:
                raise ValidationError("request_reference", _("No request has this reference"))
        row = Complaint(
            branch=ctx.branch.code,
            number=next_reference(s, f"{ctx.branch.ref_prefix}-C", received_on),
            kind=data.kind,
            channel=data.channel,
            category=data.category,
            anonymous=data.anonymous,
            applicant_id=applicant_id,
            request_id=request_id,
            contact_name=name,
            contact_phone=phone,
            contact_gender=None if applicant_id else gender,  # a linked file says it
            subject=subject,
            text=data.text.strip(),
            received_on=received_on,
            due_on=received_on + dt.timedelta(days=ctx.profile.complaints.response_days),
            status=OPEN,
            recorded_by=ctx.user_id,
        )
        s.add(row)
        s.flush()
        _event(ctx, s, row, RECEIVED)
        ctx.audit(s, "record", "complaint", row.id, number=row.number, kind=row.kind)
        number = row.number
        ctx.changed(FEEDBACK_CHANGED, number)
    return get_complaint(ctx, row.id)


def assign(ctx: AppContext, complaint_id: uuid.UUID, user_id: uuid.UUID, note: str = "") -> ComplaintView:
    ctx.require(permissions.MANAGE_COMPLAINTS)
    with ctx.uow() as s:
        row = _open_row(s, complaint_id)
        user = s.get(User, user_id)
        if user is None or not user.active:
            raise ValidationError("assigned_to", _("Choose an active user"))
        row.assigned_to = user.id
        _event(ctx, s, row, ASSIGNED, note.strip() or user.full_name)
        ctx.audit(s, "assign", "complaint", row.id, to=user.username)
        ctx.changed(FEEDBACK_CHANGED, complaint_id)
    return get_complaint(ctx, complaint_id)


def escalate_overdue(ctx: AppContext, today: dt.date | None = None) -> list[str]:
    """Every open complaint past its deadline goes to the manager (status escalated, the day
    recorded, an event written).  Returns the numbers escalated; running it twice is harmless."""
    ctx.require(permissions.RECORD_FEEDBACK)
    today = today or dt.date.today()
    with ctx.uow() as s:
        rows = list(s.scalars(select(Complaint).where(Complaint.status == OPEN, Complaint.due_on < today)))
        for row in rows:
            row.status, row.escalated_on = ESCALATED, today
            late = (today - row.due_on).days
            _event(ctx, s, row, ESCALATE, str(late))  # days late; shown in the reader's language
            ctx.audit(s, "escalate", "complaint", row.id, days_late=late)
        numbers = [r.number for r in rows]
        if numbers:
            ctx.changed(FEEDBACK_CHANGED, None)
    return numbers


def resolve(
    ctx: AppContext,
    complaint_id: uuid.UUID,
    resolution: str,
    informed_how: str,
    satisfaction: int | None = None,
    resolved_on: str = "",
    today: dt.date | None = None,
) -> ComplaintView:
    """Close a complaint: what was done, how the complainant was told, and (when they said)
    their satisfaction with the outcome, 1–5.  The assignee or a manager may resolve."""
    today = today or dt.date.today()
    errors = FieldErrors()
    text = errors.check("resolution", lambda: required_text(resolution, "resolution", _("Resolution"))) or ""
    if informed_how not in INFORMED:
        errors.add("informed_how", _("Say how the complainant was told"))
    if satisfaction is not None and not feedback.SCALE_MIN <= satisfaction <= feedback.SCALE_MAX:
        errors.add("satisfaction", _("Choose a score from 1 to 5"))
    day = day_or_today(errors, "resolved_on", resolved_on, today)
    errors.raise_if_any()
    with ctx.uow() as s:
        row = _open_row(s, complaint_id)
        if not ctx.may(permissions.MANAGE_COMPLAINTS) and (
            ctx.user_id is None or row.assigned_to != ctx.user_id
        ):
            raise permissions.PermissionDenied(ctx.role, permissions.MANAGE_COMPLAINTS)
        if row.anonymous and informed_how != "anonymous":
            raise ValidationError("informed_how", _("An anonymous complainant cannot be told"))
        if day < row.received_on:
            raise ValidationError("resolved_on", _("The resolution cannot precede the complaint"))
        row.status, row.resolution, row.resolved_on = RESOLVED, text, day
        row.informed_how, row.complainant_satisfaction = informed_how, satisfaction
        _event(ctx, s, row, RESOLVE, text)
        triggers.complaint_resolved(s, row.applicant_id, row.anonymous, row.request_id, row.number)
        ctx.audit(s, "resolve", "complaint", row.id, informed=informed_how, satisfaction=satisfaction)
        ctx.changed(FEEDBACK_CHANGED, complaint_id)
    return get_complaint(ctx, complaint_id)


def list_complaints(
    ctx: AppContext, status: str | None = None, mine: bool = False, limit: int = 500, text: str = ""
) -> list[ComplaintView]:
    """Newest first; ``status`` open (includes escalated), escalated, resolved or None for all;
    ``mine`` only those assigned to the signed-in user (what a non-manager may see); ``text``
    finds the number, the complainant's name or phone, the subject or the request's reference
    (among the newest ``SCAN``: a complainant calling back about hers)."""
    ctx.require(permissions.VIEW_APPLICANT)
    if not ctx.may(permissions.RECORD_FEEDBACK):
        mine = True
    words = search_words(text)
    q = select(Complaint).order_by(Complaint.received_on.desc(), Complaint.number.desc())
    q = q.limit(SCAN if words else limit)
    if status == OPEN:
        q = q.where(Complaint.status != RESOLVED)
    elif status is not None:
        q = q.where(Complaint.status == status)
    if mine:
        q = q.where(Complaint.assigned_to == ctx.user_id)
    with ctx.reading() as s:
        rows = [r for r in s.scalars(q) if not words or _has(s, r, words)][:limit]
        return [_view(s, r, gender=_gender(s, r)) for r in rows]


def get_complaint(ctx: AppContext, complaint_id: uuid.UUID) -> ComplaintView:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        row = get_or_refuse(s, Complaint, complaint_id, "complaint", _("No such complaint"))
        if not ctx.may(permissions.RECORD_FEEDBACK) and row.assigned_to != ctx.user_id:
            raise permissions.PermissionDenied(ctx.role, permissions.RECORD_FEEDBACK)
        events = s.execute(
            select(ComplaintEvent, User.full_name)
            .outerjoin(User, User.id == ComplaintEvent.user_id)
            .where(ComplaintEvent.complaint_id == complaint_id)
            .order_by(ComplaintEvent.at, ComplaintEvent.id)
        ).all()
        history = tuple(ComplaintEventView(e.action, e.at, n or "", e.note) for e, n in events)
        return _view(s, row, history, _gender(s, row))


def _gender(s, row: Complaint) -> str | None:
    """The complainant's gender: a linked applicant's file's, else as the complainant said it;
    None for an anonymous complaint or when nobody said."""
    if row.anonymous:
        return None
    if row.applicant_id:
        return s.scalar(select(Applicant.gender).where(Applicant.id == row.applicant_id))
    return row.contact_gender


def forget_person(s, applicant_id: uuid.UUID, request_ids: list[uuid.UUID]) -> int:
    """Anonymising an applicant clears what their complaints say about them (the category,
    dates and outcome stay for the statistics)."""
    mine = Complaint.applicant_id == applicant_id
    if request_ids:
        mine = mine | Complaint.request_id.in_(request_ids)
    return bulk_update(s, Complaint, mine, {"contact_name": "", "contact_phone": None,
                                              "contact_gender": None, "text": "", "subject": ""})


def _open_row(s, complaint_id: uuid.UUID) -> Complaint:
    row = get_or_refuse(s, Complaint, complaint_id, "complaint", _("No such complaint"))
    if row.status == RESOLVED:
        raise ValidationError("complaint", _("This complaint is already resolved"))
    return row


def _event(ctx: AppContext, s, row: Complaint, action: str, note: str = "") -> None:
    s.add(
        ComplaintEvent(
            branch=ctx.branch.code, complaint_id=row.id, action=action, user_id=ctx.user_id, note=note
        )
    )


def _reference(s, row: Complaint) -> str:
    """The reference of the request the complaint is about ("" for none)."""
    if not row.request_id:
        return ""
    return s.scalar(select(SupportRequest.reference).where(SupportRequest.id == row.request_id)) or ""


def _has(s, row: Complaint, words: list[str]) -> bool:
    """The complaint holds the words searched for; its request's reference and its linked
    applicant's ID number and phone (a complaint linked by ID keeps no phone of its own) are
    read only when the complaint's own fields do not hold them."""
    fields = (row.number, row.contact_name, row.contact_phone, row.subject)
    if has_words(words, *fields):
        return True
    if row.applicant_id is not None:
        holder = s.execute(select(Applicant.national_id, Applicant.phone)
                           .where(Applicant.id == row.applicant_id)).first()
        fields += tuple(holder) if holder else ()
    return has_words(words, *fields, _reference(s, row))


def _view(s, row: Complaint, events: tuple[ComplaintEventView, ...] = (),
          gender: str | None = None) -> ComplaintView:
    reference = _reference(s, row)
    assigned = s.get(User, row.assigned_to) if row.assigned_to else None
    return ComplaintView(
        row.id, row.number, row.kind, row.channel, row.category, row.anonymous, row.contact_name,
        row.contact_phone, row.applicant_id, reference or "", row.subject, row.text,
        row.received_on, row.due_on, row.status, row.assigned_to,
        assigned.full_name if assigned else "", row.escalated_on, row.resolution, row.resolved_on,
        row.informed_how, row.complainant_satisfaction, row.branch, events, gender,
    )
