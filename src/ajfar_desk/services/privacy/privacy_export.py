"""Data protection, part one: a person's right of access (everything the store holds about one
applicant, as plain JSON or a zip with their scans)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, undefer

from ...db.appointments import Appointment
from ...db.casework import Appeal, Decision, Meeting, ServiceDelivery, SocialStudy
from ...db.coordination import CoordinationReveal
from ...db.models import (
    Applicant,
    AuditEntry,
    Document,
    DocumentCheck,
    HouseholdMember,
    IssuedDocument,
    StatusEvent,
    SupportRequest,
    User,
)
from ...domain import permissions
from ...domain.dates import gregorian_to_hijri
from ...domain.digits import digits_only, normalize_digits
from ...domain.errors import ValidationError
from ...domain.id_types import any_number
from ...i18n import _
from ..messages import outbox
from ..store.context import AppContext
from ..store.output_files import atomic_output
from ..store.rows import get_or_refuse

EXPORT_FORMAT = "ajfar-desk/person-export"
EXPORT_VERSION = 1

@dataclass(frozen=True)
class PersonRef:
    id: uuid.UUID
    national_id: str
    full_name: str
    anonymised_at: dt.datetime | None


def find_person(ctx: AppContext, national_id: str) -> PersonRef:
    """The applicant with this national ID (or the placeholder of an anonymised one)."""
    ctx.require(permissions.PERSONAL_DATA)
    typed = digits_only(normalize_digits(national_id or ""))
    nid = typed if typed.startswith("0") else any_number(national_id)
    with ctx.reading() as s:
        found = s.scalars(select(Applicant).where(Applicant.national_id == nid).limit(2)).all()
        if len(found) > 1:  # one number in two countries' passports: never guess whose data
            raise ValidationError("national_id", _(
                "Several files hold the number {nid} (passports of different countries); "
                "open the person's file at the desk").format(nid=nid))
        a = found[0] if found else None
        if a is None:
            raise ValidationError(
                "national_id", _("No applicant with national ID {nid}").format(nid=nid)
            )
        return PersonRef(a.id, a.national_id, a.full_name, a.anonymised_at)


# -- right of access -----------------------------------------------------------------------


def export_person(
    ctx: AppContext, applicant_id: uuid.UUID, *, include_scans: bool = False
) -> dict[str, Any]:
    """Everything the store holds about one applicant, as JSON-able data (audited)."""
    ctx.require(permissions.PERSONAL_DATA)
    with ctx.uow() as s:
        a = _applicant(s, applicant_id)
        staff = {u.id: {"username": u.username, "name": u.full_name} for u in s.scalars(select(User))}
        who = staff.get
        blobs = [undefer(Document.scan)] if include_scans else []
        docs = s.scalars(
            select(Document).options(*blobs).where(Document.applicant_id == a.id)
            .order_by(Document.created_at)
        ).all()
        reqs = s.scalars(
            select(SupportRequest).where(SupportRequest.applicant_id == a.id)
            .order_by(SupportRequest.created_at)
        ).all()
        data = {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": _t(dt.datetime.now(dt.UTC)),
            "exported_by": who(ctx.user_id),
            "association": ctx.profile.id,
            "applicant": _applicant_data(a),
            "household_members": [
                {"id": str(m.id), "full_name": m.full_name, "relation": m.relation,
                 "gender": m.gender, "birth_date": _d(m.birth_date),
                 "national_id": m.national_id, **_income(m)}
                for m in a.members
            ],
            "documents": [
                {"id": str(d.id), "kind": d.kind, "number": d.number,
                 "issue_date": _d(d.issue_date), "expiry_date": _d(d.expiry_date),
                 "added_at": _t(d.created_at), "scan_name": d.scan_name,
                 **_blob("scan", d.scan_name or f"document-{d.kind}", d.scan if include_scans else None)}
                for d in docs
            ],
            "requests": [_request_data(s, r, who, include_scans) for r in reqs],
            "coordination": [  # what other associations of the consortium revealed about them
                {"association": c.association, "program": c.program,
                 "service_month": c.service_month, "first_seen_at": _t(c.first_seen_at)}
                for c in s.scalars(select(CoordinationReveal).where(CoordinationReveal.applicant_id == a.id))
            ],
            "messages": [
                {"id": str(m.id), "kind": m.kind, "channel": m.channel, "recipient": m.recipient,
                 "language": m.language, "text": m.text, "state": m.state,
                 "created_at": _t(m.created_at), "sent_at": _t(m.sent_at)}
                for m in outbox.list_messages(s, applicant_id=a.id)
            ],
            "appointments": [
                {"id": str(b.id), "day": _d(b.day), "day_hijri": _hijri(b.day),
                 "time": f"{b.start_minute // 60:02}:{b.start_minute % 60:02}", "minutes": b.minutes,
                 "purpose": b.purpose, "state": b.state, "employee": who(b.employee_id),
                 "note": b.note, "reason": b.reason, "branch": b.branch}
                for b in s.scalars(select(Appointment).where(Appointment.applicant_id == a.id)
                                   .order_by(Appointment.day, Appointment.start_minute))
            ],
        }
        data["audit_trail"] = _audit_trail(s, a, reqs, data, who)
        ctx.audit(s, "export_person", "applicant", a.id, scans=include_scans)
    return data


def _applicant_data(a: Applicant) -> dict[str, Any]:
    return {
        "id": str(a.id), "national_id": a.national_id, "id_type": a.id_type, "id_country": a.id_country,
        "first_name": a.first_name, "father_name": a.father_name,
        "grandfather_name": a.grandfather_name, "family_name": a.family_name,
        "full_name": a.full_name, "latin_name": a.latin_name, "birth_date": _d(a.birth_date),
        "birth_approx": a.birth_approx,  # the birth date is a year only ("about 1980")
        "birth_date_hijri": _hijri(a.birth_date), "nationality": a.nationality,
        "gender": a.gender, "marital_status": a.marital_status, "phone": a.phone,
        "phone2": a.phone2, "city": a.city, "district": a.district,
        **_income(a), "category": a.category, "notes": a.notes,
        "branch": a.branch, "registered_at": _t(a.created_at), "updated_at": _t(a.updated_at),
        "consent_at": _t(a.consent_at), "anonymised_at": _t(a.anonymised_at),
        "coordination_consent": a.coordination_consent,
        "email": a.email, "messages_consent": a.messages_consent,
        "preferred_channel": a.preferred_channel, "preferred_language": a.preferred_language,
    }


def _request_data(s: Session, r: SupportRequest, who, scans: bool) -> dict[str, Any]:
    events = s.scalars(
        select(StatusEvent).where(StatusEvent.request_id == r.id)
        .order_by(StatusEvent.at, StatusEvent.id)
    )
    study = s.scalar(select(SocialStudy).where(SocialStudy.request_id == r.id))
    decisions = s.execute(
        select(Decision, Meeting).join(Meeting, Meeting.id == Decision.meeting_id)
        .where(Decision.request_id == r.id).order_by(Meeting.held_on, Decision.created_at)
    ).all()
    extra = [undefer(ServiceDelivery.acknowledgment_png)] if scans else []
    deliveries = s.scalars(
        select(ServiceDelivery).options(*extra).where(ServiceDelivery.request_id == r.id)
        .order_by(ServiceDelivery.delivered_on, ServiceDelivery.created_at)
    )
    extra = [undefer(IssuedDocument.signature_png), undefer(IssuedDocument.scan)] if scans else []
    papers = s.scalars(
        select(IssuedDocument).options(*extra).where(IssuedDocument.request_id == r.id)
        .order_by(IssuedDocument.kind, IssuedDocument.revision)
    )
    return {
        "id": str(r.id), "reference": r.reference, "program": r.program, "channel": r.channel,
        "status": r.status, "description": r.description, "branch": r.branch,
        "created_at": _t(r.created_at), "created_by": who(r.created_by),
        "submitted_at": _t(r.submitted_at), "answer_due": _d(r.answer_due),
        "document_checks": [
            {"kind": c.kind, "document_id": str(c.document_id) if c.document_id else None,
             "valid_until": _d(c.valid_until), "checked_on": _d(c.checked_on)}
            for c in s.scalars(select(DocumentCheck).where(DocumentCheck.request_id == r.id))
        ],
        "timeline": [
            {"at": _t(e.at), "action": e.action, "from_status": e.from_status,
             "to_status": e.to_status, "by": who(e.user_id), "role": e.role,
             "reason": e.reason, "details": json.loads(e.details) if e.details else {}}
            for e in events
        ],
        "social_study": study and {
            "researcher": who(study.researcher_id), "visit_date": _d(study.visit_date),
            "household": study.household, "monthly_income": _n(study.monthly_income) if study.income_given else None,
            "income_given": bool(study.income_given),
            "monthly_expenses": _n(study.monthly_expenses) if study.expenses_given else None,
            "expenses_given": bool(study.expenses_given), "housing": study.housing,
            "housing_notes": study.housing_notes, "health": study.health,
            "recommendation": study.recommendation,
            "recommendation_notes": study.recommendation_notes, "updated_at": _t(study.updated_at),
        },
        "committee_decisions": [
            {"meeting_number": m.number, "meeting_year_hijri": m.hijri_year,
             "meeting_date": _d(m.held_on), "meeting_date_hijri": _hijri(m.held_on),
             "outcome": d.outcome, "service": d.service, "amount": _n(d.amount),
             "reason": d.reason, "decided_at": _t(d.created_at), "recorded_by": who(d.decided_by)}
            for d, m in decisions
        ],
        "service_deliveries": [
            {"description": v.description, "quantity": _n(v.quantity), "amount": _n(v.amount),
             "delivered_on": _d(v.delivered_on), "delivered_by": who(v.delivered_by),
             "recipient_name": v.recipient_name, "acknowledged": v.acknowledged,
             **_blob("acknowledgment_image", f"{r.reference}-acknowledgment.png",
                     v.acknowledgment_png if scans else None)}
            for v in deliveries
        ],
        "appeals": [
            {"grounds": ap.grounds, "lodged_on": _d(ap.lodged_on), "deadline": _d(ap.deadline),
             "recorded_by": who(ap.recorded_by), "outcome": ap.outcome,
             "decided_on": _d(ap.decided_on)}
            for ap in s.scalars(select(Appeal).where(Appeal.request_id == r.id))
        ],
        "issued_papers": [
            {"number": p.number, "kind": p.kind, "revision": p.revision, "lang": p.lang,
             "issued_at": _t(p.created_at), "issued_by": who(p.issued_by), "sha256": p.sha256,
             "signature_mode": p.signature_mode, "signed_at": _t(p.signed_at),
             "print_count": p.print_count, "content": json.loads(p.content),
             "scan_name": p.scan_name,
             **_blob("signature_image", f"{p.number}-signature.png",
                     p.signature_png if scans else None),
             **_blob("scan", p.scan_name or f"{p.number}-scan", p.scan if scans else None)}
            for p in papers
        ],
    }


def _audit_trail(s: Session, a: Applicant, reqs, data: dict, who) -> list[dict[str, Any]]:
    """Entries about the applicant, their members, documents, requests, deliveries and papers
    (by id or number), and those naming the applicant's id or a request's reference."""
    ids = {str(a.id)} | {str(r.id) for r in reqs}
    ids |= {m["id"] for m in data["household_members"]} | {d["id"] for d in data["documents"]}
    ids |= {p["number"] for r in data["requests"] for p in r["issued_papers"]}
    if reqs:
        ids |= {str(i) for i in s.scalars(
            select(ServiceDelivery.id).where(ServiceDelivery.request_id.in_([r.id for r in reqs]))
        )}
    named = [str(a.id)] + [r.reference for r in reqs]
    rows = s.scalars(
        select(AuditEntry).where(or_(
            AuditEntry.entity_id.in_(ids),
            *[AuditEntry.details.contains(x, autoescape=True) for x in named],
        )).order_by(AuditEntry.at, AuditEntry.seq)
    )
    return [
        {"at": _t(e.at), "branch": e.branch, "entry": e.seq, "by": who(e.user_id),
         "action": e.action, "entity": e.entity, "entity_id": e.entity_id,
         "details": json.loads(e.details) if e.details else {}}
        for e in rows
    ]


def write_export(data: dict[str, Any], path: str | os.PathLike) -> Path:
    """``.zip``: ``person.json`` plus every scan and image as its own file under ``files/``
    (the JSON names them); any other name: one UTF-8 JSON file, files inline as base64."""
    path = Path(path)
    with atomic_output(path) as tmp:  # beside ``path``, renamed when whole, removed on failure
        if path.suffix.lower() == ".zip":
            files: list[tuple[str, bytes]] = []
            body = _to_files(data, files)
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("person.json", json.dumps(body, ensure_ascii=False, indent=2))
                for name, content in files:
                    z.writestr(name, content)
        else:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _to_files(value: Any, files: list[tuple[str, bytes]]) -> Any:
    if isinstance(value, list):
        return [_to_files(v, files) for v in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"file_name", "base64"}:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in PurePath(value["file_name"]).name)
        name = f"files/{len(files) + 1:03d}-{safe or 'file'}"
        files.append((name, base64.b64decode(value["base64"])))
        return {"file_name": value["file_name"], "path": name}
    return {k: _to_files(v, files) for k, v in value.items()}


# -- anonymisation ---------------------------------------------------------------------------


def _applicant(s: Session, applicant_id: uuid.UUID) -> Applicant:
    a = get_or_refuse(s, Applicant, applicant_id, "applicant", _("No such applicant"))
    return a


def _mid_year(d: dt.date) -> dt.date:
    return dt.date(d.year, 7, 1)


def _blob(key: str, name: str, data: bytes | None) -> dict[str, Any]:
    if data is None:
        return {}
    return {key: {"file_name": name, "base64": base64.b64encode(data).decode("ascii")}}


def _d(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _t(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC).isoformat()


def _income(row: Applicant | HouseholdMember) -> dict[str, Any]:
    """A monthly income as the file holds it: null when it was not said (never "0"), and the
    flag that says so beside it."""
    said = bool(row.income_given)
    return {"monthly_income": _n(row.monthly_income) if said else None, "income_given": said}


def _n(value) -> str | None:
    return None if value is None else str(value)


def _hijri(value: dt.date | None) -> str | None:
    if value is None:
        return None
    try:
        y, m, d = gregorian_to_hijri(value)
    except ValidationError:  # outside the Umm al-Qura range
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"
