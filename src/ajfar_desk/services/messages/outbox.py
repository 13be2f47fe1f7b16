"""The outbox: every message to an applicant is a row (``db.messages.OutboxMessage``) written in
the SAME transaction as the event that caused it (a submission, a decision, a request for more
information, a resolved complaint), so a laptop without a network loses nothing: the sender
(``sender.py``) delivers it when a network is there.

Who sends: exactly one node, THE STORE THAT CREATED THE MESSAGE (``created_node`` = that store's
``store_id``).  Why not head office: the message is promised in the applicant's presence (the
receipt at the desk), and a branch laptop reaches an SMS gateway or a mailbox through a phone's
hotspot long before its work reaches head office (a USB stick, days later); head office would
send "we received your request" a week late.  One owner also means the sending state
(attempts, sending, sent) is written by one node only, so the exchange never has two nodes'
attempts to reconcile: other nodes see the state as it syncs.  A manager's ``resend`` of a
failed or unknown message makes the resending store its sender (it takes the message over).
A store with no ``messaging.toml`` keeps its messages queued until one is written.

No message without the applicant's consent (PDPL), to an address of the applicant's preferred
channel, in the applicant's preferred language; a kind the association switched off in its
profile is not queued (``queue`` returns None in each of those cases)."""

from __future__ import annotations

import datetime as dt
import uuid
import weakref
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.base import new_id, utcnow
from ...db.bulk_writes import bulk_update
from ...db.messages import FAILED, QUEUED, SENDING, STATES, UNKNOWN, OutboxMessage
from ...db.models import Applicant, StoreMeta, SupportRequest
from ...db.sync_tables import deterministic_id
from ...domain import messages as dm
from ...domain.dates import format_date, format_hijri
from ...domain.digits import digit_style, localize_digits
from ...domain.errors import ValidationError
from ...domain.workflow import WAITING
from ...i18n import _


@dataclass(frozen=True)
class MessageView:
    id: uuid.UUID
    applicant_id: uuid.UUID
    request_id: uuid.UUID | None
    kind: str
    channel: str
    recipient: str
    language: str
    template: str
    subject: str
    text: str
    created_at: dt.datetime
    created_by: uuid.UUID | None
    created_node: str
    branch: str
    attempts: int
    state: str
    next_attempt_at: dt.datetime | None
    last_error: str
    sent_at: dt.datetime | None
    idempotency_key: str


def view(m: OutboxMessage) -> MessageView:
    return MessageView(
        m.id, m.applicant_id, m.request_id, m.kind, m.channel, m.recipient, m.language,
        m.template, m.subject, m.text, m.created_at, m.created_by, m.created_node, m.branch,
        m.attempts, m.state, m.next_attempt_at, m.last_error, m.sent_at, m.idempotency_key,
    )


def _ctx(session: Session):
    ctx = session.info.get("ctx")
    if ctx is None:
        raise RuntimeError("queue() runs inside a unit of work opened by AppContext.uow()")
    return ctx


def store_node(session: Session) -> str:
    """This store's id: the node that sends the messages it creates (read once per engine: a
    store's id never changes)."""
    bind = session.get_bind()
    known = _NODES.get(bind)
    if known is None:
        known = session.execute(select(StoreMeta.value).where(StoreMeta.key == "store_id")).scalar() or ""
        if known:
            _NODES[bind] = known
    return known


_NODES: weakref.WeakKeyDictionary[object, str] = weakref.WeakKeyDictionary()


def both_calendars(day: dt.date, lang: str, digits: str) -> str:
    """Hijri beside Gregorian, plain text (no isolation marks: an SMS shows them as boxes)."""
    style = digit_style(digits, lang)
    try:
        return f"{format_hijri(day, lang, style)} ({format_date(day, lang, style)})"
    except ValidationError:  # outside the Umm al-Qura range
        return format_date(day, lang, style)


def address(applicant: Applicant) -> tuple[str, str] | None:
    """(channel, recipient) for the applicant's preferred channel, None without consent or
    without an address for that channel."""
    if not applicant.messages_consent or applicant.anonymised_at is not None:
        return None
    channel = applicant.preferred_channel
    recipient = (applicant.email or "") if channel == dm.EMAIL else applicant.phone or ""
    return (channel, recipient) if recipient else None


