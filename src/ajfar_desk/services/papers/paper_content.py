"""What a paper says: the canonical content of a declaration, referral, receipt, decision
letter or the documents a draft still needs, built from the request, its applicant and checklist as they stand when it is issued (the
header, the applicant, the request, its documents, and the committee's latest decision for a
letter).  ``documents`` stores it with its hash; ``committee_papers`` builds the minutes' from
the same parts; ``requests.declaration_check`` rebuilds a declaration's to see what changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.casework import Decision, Meeting
from ...db.models import SupportRequest, User
from ...domain import documents as paper
from ...domain import workflow as wf
from ...domain.appointments import DAY_CODES
from ...domain.errors import ValidationError
from ...domain.id_types import shown_number
from ...domain.program_kinds import appeal_deadline
from ...i18n import _
from ..requests import casework
from ..requests.checklist import checklist
from ..store.context import AppContext
from ..store.rows import applicant_file
from .receipt_terms import receipt_content


def meeting_content(m: Meeting) -> dict[str, Any]:
    content = {
        "number": m.number,
        "year": m.hijri_year,
        "held_on": m.held_on.isoformat(),
        "members": json.loads(m.members or "[]"),  # the attendees
    }
    from ..committee.committee import chair_of

    content["chair"] = chair_of(m)  # "" when nobody was recorded: a line to sign by hand
    if m.carried_over is not None:
        content["carried_over"] = json.loads(m.carried_over)
    return content


TITLES = ("أ.د.", "أ.", "د.", "م.", "أ/", "د/", "م/", "الأستاذ", "الأستاذة", "الدكتور", "الدكتورة",
          "المهندس", "المهندسة", "Dr.", "Mr.", "Ms.", "Mrs.")


def person_gender(s: Session, name: str) -> str:
    """The gender of a meeting's member (a typed name): the account whose full name it is,
    with or without a title before it («أ. هيفاء …»); else what an Arabic lineage says of the
    person («هيفاء بنت محمد»: a woman, «عبدالله بن سعد»: a man); "" when nothing tells, or
    accounts of both genders bear the name."""
    words = (name or "").split()
    while words and words[0] in TITLES:
        words = words[1:]
    wanted = " ".join(words)
    if not wanted:
        return ""
    found = set(s.scalars(select(User.gender).where(User.full_name.in_({wanted, " ".join((name or "").split())}))))
    if len(found) == 1:
        return found.pop() or ""
    if found:
        return ""
    if "بنت" in words[1:]:
        return "female"
    if "بن" in words[1:]:
        return "male"
    return ""


def chair_gender(s: Session, m: Meeting) -> str:
    """The gender of the meeting's chair, as the accounts record it."""
    from ..committee.committee import chair_of

    return person_gender(s, chair_of(m))


def member_genders(s: Session, m: Meeting) -> dict[str, str]:
    """Each attendee's gender as the accounts record it ("" when not known): «عضوة اللجنة»."""
    return {name: person_gender(s, name) for name in json.loads(m.members or "[]")}


