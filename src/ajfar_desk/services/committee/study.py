"""The social researcher's work: the inbox of referred cases and the social study."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ...db.casework import SocialStudy
from ...db.models import Applicant, StatusEvent, SupportRequest, User
from ...domain import permissions
from ...domain import workflow as wf
from ...domain.dates import parse_date
from ...domain.digits import parse_amount
from ...domain.errors import FieldErrors, ValidationError
from ...i18n import N_, _, ngettext
from ..store.context import AppContext
from ..store.events import REQUEST_CHANGED
from ..store.rows import get_or_refuse

HOUSING = {
    "owned": N_("Owned"),
    "rented": N_("Rented"),
    "shared": N_("Shared with relatives"),
    "charity": N_("Provided by a charity"),
    "other": N_("Other"),
}
RECOMMENDATIONS = {
    "support": N_("Support the request"),
    "reject": N_("Do not support the request"),
    "more_info": N_("More information is needed"),
}
MAX_TEXT = 4000


@dataclass(frozen=True)
class StudyInput:
    """What the researcher typed (raw text: validated here)."""

    visit_date: str = ""
    household: str = ""
    monthly_income: str = ""  # empty: not said (kept 0, ``income_given`` false); "0" is an answer
    monthly_expenses: str = ""  # empty: not said (kept 0, ``expenses_given`` false); "0" is an answer
    housing: str = ""
    housing_notes: str = ""
    health: str = ""
    recommendation: str = ""
    recommendation_notes: str = ""


@dataclass(frozen=True)
class StudyView:
    request_id: uuid.UUID
    researcher_id: uuid.UUID | None
    visit_date: dt.date | None
    household: str
    monthly_income: Decimal
    monthly_expenses: Decimal
    housing: str
    housing_notes: str
    health: str
    recommendation: str
    recommendation_notes: str
    updated_at: dt.datetime
    income_given: bool = True  # the household's income was said (its 0 is «no income»)
    expenses_given: bool = True  # the household's expenses were said (their 0 is «none»)
    # who wrote it, for the committee reading it (trial 13: the study did not say)
    researcher_name: str = ""
    researcher_gender: str = ""


@dataclass(frozen=True)
class InboxItem:
    request_id: uuid.UUID
    reference: str
    applicant_id: uuid.UUID
    applicant_name: str
    national_id: str
    program: str
    answer_due: dt.date | None
    has_study: bool
    # why the desk referred it (the referral's reason; trial 13: the researcher could not see it)
    referral_reason: str = ""


def inbox(ctx: AppContext) -> list[InboxItem]:
    """Requests waiting with the social researcher, the most urgent first."""
    ctx.require(permissions.VIEW_STUDY)
    stmt = (
        select(SupportRequest, Applicant.full_name, Applicant.national_id, SocialStudy.id)
        .join(Applicant, Applicant.id == SupportRequest.applicant_id)
        .outerjoin(SocialStudy, SocialStudy.request_id == SupportRequest.id)
        .where(SupportRequest.status == wf.WITH_RESEARCHER)
        .order_by(SupportRequest.answer_due, SupportRequest.reference)
    )
    with ctx.reading() as s:
        rows = list(s.execute(stmt))
        reasons = _referral_reasons(s, [r.id for r, *_rest in rows])
        return [
            InboxItem(r.id, r.reference, r.applicant_id, name, nid, r.program, r.answer_due, sid is not None,
                      reasons.get(r.id, ""))
            for r, name, nid, sid in rows
        ]


def _referral_reasons(s, request_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The reason of each request's latest step to the researcher (referred from the desk)."""
    out: dict[uuid.UUID, str] = {}
    if not request_ids:
        return out
    events = s.execute(
        select(StatusEvent.request_id, StatusEvent.reason)
        .where(StatusEvent.request_id.in_(request_ids), StatusEvent.to_status == wf.WITH_RESEARCHER)
        .order_by(StatusEvent.at)
    )
    for request_id, reason in events:
        out[request_id] = reason or ""  # the latest wins
    return out


