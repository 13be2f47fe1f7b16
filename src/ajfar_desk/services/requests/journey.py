"""A request's journey one named step at a time, for tools without the request page (the command
line, scripts): ``take_step(ctx, reference, "approve", service=..., amount=...)``.

Which service records a step is read from the table of steps (``domain.workflow_steps``): the
generic step, the submission, the committee's decision or the delivery.  A decision goes into the
committee's open meeting; when none is open, a meeting of the day is opened with the acting
member attending, chaired by the member ``chair`` names (a committee account's user name) or else
by the acting member.  Every refusal is the service's own (a ``ValidationError`` naming the reason).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from ...db.casework import Decision, Meeting
from ...db.models import Applicant
from ...domain import permissions
from ...domain import workflow as wf
from ...domain.digits import normalize_digits
from ...domain.errors import ValidationError
from ...domain.workflow_steps import (
    BY_APPEAL,
    BY_DECISION,
    BY_DELIVERY,
    BY_IMMEDIATE,
    BY_STEP,
    BY_SUBMISSION,
    StepSpec,
    step_named,
)
from ...i18n import _
from ..applicants.views import RequestView
from ..committee import committee, members
from ..store.context import AppContext
from . import appeals, casework, delivery, immediate
from . import requests as request_service

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
            select(Applicant.id).where(
                Applicant.id == wanted_id if wanted_id else Applicant.national_id == number
            ).limit(2)  # the identity number's index: as typed, upper case (passports)
        ))
    if not found:
        raise ValidationError(
            "applicant", _("No applicant with ID number {number}").format(number=typed))
    if len(found) > 1:
        raise ValidationError("applicant", _(
            "More than one applicant holds ID number {number}: give the applicant's id instead"
        ).format(number=typed))
    return found[0]


@dataclass(frozen=True)
class StepInput:
    """What a step may take besides its name (the table says which it uses)."""

    reason: str = ""
    service: str = ""
    amount: str = ""
    confirmed: tuple[str, ...] = ()  # the eligibility conditions the employee checked (submit)
    today: dt.date | None = None
    chair: str = ""  # a decision: the user name of the committee member who chairs its meeting


MeetingInfo = tuple  # (id, number, hijri_year, opened) of the meeting that decided
Performer = Callable[[AppContext, RequestView, StepSpec, StepInput], "MeetingInfo | None"]


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
    chair: str = "",
) -> StepResult:
    """Take the step called ``name`` (see ``domain.workflow_steps``) on the request ``reference``,
    by the service its row names (``PERFORMERS``)."""
    spec = step_named(name)
    unused = [option for option, value in (("service", service), ("amount", amount))
              if value and option not in spec.takes]
    if chair.strip() and spec.by != BY_DECISION:
        unused.append("chair")
    if unused:
        raise ValidationError(unused[0], _("The step “{name}” takes no {option}").format(
            name=spec.name, option=unused[0]))
    performer = PERFORMERS.get(spec.by)
    if performer is None:
        raise ValidationError("action", _("Unknown action “{action}”").format(action=spec.name))
    request = request_service.find_by_reference(ctx, reference)
    if spec.by != BY_STEP and spec.action != wf.SUBMIT:
        # the rules first: no meeting is opened, nothing asked of a step they would refuse
        wf.apply(request.status, spec.action, role=permissions.workflow_role(ctx.role),
                 reason=reason)
    meeting = performer(ctx, request, spec, StepInput(reason, service, amount, confirmed, today, chair))
    after = request_service.get_request(ctx, request.id).status
    return StepResult(
        request.reference, spec.name, request.status, after,
        meeting[1] if meeting else None, meeting[2] if meeting else None,
        bool(meeting and meeting[3]),
    )


def _generic(ctx: AppContext, request: RequestView, spec: StepSpec, given: StepInput):
    casework.act(ctx, request.id, spec.action, given.reason)


def _submission(ctx: AppContext, request: RequestView, spec: StepSpec, given: StepInput):
    request_service.submit(ctx, request.id, on=given.today, confirmed=given.confirmed,
                           override_reason=given.reason)


def _decision(ctx: AppContext, request: RequestView, spec: StepSpec, given: StepInput):
    meeting = _meeting_for_decision(ctx, given.today or dt.date.today(), given.chair)
    committee.decide(ctx, meeting[0], request.id, DECISION_OUTCOMES[spec.action],
                     service=given.service, amount=given.amount, reason=given.reason)
    return meeting


def _delivery(ctx: AppContext, request: RequestView, spec: StepSpec, given: StepInput):
    description = given.service.strip() or _approved_service(ctx, request.id)
    delivery.record_delivery(
        ctx, request.id,
        delivery.DeliveryInput(description, amount=given.amount, acknowledged=True),
        today=given.today, action=spec.action,
    )


def _immediate(ctx: AppContext, request: RequestView, spec: StepSpec, given: StepInput):
    immediate.deliver_now(
        ctx, request.id,
        delivery.DeliveryInput(given.service, amount=given.amount, acknowledged=True),
        confirmed=given.confirmed, today=given.today,
    )


def _appeal(ctx: AppContext, request: RequestView, spec: StepSpec, given: StepInput):
    appeals.lodge(ctx, request.id, given.reason, given.today)


# The service that records each kind of step (``StepSpec.by``); a service adding a kind of step
# registers it here, and ``take_step`` (and the command line) carry it with no more code.
PERFORMERS: dict[str, Performer] = {
    BY_STEP: _generic,
    BY_SUBMISSION: _submission,
    BY_DECISION: _decision,
    BY_DELIVERY: _delivery,
    BY_IMMEDIATE: _immediate,
    BY_APPEAL: _appeal,
}


def _meeting_for_decision(ctx: AppContext, today: dt.date, chair: str = ""):
    """The open meeting (the latest held, if several), else a new meeting of the day, chaired
    by the committee member whose user name is ``chair`` (the acting member without it); an
    open meeting with nobody in its chair records the one named, one chaired by another
    refuses."""
    ctx.require(permissions.DECIDE)
    named = members.chair_named(ctx, chair) if chair.strip() else None
    with ctx.reading() as s:
        found = s.execute(
            select(Meeting.id, Meeting.number, Meeting.hijri_year)
            .where(Meeting.status == committee.OPEN)
            .order_by(Meeting.held_on.desc(), Meeting.number.desc()).limit(1)
        ).first()
    if found is not None:
        if named:
            committee.record_chair(ctx, found[0], named)
        return (*found, False)
    member = " ".join((ctx.user.full_name or ctx.user.username).split()) if ctx.user else ""
    made = committee.create_meeting(ctx, today, [member], chair=named)
    return made.id, made.number, made.hijri_year, True


def _approved_service(ctx: AppContext, request_id: uuid.UUID) -> str:
    """The service the committee approved, as the delivery's description by default."""
    with ctx.reading() as s:
        return s.scalar(
            select(Decision.service)
            .where(Decision.request_id == request_id, Decision.outcome == "approve")
            .order_by(Decision.created_at.desc()).limit(1)
        ) or ""