def amount(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def latest_decision(s: Session, request_id: uuid.UUID, appeal_days: int) -> dict[str, Any]:
    """The committee's latest decision on a request, as its letter states it."""
    found = s.execute(
        select(Decision, Meeting)
        .join(Meeting, Meeting.id == Decision.meeting_id)
        .where(Decision.request_id == request_id)
        .order_by(Meeting.held_on.desc(), Meeting.number.desc(), Decision.created_at.desc())
        .limit(1)
    ).first()
    if found is None:
        raise ValidationError("decision", _("The committee has not decided this request yet"))
    d, m = found
    if d.outcome not in paper.LETTER_OUTCOMES:
        message = _("The committee postponed its decision on this request; there is no answer yet")
        raise ValidationError("decision", message)
    from ..committee.committee import chair_of
    from ..requests.appeals import decided_in, rejected_on

    appeal = decided_in(s, request_id, m.id)
    # a first rejection's letter names the last day of its appeal, the day the service enforces
    rejected = rejected_on(s, request_id) if d.outcome == paper.REJECT and not appeal else None
    return {
        "appeal": appeal,
        "appeal_days": appeal_days,
        **({"appeal_last_day": appeal_deadline(rejected, appeal_days).isoformat()} if rejected else {}),
        "outcome": d.outcome,
        "service": d.service,
        "amount": amount(d.amount),
        "reason": d.reason,
        "meeting": {k: v for k, v in meeting_content(m).items()
                    if k not in ("members", "chair", "carried_over")},
        "chair": chair_of(m),
    }


def header(ctx: AppContext, kind: str, number: str, revision: int, lang: str, now: dt.datetime):
    user = ctx.user
    return {
        "kind": kind,
        "number": number,
        "revision": revision,
        "lang": lang,
        "association": ctx.profile.id,
        "branch": ctx.branch.code,
        "issued_at": now.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "issued_on": now.astimezone().date().isoformat(),
        "employee": {
            "name": (user.full_name or user.username) if user else "",
            "username": user.username if user else "",
            "gender": user.gender if user else "",
            # the signer's own title on a letter («مدير الجمعية» signs as the manager)
            "role": user.role if user else "",
        },
    }


def _path(ctx: AppContext, program: str) -> dict[str, Any]:
    """What the program's policy asks (the papers say it): committee, declaration, immediate;
    and what its request is when it is not a support request (a complaint's declaration has
    nothing paid out to recover). A support request's content stays as it was, so the papers
    issued before still read as current."""
    kind = casework.program_kind(ctx, program)
    if kind is None:
        return {}
    path: dict[str, Any] = {"committee": kind.committee, "declaration": kind.declaration,
                            "immediate": kind.immediate}
    if kind.request != "support":
        path["request_kind"] = kind.request
    return path


def submitted_by_exception(s: Session, row: SupportRequest) -> dict[str, Any] | None:
    """What a submission by exception excepted (in both languages: a paper says the same in
    either) and why; None when every condition was met."""
    for event in reversed(casework.events_of(s, row.id)):  # the latest submission's
        if event.action not in (wf.SUBMIT, wf.DELIVER_IMMEDIATELY):
            continue
        details = json.loads(event.details) if event.details else {}
        if not details.get("override"):
            return None
        return {"reason": details["override"],
                "conditions": details.get("excepted", {})}
    return None


def request_content(
    ctx: AppContext,
    s: Session,
    row: SupportRequest,
    kind: str,
    number: str,
    revision: int,
    lang: str,
    now: dt.datetime,
    signature_png: bytes | None,
    note: str,
) -> dict[str, Any]:
    """Everything the paper prints, as plain JSON values (codes, ISO dates, E.164 phones)."""
    # the applicant with their documents and household in one round trip; a submission has
    # read them so already (the session hands them back without a query)
    a = applicant_file(s, row.applicant_id)
    if a is None:  # a request's applicant (a foreign key): gone only by a broken store
        raise ValidationError("applicant", _("No such applicant"))
    today = now.astimezone().date()
    lines = checklist(ctx, s, row, today, documents=a.documents)
    numbers = {d.id: d.number for d in a.documents}
    members = len(a.members)
    content: dict[str, Any] = {
        **header(ctx, kind, number, revision, lang, now),
        "applicant": {
            "full_name": a.full_name,
            **({"latin_name": a.latin_name} if a.latin_name else {}),
            "national_id": shown_number(a.id_type, a.national_id),
            "id_type": a.id_type,
            "id_country": a.id_country,
            "gender": a.gender,
            "birth_date": a.birth_date.isoformat(),
            **({"birth_approx": True} if a.birth_approx else {}),  # «حوالي ١٩٨٠» on the paper
            "nationality": a.nationality,
            "phone": a.phone,
            "city": a.city,
            "district": a.district,
            "household_size": 1 + members,
        },
        "request": {
            "reference": row.reference,
            "program": row.program,
            "channel": row.channel,
            "status": row.status,
            "submitted_on": row.submitted_at.astimezone().date().isoformat()
            if row.submitted_at
            else None,
            "answer_due": row.answer_due.isoformat() if row.answer_due else None,
            **_path(ctx, row.program),
        },
        "documents": [
            {
                "kind": ln.kind,
                "number": numbers.get(ln.document_id, "") if ln.document_id else "",
                "valid_until": ln.expiry_date.isoformat() if ln.expiry_date else None,
                "state": ln.state,
            }
            for ln in lines
        ],
    }
    if kind == paper.DECLARATION:
        content["signature"] = {
            "mode": paper.SIGNATURE_PAD if signature_png else paper.SIGNATURE_WET,
            "sha256": hashlib.sha256(signature_png).hexdigest() if signature_png else None,
        }
    else:
        content["note"] = (note or "").strip()
        path = casework.program_kind(ctx, row.program)
        content["answer_period_days"] = path.answer_period_days if path else None
        exception = submitted_by_exception(s, row)
        if exception:
            content["request"]["exception"] = exception
    if kind == paper.RECEIPT:
        content.update(receipt_content(ctx, lang, a.gender))
    if kind == paper.NEEDED:
        content["bring"] = bring(ctx)
    return content


def bring(ctx: AppContext) -> dict[str, Any]:
    """Where and when the applicant brings what is missing, as far as the profile states it:
    its phone and its office hours (``[appointments]``); the Saudi week the appointments assume
    when the profile is silent is no promise of the association's, so it is not printed."""
    hours = ctx.profile.office_hours
    days = {number: code for code, number in DAY_CODES.items()}
    return {
        "phone": ctx.profile.messages.phone.strip(),
        "hours": {"days": [days[d] for d in hours.days], "opens": hours.opens.strftime("%H:%M"),
                  "closes": hours.closes.strftime("%H:%M")} if hours.stated else None,
    }
