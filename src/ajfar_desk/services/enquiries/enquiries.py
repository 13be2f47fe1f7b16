"""Enquiries (الاستفسارات): the contact log of every channel. The policies begin the procedure
with receiving the beneficiary and answering their questions, and refer unclear cases to the
social researcher — before any request exists. Each enquiry keeps who asked (a registered
applicant, or a name and a phone), the channel, the subject, the answer given, whether it was
referred to the researcher (one by name, or whichever takes it) and the request it became.

The desk sees every enquiry; a social researcher those referred to them (or to no one in
particular). The monthly report counts them by channel (``services.reports.report``)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select

from ...db.enquiries import Enquiry
from ...db.models import Applicant, SupportRequest, User
from ...domain import permissions
from ...domain.dates import day_or_today
from ...domain.digits import normalize_digits
from ...domain.errors import FieldErrors, ValidationError
from ...domain.phone import normalize_phone
from ...domain.searching import has_words, search_words
from ...domain.validation import max_length, required_text
from ...i18n import _
from ..requests.reference_counter import next_reference
from ..store.context import AppContext
from ..store.events import FEEDBACK_CHANGED
from ..store.rows import get_or_refuse, registered_applicant

ENQUIRY_CHANGED = FEEDBACK_CHANGED  # the beneficiary's voice: the same views refresh
SCAN = 5000  # the newest enquiries a text search looks through


@dataclass(frozen=True)
class EnquiryInput:
    channel: str
    subject: str
    answer: str = ""
    applicant: str = ""  # the ID number of a registered applicant (links the file)
    contact_name: str = ""  # who asked, when not registered
    contact_phone: str = ""
    referred: bool = False  # referred to the social researcher
    researcher: str = ""  # the researcher's user name, or "" for whichever takes it
    request_reference: str = ""  # the request it became
    received_on: str = ""  # today when empty


@dataclass(frozen=True)
class EnquiryView:
    id: uuid.UUID
    number: str
    channel: str
    received_on: dt.date
    applicant_id: uuid.UUID | None
    applicant_number: str  # the registered applicant's ID number, "" when not registered
    name: str
    phone: str | None
    subject: str
    answer: str
    referred: bool
    researcher_id: uuid.UUID | None
    researcher_name: str
    request_id: uuid.UUID | None
    request_reference: str
    branch: str


@dataclass(frozen=True)
class Researcher:
    id: uuid.UUID
    username: str
    full_name: str


def researchers(ctx: AppContext) -> list[Researcher]:
    """The active social researchers an enquiry may be referred to."""
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        rows = s.execute(
            select(User.id, User.username, User.full_name)
            .where(User.role == permissions.RESEARCHER, User.active.is_(True))
            .order_by(User.full_name)
        )
        return [Researcher(i, u, n) for i, u, n in rows]


def record_enquiry(ctx: AppContext, data: EnquiryInput, today: dt.date | None = None) -> EnquiryView:
    """Log one enquiry; every wrong field is named at once."""
    ctx.require(permissions.RECORD_ENQUIRY)
    today = today or dt.date.today()
    errors = FieldErrors()
    errors.check("channel", lambda: ctx.profile.channel(data.channel))
    subject = errors.check("subject", lambda: required_text(data.subject, "subject", _("Subject")))
    errors.check("subject", lambda: max_length(subject, "subject", _("Subject"), 200))
    received_on = day_or_today(errors, "received_on", data.received_on, today)
    name = " ".join(data.contact_name.split())
    errors.check("contact_name", lambda: max_length(name, "contact_name", _("Name"), 330))
    phone = None
    if data.contact_phone.strip():
        phone = errors.check("contact_phone", lambda: normalize_phone(data.contact_phone, "contact_phone"))
    number = normalize_digits(data.applicant).replace(" ", "").replace("-", "").strip()
    if not number and not name:
        errors.add("contact_name", _("Give the name of who asked, or the ID of a registered applicant"))
    if data.researcher.strip() and not data.referred:
        errors.add("researcher", _("Tick «referred to the researcher» to name one"))
    errors.raise_if_any()
    with ctx.uow() as s:
        applicant_id = None
        if number:
            applicant_id, full_name = registered_applicant(s, number, "applicant")
            name = name or full_name
        researcher_id = _researcher(s, data.researcher) if data.referred else None
        request_id = _request(s, data.request_reference, applicant_id)
        row = Enquiry(
            branch=ctx.branch.code,
            number=next_reference(s, f"{ctx.branch.ref_prefix}-Q", received_on),
            channel=data.channel,
            applicant_id=applicant_id,
            contact_name=name,
            contact_phone=phone,
            subject=subject,
            answer=data.answer.strip(),
            referred=data.referred,
            referred_to=researcher_id,
            request_id=request_id,
            received_on=received_on,
            recorded_by=ctx.user_id,
        )
        s.add(row)
        s.flush()
        ctx.audit(s, "record", "enquiry", row.id, number=row.number, channel=row.channel,
                  referred=row.referred)
        enquiry_id = row.id
    ctx.changed(ENQUIRY_CHANGED, enquiry_id)
    return get_enquiry(ctx, enquiry_id)


def link_request(ctx: AppContext, enquiry_id: uuid.UUID, reference: str) -> EnquiryView:
    """The enquiry became this request (of the same applicant, when it names one)."""
    ctx.require(permissions.RECORD_ENQUIRY)
    with ctx.uow() as s:
        row = get_or_refuse(s, Enquiry, enquiry_id, "enquiry", _("No such enquiry"))
        row.request_id = _request(s, reference, row.applicant_id, required=True)
        if row.applicant_id is None:
            row.applicant_id = s.scalar(
                select(SupportRequest.applicant_id).where(SupportRequest.id == row.request_id)
            )
        ctx.audit(s, "link", "enquiry", row.id, number=row.number, request=reference.strip().upper())
    ctx.changed(ENQUIRY_CHANGED, enquiry_id)
    return get_enquiry(ctx, enquiry_id)


def _researcher(s, username: str) -> uuid.UUID | None:
    username = username.strip()
    if not username:
        return None
    found = s.execute(
        select(User.id, User.role, User.active).where(User.username == username)
    ).first()
    if found is None or found.role != permissions.RESEARCHER or not found.active:
        raise ValidationError("researcher", _("{name} is not an active social researcher").format(name=username))
    return found.id


def _request(s, reference: str, applicant_id: uuid.UUID | None, required: bool = False):
    reference = normalize_digits(reference).strip().upper()
    if not reference:
        if required:
            raise ValidationError("request_reference", _("Give the request's reference"))
        return None
    found = s.execute(
        select(SupportRequest.id, SupportRequest.applicant_id).where(SupportRequest.reference == reference)
    ).first()
    if found is None:
        raise ValidationError("request_reference", _("No request has this reference"))
    if applicant_id is not None and found.applicant_id != applicant_id:
        raise ValidationError("request_reference", _("This request belongs to another applicant"))
    return found.id


def _visible(ctx: AppContext, q):
    """The desk sees every enquiry; a researcher those referred to them or to nobody by name;
    the committee none."""
    if ctx.may(permissions.RECORD_ENQUIRY):
        return q
    if ctx.role == permissions.RESEARCHER:
        return q.where(
            Enquiry.referred.is_(True),
            or_(Enquiry.referred_to == ctx.user_id, Enquiry.referred_to.is_(None)),
        )
    raise permissions.PermissionDenied(ctx.role, permissions.RECORD_ENQUIRY)


def list_enquiries(
    ctx: AppContext,
    text: str = "",
    channel: str | None = None,
    referred: bool | None = None,
    limit: int = 500,
) -> list[EnquiryView]:
    """Newest first. ``text`` finds the number, a phone, an ID number, or words of the name,
    the subject or the answer (Arabic spelling variants and any digits alike)."""
    ctx.require(permissions.VIEW_APPLICANT)
    q = _visible(ctx, _joined()).order_by(Enquiry.received_on.desc(), Enquiry.number.desc())
    if channel:
        q = q.where(Enquiry.channel == channel)
    if referred is not None:
        q = q.where(Enquiry.referred.is_(referred))
    words = search_words(text)
    with ctx.reading() as s:
        rows = s.execute(q.limit(SCAN if words else limit)).all()
        views = [_view(*r) for r in rows]
    if words:
        views = [v for v in views if _matches(v, words)][:limit]
    return views


def get_enquiry(ctx: AppContext, enquiry_id: uuid.UUID) -> EnquiryView:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        row = s.execute(_visible(ctx, _joined()).where(Enquiry.id == enquiry_id)).first()
        if row is None:
            raise ValidationError("enquiry", _("No such enquiry"))
        return _view(*row)


def _joined():
    researcher = User.__table__.alias("researcher")
    return (
        select(Enquiry, Applicant.national_id, researcher.c.full_name, SupportRequest.reference)
        .outerjoin(Applicant, Applicant.id == Enquiry.applicant_id)
        .outerjoin(researcher, researcher.c.id == Enquiry.referred_to)
        .outerjoin(SupportRequest, SupportRequest.id == Enquiry.request_id)
    )


def _view(row: Enquiry, national_id: str | None, researcher: str | None, reference: str | None) -> EnquiryView:
    return EnquiryView(
        id=row.id, number=row.number, channel=row.channel, received_on=row.received_on,
        applicant_id=row.applicant_id, applicant_number=national_id or "", name=row.contact_name,
        phone=row.contact_phone, subject=row.subject, answer=row.answer, referred=row.referred,
        researcher_id=row.referred_to, researcher_name=researcher or "", request_id=row.request_id,
        request_reference=reference or "", branch=row.branch,
    )


def _matches(v: EnquiryView, words: list[str]) -> bool:
    return has_words(words, v.number, v.applicant_number, v.phone, v.name, v.subject, v.answer,
                     v.request_reference)