def get_study(ctx: AppContext, request_id: uuid.UUID) -> StudyView | None:
    """The study of a request (researchers, committee and managers only), or None."""
    ctx.require(permissions.VIEW_STUDY)
    with ctx.reading() as s:
        row = s.scalar(select(SocialStudy).where(SocialStudy.request_id == request_id))
        if row is None:
            return None
        view = _view(row, s.get(User, row.researcher_id) if row.researcher_id else None)
    with ctx.uow() as s:  # reading a study is itself recorded
        ctx.audit(s, "open", "social_study", request_id)
    return view


def save_study(
    ctx: AppContext, request_id: uuid.UUID, data: StudyInput, today: dt.date | None = None
) -> StudyView:
    """Create or update the study while the request is with the researcher."""
    ctx.require(permissions.WRITE_STUDY)
    errors = FieldErrors()
    visit = errors.check(
        "visit_date",
        lambda: parse_date(data.visit_date, field="visit_date", allow_future=False, today=today),
        when=bool((data.visit_date or "").strip()),
    )
    income, income_given = _amount_said(errors, "monthly_income", data.monthly_income)
    expenses, expenses_given = _amount_said(errors, "monthly_expenses", data.monthly_expenses)
    if data.housing and data.housing not in HOUSING:
        errors.add("housing", _("Choose the kind of housing"))
    if not data.recommendation:
        errors.add("recommendation", _("Choose a recommendation"))
    elif data.recommendation not in RECOMMENDATIONS:
        errors.add("recommendation", _("Choose a recommendation"))
    for name in ("household", "housing_notes", "health", "recommendation_notes"):
        if len(getattr(data, name) or "") > MAX_TEXT:
            errors.add(name, ngettext("At most {n} character", "At most {n} characters", MAX_TEXT).format(
                n=MAX_TEXT))
    errors.raise_if_any()
    with ctx.uow() as s:
        request = get_or_refuse(s, SupportRequest, request_id, "request", _("No such request"))
        if request.status != wf.WITH_RESEARCHER:
            raise ValidationError(
                "status", _("The study can be written only while the request is with the social researcher")
            )
        row = s.scalar(select(SocialStudy).where(SocialStudy.request_id == request_id))
        if row is None:
            row = SocialStudy(branch=ctx.branch.code, request_id=request_id)
            s.add(row)
        row.researcher_id = ctx.user_id
        row.visit_date = visit
        row.household = (data.household or "").strip()
        row.monthly_income, row.income_given = income or Decimal(0), income_given
        row.monthly_expenses, row.expenses_given = expenses or Decimal(0), expenses_given
        row.housing, row.housing_notes = data.housing, (data.housing_notes or "").strip()
        row.health = (data.health or "").strip()
        row.recommendation = data.recommendation
        row.recommendation_notes = (data.recommendation_notes or "").strip()
        row.updated_at = ctx.now()
        s.flush()
        ctx.audit(s, "save", "social_study", request_id, recommendation=data.recommendation)
        view = _view(row, s.get(User, ctx.user_id) if ctx.user_id else None)
        ctx.changed(REQUEST_CHANGED, request_id)
    return view


def _amount_said(errors: FieldErrors, field: str, typed: str | None) -> tuple[Decimal | None, bool]:
    """An amount the researcher typed, and whether one was: empty is «not said», never «0»."""
    said = bool((typed or "").strip())
    return errors.check(field, lambda: parse_amount(typed or "", field), when=said), said


def _view(row: SocialStudy, researcher: User | None = None) -> StudyView:
    return StudyView(
        row.request_id,
        row.researcher_id,
        row.visit_date,
        row.household,
        row.monthly_income,
        row.monthly_expenses,
        row.housing,
        row.housing_notes,
        row.health,
        row.recommendation,
        row.recommendation_notes,
        row.updated_at,
        bool(row.income_given),
        bool(row.expenses_given),
        researcher.full_name if researcher is not None else "",
        researcher.gender if researcher is not None else "",
    )
