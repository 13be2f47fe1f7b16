"""Overdue requests and the quick status lookup for applicants who phone in."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from ...db.models import Applicant, SupportRequest
from ...domain import permissions
from ...domain import workflow as wf
from ...domain.digits import normalize_digits
from ...domain.errors import ValidationError
from ...domain.id_types import any_number
from ...i18n import _
from ..store.context import AppContext


@dataclass(frozen=True)
class StatusLine:
    request_id: uuid.UUID
    applicant_id: uuid.UUID
    reference: str
    applicant_name: str
    national_id: str
    program: str
    status: str
    submitted_at: dt.datetime | None
    answer_due: dt.date | None
    overdue: bool
    days_late: int


def _line(r: SupportRequest, name: str, nid: str, today: dt.date) -> StatusLine:
    late = wf.is_overdue(r.status, r.answer_due, today)
    return StatusLine(
        r.id, r.applicant_id, r.reference, name, nid, r.program, r.status, r.submitted_at,
        r.answer_due, late, (today - r.answer_due).days if late and r.answer_due else 0,
    )


def overdue(ctx: AppContext, today: dt.date | None = None, limit: int = 1000) -> list[StatusLine]:
    """Requests still waiting for an answer after their answer date, the longest late first."""
    ctx.require(permissions.VIEW_APPLICANT)
    today = today or dt.date.today()
    stmt = (
        select(SupportRequest, Applicant.full_name, Applicant.national_id)
        .join(Applicant, Applicant.id == SupportRequest.applicant_id)
        .where(SupportRequest.status.in_(wf.WAITING), SupportRequest.answer_due < today)
        .order_by(SupportRequest.answer_due, SupportRequest.reference)
        .limit(limit)
    )
    with ctx.reading() as s:
        return [_line(r, name, nid, today) for r, name, nid in s.execute(stmt)]


def status_of(ctx: AppContext, text: str, today: dt.date | None = None) -> list[StatusLine]:
    """Every request of the applicant with this national ID, or the request with this
    reference (typed with any digits)."""
    ctx.require(permissions.VIEW_APPLICANT)
    today = today or dt.date.today()
    typed = normalize_digits((text or "").strip()).upper()
    if not typed:
        raise ValidationError("query", _("Type a national ID or a request reference"))
    stmt = select(SupportRequest, Applicant.full_name, Applicant.national_id).join(
        Applicant, Applicant.id == SupportRequest.applicant_id
    )
    if "-" in typed:
        stmt = stmt.where(SupportRequest.reference == typed)
    else:
        stmt = stmt.where(Applicant.national_id == any_number(typed, "query"))
    stmt = stmt.order_by(SupportRequest.created_at.desc())
    with ctx.reading() as s:
        return [_line(r, name, nid, today) for r, name, nid in s.execute(stmt)]
