"""Satisfaction surveys (قياس رضا المستفيدين): answers taken at the desk after a service, by phone,
or typed in from a printed form, linked to the request, its program and channel, the branch and
the employee who served."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ...db.casework import ServiceDelivery
from ...db.feedback import SurveyResponse
from ...db.models import SupportRequest
from ...domain import feedback, permissions
from ...domain.dates import day_or_today
from ...domain.digits import normalize_digits
from ...domain.errors import FieldErrors, ValidationError
from ...domain.report import index_of
from ...i18n import _, ngettext
from ..store.context import AppContext
from ..store.events import FEEDBACK_CHANGED
from ..store.rows import get_or_refuse

MAX_TEXT = 2000


@dataclass(frozen=True)
class SurveyInput:
    request_id: uuid.UUID | None
    mode: str  # feedback.DESK | PHONE | PAPER
    answers: dict[str, object]  # question code -> 1..5 (scale) or text; unanswered left out
    taken_on: str = ""  # the date on a printed form; today when empty
    survey: str | None = None  # the profile's first survey when None


@dataclass(frozen=True)
class SurveyView:
    id: uuid.UUID
    survey: str
    request_id: uuid.UUID | None
    mode: str
    taken_on: dt.date
    answers: dict[str, object]
    index: Decimal | None  # this response's own index (percent)
    program: str
    channel: str
    branch: str
    employee_id: uuid.UUID | None


def clean_answers(survey: feedback.Survey, answers: dict[str, object]) -> dict[str, object]:
    """Answers checked against the survey: scale answers 1–5 (any digits), text trimmed; at least
    one scale question answered.  Errors name the question."""
    errors = FieldErrors()
    known = {q.code: q for q in survey.questions}
    out: dict[str, object] = {}
    for code in answers:
        if code not in known:
            errors.add(f"answers.{code}", _("Unknown question: {code}").format(code=code))
    for q in survey.questions:
        value = answers.get(q.code)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if q.kind == feedback.SCALE:
            text = normalize_digits(str(value)).strip()
            if not text.isdigit() or not feedback.SCALE_MIN <= int(text) <= feedback.SCALE_MAX:
                message = _("{question}: choose a score from {low} to {high}")
                errors.add(
                    f"answers.{q.code}",
                    message.format(question=q.text(), low=feedback.SCALE_MIN, high=feedback.SCALE_MAX),
                )
                continue
            out[q.code] = int(text)
        else:
            text = str(value).strip()
            if len(text) > MAX_TEXT:
                message = ngettext(
                    "{question}: at most {limit} character (now {count})",
                    "{question}: at most {limit} characters (now {count})",
                    MAX_TEXT,
                )
                errors.add(
                    f"answers.{q.code}",
                    message.format(question=q.text(), limit=MAX_TEXT, count=len(text)),
                )
                continue
            out[q.code] = text
    if not any(isinstance(out.get(q.code), int) for q in survey.scale_questions):
        errors.add("answers", _("Answer at least one question on the 1–5 scale"))
    errors.raise_if_any()
    return out


def record_survey(ctx: AppContext, data: SurveyInput, today: dt.date | None = None) -> SurveyView:
    ctx.require(permissions.RECORD_FEEDBACK)
    today = today or dt.date.today()
    survey = ctx.profile.survey(data.survey)
    errors = FieldErrors()
    if data.mode not in feedback.MODES:
        errors.add("mode", _("Choose how the survey was taken"))
    taken_on = day_or_today(errors, "taken_on", data.taken_on, today)
    if not data.taken_on.strip() and data.mode == feedback.PAPER:
        errors.add("taken_on", _("Type the date written on the printed form"))
    try:
        answers = clean_answers(survey, data.answers)
    except ValidationError as exc:  # keep each question's own field name
        errors.errors.extend(exc.errors)
    errors.raise_if_any()
    scores = [v for v in answers.values() if isinstance(v, int)]
    with ctx.uow() as s:
        program = channel = ""
        employee = None
        if data.request_id is not None:
            request = get_or_refuse(s, SupportRequest, data.request_id, "request", _("No such request"))
            program, channel = request.program, request.channel
            employee = s.scalar(
                select(ServiceDelivery.delivered_by)
                .where(ServiceDelivery.request_id == request.id)
                .order_by(ServiceDelivery.delivered_on.desc(), ServiceDelivery.created_at.desc())
                .limit(1)
            ) or request.created_by
        row = SurveyResponse(
            branch=ctx.branch.code,
            survey=survey.code,
            request_id=data.request_id,
            program=program,
            channel=channel,
            employee_id=employee,
            recorded_by=ctx.user_id,
            mode=data.mode,
            taken_on=taken_on,
            answers=json.dumps(answers, ensure_ascii=False, sort_keys=True),
            score_sum=sum(scores),
            score_count=len(scores),
        )
        s.add(row)
        s.flush()
        ctx.audit(s, "record", "survey_response", row.id, mode=data.mode, index=index_of(scores))
        view = _view(row)
        ctx.changed(FEEDBACK_CHANGED, view.id)
    return view


def surveys_of(ctx: AppContext, request_id: uuid.UUID) -> list[SurveyView]:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        rows = s.scalars(
            select(SurveyResponse)
            .where(SurveyResponse.request_id == request_id)
            .order_by(SurveyResponse.taken_on, SurveyResponse.created_at)
        )
        return [_view(r) for r in rows]


def forget_person(s, request_ids: list[uuid.UUID]) -> int:
    """Anonymising an applicant removes the free text of their survey answers; the scores stay."""
    count = 0
    for row in s.scalars(select(SurveyResponse).where(SurveyResponse.request_id.in_(request_ids))):
        answers = {k: v for k, v in json.loads(row.answers).items() if not isinstance(v, str)}
        row.answers, count = json.dumps(answers, sort_keys=True), count + 1
    return count


def _view(row: SurveyResponse) -> SurveyView:
    answers = json.loads(row.answers)
    return SurveyView(
        row.id,
        row.survey,
        row.request_id,
        row.mode,
        row.taken_on,
        answers,
        index_of([v for v in answers.values() if isinstance(v, int)]),
        row.program,
        row.channel,
        row.branch,
        row.employee_id,
    )
