"""A request's journey one named step at a time, for tools without the request page (the command
line, scripts): ``take_step(ctx, reference, "approve", service=..., amount=...)``.

Which service records a step is read from the workflow's table (``domain.workflow.steps``): the
generic step, the submission, the committee's decision or the delivery.  A decision goes into the
committee's open meeting; when none is open, a meeting of the day is opened with the acting
member attending.  Every refusal is the service's own (a ``ValidationError`` naming the reason).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from ..db.casework import Decision, Meeting
from ..db.models import Applicant
from ..domain import permissions
from ..domain import workflow as wf
from ..domain.digits import normalize_digits
from ..domain.errors import ValidationError
from ..i18n import _
from . import casework, committee, delivery
from . import requests as request_service
from .context import AppContext

DECISION_OUTCOMES = {action: outcome for outcome, action in committee.OUTCOMES.items()}


@dataclass(frozen=True)
class StepResult:
    reference: str
    step: str
    from_state: str
    to_state: str
    meeting: int | None = None  # the committee meeting that took the decision
    meeting_year: int | None = None
    meeting_opened: bool = False  # a meeting of the day was opened for it


def find_applicant(ctx: AppContext, text: str) -> uuid.UUID:
    """The applicant whose identity number (any digits, spaces or dashes) or id is ``text``."""
    ctx.require(permissions.VIEW_APPLICANT)
    typed = (text or "").strip()
    try:
        wanted_id = uuid.UUID(typed)
    except ValueError:
        wanted_id = None
    number = "".join(normalize_digits(typed).replace("-", "").split()).upper()
    if not number:
        raise ValidationError("applicant", _("Give the applicant's ID number"))
    with ctx.reading() as s:
        found = list(s.scalars(
            select(Applicant.id).where(or_(
                func.upper(Applicant.national_id) == number,
                Applicant.id == wanted_id if wanted_id else False,
            )).limit(2)
        ))
    if not found:
        raise ValidationError(
            "applicant", _("No applicant with ID number {number}").format(number=typed))
    if len(found) > 1:
        raise ValidationError("applicant", _(
            "More than one applicant holds ID number {number}: give the applicant's id instead"
        ).format(number=typed))
    return found[0]


def take_step(
    ctx: AppContext,
    reference: str,
    name: str,
    *,
    reason: str = "",
    service: str = "",
    amount: str = "",
    confirmed: tuple[str, ...] = (),
    today: dt.date | None = None,
) -> StepResult:
    """Take the step called ``name`` (see ``domain.workflow.steps``) on the request ``reference``."""
    spec = wf.step_named(name)
    unused = [option for option, value in (("service", service), ("amount", amount))
              if value and option not in spec.takes]
    if unused:
        raise ValidationError(unused[0], _("The step “{name}” takes no {option}").format(
            name=spec.name, option=unused[0]))
    request = request_service.find_by_reference(ctx, reference)
    before = request.status
    meeting = None
    opened = False
    if spec.by in (wf.BY_DECISION, wf.BY_DELIVERY):
        # the rules first: no meeting is opened, nothing asked of a step they would refuse
        wf.apply(before, spec.action, role=permissions.workflow_role(ctx.role), reason=reason)
    if spec.by == wf.BY_SUBMISSION:
        if spec.action != wf.SUBMIT:
            raise ValidationError("action", _("Unknown action “{action}”").format(action=spec.action))
        request_service.submit(ctx, request.id, on=today, confirmed=confirmed,
                               override_reason=reason)
    elif spec.by == wf.BY_DECISION:
        meeting, opened = _meeting_for_decision(ctx, today or dt.date.today())
        committee.decide(ctx, meeting.id, request.id, DECISION_OUTCOMES[spec.action],
                         service=service, amount=amount, reason=reason)
    elif spec.by == wf.BY_DELIVERY:
        description = service.strip() or _approved_service(ctx, request.id)
        delivery.record_delivery(
            ctx, request.id,
            delivery.DeliveryInput(description, amount=amount, acknowledged=True), today=today,
        )
    else:
        casework.act(ctx, request.id, spec.action, reason)
    after = request_service.get_request(ctx, request.id).status
    return StepResult(
        request.reference, spec.name, before, after,
        meeting.number if meeting else None, meeting.hijri_year if meeting else None, opened,
    )


def _meeting_for_decision(ctx: AppContext, today: dt.date):
    """The open meeting (the latest held, if several), else a new meeting of the day."""
    ctx.require(permissions.DECIDE)
    with ctx.reading() as s:
        found = s.execute(
            select(Meeting.id, Meeting.number, Meeting.hijri_year)
            .where(Meeting.status == committee.OPEN)
            .order_by(Meeting.held_on.desc(), Meeting.number.desc()).limit(1)
        ).first()
    if found is not None:
        return found, False
    member = (ctx.user.full_name or ctx.user.username) if ctx.user else ""
    return committee.create_meeting(ctx, today, [member]), True


def _approved_service(ctx: AppContext, request_id: uuid.UUID) -> str:
    """The service the committee approved, as the delivery's description by default."""
    with ctx.reading() as s:
        return s.scalar(
            select(Decision.service)
            .where(Decision.request_id == request_id, Decision.outcome == "approve")
            .order_by(Decision.created_at.desc()).limit(1)
        ) or ""