def queue(
    session: Session,
    *,
    applicant_id: uuid.UUID,
    kind: str,
    values: Mapping[str, str],
    request_id: uuid.UUID | None = None,
    when: dt.datetime | None = None,
    message_id: uuid.UUID | None = None,
) -> OutboxMessage | None:
    """Queue a message of ``kind`` to the applicant in the caller's transaction (the session of
    an ``AppContext.uow``).  ``values`` fill the template's placeholders over those known from
    the applicant, the request and the profile (name, reference, program, date, phone,
    association).  ``when``: not sent before then (a reminder the day before).  None: no
    consent, no address for the preferred channel, or the association switched the kind off."""
    if kind not in dm.KINDS:
        raise ValueError(f"unknown kind of message: {kind}")
    ctx = _ctx(session)
    profile = ctx.profile
    template = profile.messages.template(kind)
    if template is None:
        return None
    applicant = session.get(Applicant, applicant_id)
    if applicant is None or (where := address(applicant)) is None:
        return None
    channel, recipient = where
    lang = applicant.preferred_language if applicant.preferred_language in dm.LANGUAGES else "ar"
    filled = {
        "name": applicant.full_name,
        "association": profile.name(lang),
        "phone": localize_digits(profile.messages.phone, digit_style(profile.digits, lang)),
    }
    if request_id is not None and (request := session.get(SupportRequest, request_id)) is not None:
        filled["reference"] = request.reference
        try:
            filled["program"] = profile.program(request.program).name(lang)
        except ValidationError:
            filled["program"] = request.program
        if request.answer_due is not None:
            filled["date"] = both_calendars(request.answer_due, lang, profile.digits)
    filled.update(values)
    subject, text = dm.render(template, lang, filled)
    ident = message_id or new_id()
    now = utcnow()
    row = OutboxMessage(
        id=ident,
        branch=ctx.branch.code,
        created_at=now,  # set now, not at the flush: a view of the row is complete at once
        updated_at=now,
        applicant_id=applicant_id,
        request_id=request_id,
        kind=kind,
        channel=channel,
        recipient=recipient,
        language=lang,
        template=kind,
        subject=subject or profile.name(lang),
        text=text,
        created_by=ctx.user_id,
        created_node=store_node(session),
        attempts=0,
        state=QUEUED,
        next_attempt_at=when,
        last_error="",
        idempotency_key=f"ajfar-{ident.hex}",
    )
    session.add(row)
    return row


def queue_due(session: Session, today: dt.date) -> int:
    """Queue an apology with a new date for every request of this branch still waiting for its
    answer after its answer date; never twice for the same request and answer date (the
    message's id is derived from both, so two scans, or two nodes, make one row)."""
    ctx = _ctx(session)
    if not ctx.profile.messages.enabled(dm.OVERDUE_APOLOGY):
        return 0
    extra = ctx.profile.messages.overdue_extra_days
    rows = session.execute(
        select(SupportRequest.id, SupportRequest.applicant_id, SupportRequest.answer_due).where(
            SupportRequest.branch == ctx.branch.code,
            SupportRequest.status.in_(sorted(WAITING)),
            SupportRequest.answer_due < today,
        )
    ).all()
    count = 0
    new_date = today + dt.timedelta(days=extra)
    for request_id, applicant_id, due in rows:
        if due is None:  # the query asks for a date; said again for the type checker
            continue
        ident = deterministic_id("overdue_apology", str(request_id), due.isoformat())
        if session.get(OutboxMessage, ident) is not None:
            continue
        applicant = session.get(Applicant, applicant_id)
        lang = applicant.preferred_language if applicant is not None else "ar"
        values = {"new_date": both_calendars(new_date, lang, ctx.profile.digits)}
        if queue(session, applicant_id=applicant_id, kind=dm.OVERDUE_APOLOGY, values=values,
                 request_id=request_id, message_id=ident) is not None:
            count += 1
    return count


def list_messages(
    session: Session,
    *,
    state: str | None = None,
    applicant_id: uuid.UUID | None = None,
    request_id: uuid.UUID | None = None,
) -> list[MessageView]:
    """The messages, newest first, filtered by state, applicant or request."""
    q = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    if state is not None:
        if state not in STATES:
            raise ValidationError("state", _("Unknown message state: {state}").format(state=state))
        q = q.where(OutboxMessage.state == state)
    if applicant_id is not None:
        q = q.where(OutboxMessage.applicant_id == applicant_id)
    if request_id is not None:
        q = q.where(OutboxMessage.request_id == request_id)
    return [view(m) for m in session.scalars(q)]


def resend(session: Session, message_id: uuid.UUID) -> MessageView:
    """Queue a failed message again, or one whose fate is unknown once a manager has checked it
    did not arrive: attempts from zero, a new idempotency key (this is a new sending, not a
    retry of the old one), and this store becomes its sender."""
    row = session.get(OutboxMessage, message_id)
    if row is None:
        raise ValidationError("message", _("No such message"))
    if row.state not in (FAILED, UNKNOWN, QUEUED):
        raise ValidationError("message", _("Only a failed message, or one whose sending is unknown, "
                                           "can be sent again"))
    row.state, row.attempts, row.next_attempt_at, row.last_error = QUEUED, 0, None, ""
    row.idempotency_key = f"ajfar-{new_id().hex}"
    row.created_node = store_node(session)
    session.flush()
    return view(row)


def forget_person(session: Session, applicant_id: uuid.UUID) -> int:
    """Anonymising (services/privacy): the person's messages keep their kind, channel and
    state but lose the address and the text; one not sent yet never will be."""
    where = OutboxMessage.applicant_id == applicant_id
    bulk_update(session, OutboxMessage, where & OutboxMessage.state.in_([QUEUED, SENDING]),
                {"state": FAILED, "last_error": "anonymised"})
    return bulk_update(session, OutboxMessage, where, {"recipient": "", "subject": "", "text": ""})


__all__ = ["MessageView", "queue", "queue_due", "list_messages", "resend", "view", "address",
           "store_node", "both_calendars", "SENDING"]
