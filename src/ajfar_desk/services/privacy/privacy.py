"""Data protection: a person's right of access (everything the store holds about one applicant,
as plain JSON) and anonymisation on request (who they are is removed, the statistics stay).

Anonymising keeps every request, status event, decision and delivery (with amounts), and the
applicant's city, gender, nationality, category, income and birth year. Issued papers lose the
personal fields of their stored content and their signature images and scans; their printed
hash then no longer matches, so they verify as *altered* (expected: the record was changed).
Free texts typed about a step (status-event and decision reasons) and the audit log (a hash
chain that cannot be rewritten) are kept: audit details never hold names.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import delete, func, or_, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from ...db import name_parts
from ...db.appointments import Appointment
from ...db.bulk_writes import bulk_update
from ...db.casework import Appeal, Decision, ServiceDelivery, SocialStudy
from ...db.coordination import CoordinationReveal
from ...db.log_scrub import scrub_history
from ...db.models import Applicant, Document, InterviewDraft, IssuedDocument, SupportRequest
from ...db.search_index import uses_fts
from ...domain import documents as paper
from ...domain import permissions
from ...domain.digits import digits_only, normalize_digits
from ...domain.errors import ValidationError
from ...domain.text import name_tokens, normalize_name
from ...domain.transliteration import name_key
from ...i18n import _
from ..feedback import complaints, surveys
from ..messages import outbox
from ..store.context import AppContext
from ..store.events import APPLICANT_CHANGED, REQUEST_CHANGED
from .privacy_export import _applicant, _mid_year

ANONYMOUS_NAME = "مستفيد مجهول"  # stored data (Arabic-first), not a message
ANONYMOUS_MEMBER = "فرد من الأسرة"
PLACEHOLDER_PREFIX = "000"  # a real ID starts with 1 or 2; phones typed start with 05 or 00966
_PLACEHOLDER_SPACE = 10**7


@dataclass(frozen=True)
class AnonymiseResult:
    applicant_id: uuid.UUID
    placeholder_id: str  # what now stands in the national ID column
    members: int
    documents: int
    scans_deleted: int
    studies: int
    papers: int  # papers whose stored content changed: they now verify as altered
    deliveries: int
    drafts: int
    complaints: int
    surveys: int
    history: int  # exchange-log entries rewritten to the anonymised values
    wal_cleared: bool | None  # SQLite: old page images gone from the write-ahead log
    backups: tuple[Path, ...]  # older copies of the store that still hold the person's data
    messages: int = 0  # messages to the person emptied (services/messages)


def anonymise(ctx: AppContext, applicant_id: uuid.UUID, reason: str) -> AnonymiseResult:
    """Remove what identifies the person, in one transaction, keeping every statistic."""
    ctx.require(permissions.PERSONAL_DATA)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            "reason", _("Give the reason for anonymising, e.g. the person's written request")
        )
    now = dt.datetime.now(dt.UTC)
    with ctx.uow() as s:
        a = _applicant(s, applicant_id)
        if a.anonymised_at is not None:
            raise ValidationError(
                "applicant",
                _("This person's data was already anonymised on {date}").format(
                    date=a.anonymised_at.date().isoformat()
                ),
            )
        _check_reason(a, reason)
        conn = s.connection()
        sqlite, was_secure = conn.dialect.name == "sqlite", 1
        if sqlite:  # deleted and overwritten content is zeroed in the file, not left behind
            was_secure = conn.exec_driver_sql("PRAGMA secure_delete").scalar()
            conn.exec_driver_sql("PRAGMA secure_delete = ON")
        try:
            year, parts = a.birth_date.year, a.name_norm.split(" ")
            result = _anonymise_rows(s, a, now)
            s.flush()
            name_parts.forget(conn, year, parts)  # the parts no other name of the year holds
            if uses_fts(conn):  # merge the name index so no segment keeps the old name
                conn.exec_driver_sql("INSERT INTO applicant_fts(applicant_fts) VALUES ('optimize')")
            ctx.audit(s, "anonymise", "applicant", a.id, reason=reason)
        finally:
            if sqlite and not was_secure:
                conn.exec_driver_sql("PRAGMA secure_delete = OFF")
        requests = list(s.scalars(select(SupportRequest.id).where(SupportRequest.applicant_id == a.id)))
        ctx.changed(APPLICANT_CHANGED, applicant_id)
        for request_id in requests:
            ctx.changed(REQUEST_CHANGED, request_id)
    backups_dir = ctx.store.data_dir / "backups"
    backups = tuple(sorted(backups_dir.glob("*.sqlite"))) if backups_dir.is_dir() else ()
    result = {**result, "wal_cleared": _checkpoint(ctx) if sqlite else None, "backups": backups}
    return AnonymiseResult(applicant_id=applicant_id, **result)


def _check_reason(a: Applicant, reason: str) -> None:
    """The reason stays in the audit log for good: it must not identify the person."""
    typed = digits_only(normalize_digits(reason))
    words = set(name_tokens(reason))
    phones = {p.lstrip("+")[-9:] for p in (a.phone, a.phone2) if p}
    if (
        a.national_id in typed
        or any(p and p in typed for p in phones)
        or any(len(t) >= 3 and t in words for t in name_tokens(a.full_name))
    ):
        raise ValidationError(
            "reason",
            _("The reason stays in the audit log for good: leave out the person's name, ID and phone"),
        )


def _anonymise_rows(s: Session, a: Applicant, now: dt.datetime) -> dict[str, Any]:
    placeholder = _placeholder(s, a.id)
    swaps = {a.full_name: ANONYMOUS_NAME, a.national_id: placeholder}
    if a.latin_name:
        swaps[a.latin_name] = ANONYMOUS_NAME
    swaps |= {p: "" for p in (a.phone, a.phone2) if p}
    swaps |= {m.national_id: "" for m in a.members if m.national_id}
    exact = {m.full_name: ANONYMOUS_MEMBER for m in a.members}
    exact |= {d.number: "" for d in a.documents if d.number}
    if a.district:
        exact[a.district] = ""
    exact = {k: v for k, v in exact.items() if k not in swaps}  # an ID card's number is the ID
    birth = (a.birth_date.isoformat(), _mid_year(a.birth_date).isoformat())
    req_ids = list(s.scalars(select(SupportRequest.id).where(SupportRequest.applicant_id == a.id)))
    by_request = SupportRequest.id.in_(req_ids)
    counts = {
        "members": len(a.members),
        "documents": len(a.documents),
        "scans_deleted": s.scalars(select(func.count()).where(
            Document.applicant_id == a.id, Document.scan.is_not(None))).one(),
    }
    for m in a.members:
        m.full_name, m.national_id = ANONYMOUS_MEMBER, None
        m.birth_date = _mid_year(m.birth_date) if m.birth_date else None
    bulk_update(s, Document, Document.applicant_id == a.id, {"number": "", "scan": None, "scan_name": None})
    bulk_update(s, SupportRequest, by_request, {"description": ""})
    counts["studies"] = bulk_update(
        s, SocialStudy, SocialStudy.request_id.in_(req_ids),
        {"household": "", "housing_notes": "", "health": "", "recommendation_notes": ""})
    counts["deliveries"] = bulk_update(
        s, ServiceDelivery, ServiceDelivery.request_id.in_(req_ids),
        {"recipient_name": "", "acknowledgment_png": None})
    bulk_update(s, Appeal, Appeal.request_id.in_(req_ids), {"grounds": ""})  # their own words
    counts["complaints"] = complaints.forget_person(s, a.id, req_ids)
    counts["surveys"] = surveys.forget_person(s, req_ids)
    counts["messages"] = outbox.forget_person(s, a.id)
    bulk_update(s, Appointment, Appointment.applicant_id == a.id, {"note": "", "reason": ""})  # typed at the desk
    meetings = select(Decision.meeting_id).where(Decision.request_id.in_(req_ids))
    papers = s.scalars(select(IssuedDocument).where(or_(
        IssuedDocument.request_id.in_(req_ids),
        IssuedDocument.request_id.is_(None) & IssuedDocument.meeting_id.in_(meetings),
    )))
    counts["papers"] = 0
    paper_ids = []
    for p in papers:
        paper_ids.append(p.id)
        own = p.request_id is not None  # else the minutes of a meeting: only this person's row
        content = _scrub(json.loads(p.content), swaps, exact if own else {}, birth if own else None)
        if own:
            if "note" in content:  # typed by the desk for this request
                content["note"] = ""
            p.signature_png, p.scan, p.scan_name = None, None, None
        text = paper.canonical_json(content)
        if text != p.content or own:
            p.content, counts["papers"] = text, counts["papers"] + 1
    counts["drafts"] = cast(CursorResult[Any], s.execute(delete(InterviewDraft).where(or_(
        InterviewDraft.subject == str(a.id), InterviewDraft.payload.contains(a.national_id)
    )))).rowcount  # a DELETE's result is a CursorResult
    a.first_name, a.father_name, a.grandfather_name, a.family_name = ANONYMOUS_NAME, "", "", ""
    a.full_name, a.name_norm = ANONYMOUS_NAME, normalize_name(ANONYMOUS_NAME)
    a.latin_name, a.name_key = None, name_key(ANONYMOUS_NAME)
    a.national_id, a.phone, a.phone2 = placeholder, "", None
    a.birth_date, a.birth_approx = _mid_year(a.birth_date), True  # the year alone: «about 1980»
    a.district, a.notes, a.anonymised_at = "", "", now
    a.coordination_consent = False  # out of the consortium's next file; what it revealed, gone
    s.execute(delete(CoordinationReveal).where(CoordinationReveal.applicant_id == a.id))
    a.email, a.messages_consent = None, False
    s.flush()  # the anonymised values logged first, then the history rewritten to them
    counts["history"] = scrub_history(s, a.id, req_ids, {"issued_document": paper_ids})
    return {"placeholder_id": placeholder, **counts}


def _scrub(value: Any, swaps: dict, exact: dict, birth: tuple[str, str] | None, key: str = "") -> Any:
    """A paper's content with the person's identifiers replaced: long ones (full name, IDs,
    phones) wherever they occur, short ones (member names, district, document numbers) only
    as whole values, and the birth date reduced to the middle of its year."""
    if isinstance(value, dict):
        return {k: _scrub(v, swaps, exact, birth, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, swaps, exact, birth, key) for v in value]
    if not isinstance(value, str) or not value:
        return value
    if birth and key == "birth_date" and value == birth[0]:
        return birth[1]
    if value in exact:
        return exact[value]
    for old in sorted(swaps, key=len, reverse=True):
        value = value.replace(old, swaps[old])
    return value


def _placeholder(s: Session, applicant_id: uuid.UUID) -> str:
    """A unique stand-in for the national ID that can never validate (a real one starts 1/2)."""
    start = applicant_id.int % _PLACEHOLDER_SPACE
    for step in range(_PLACEHOLDER_SPACE):
        candidate = f"{PLACEHOLDER_PREFIX}{(start + step) % _PLACEHOLDER_SPACE:07d}"
        if s.scalar(select(Applicant.id).where(Applicant.national_id == candidate)) is None:
            return candidate
    raise ValidationError("national_id", _("No placeholder national ID is left"))


def _checkpoint(ctx: AppContext) -> bool:
    """Copy the write-ahead log into the store and empty it, so no old page stays there."""
    with ctx.store.engine.connect() as conn:
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    return bool(busy is not None and busy[0] == 0)


# -- small helpers ---------------------------------------------------------------------------


