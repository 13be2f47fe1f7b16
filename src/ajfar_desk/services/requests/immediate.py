"""An immediate service (Al-Huda's health guidance, first aid and directions; Aman's event
registration and attendance): recorded and delivered at the desk in one step.

The program's documents are checked on the day, like a submission, and its eligibility
conditions too (the employee ticks what only a person can check, or overrides with a reason);
then the draft goes straight to "service delivered" with the delivery recorded, in one
transaction.  No declaration, no committee, no answer date.
"""

from __future__ import annotations

import datetime as dt
import uuid

from ...db.models import DocumentCheck, SupportRequest
from ...domain import permissions
from ...domain import requests as rules
from ...domain import workflow as wf
from ...i18n import _
from ..store.context import AppContext
from ..store.events import REQUEST_CHANGED
from ..store.rows import get_or_refuse
from . import casework, delivery, eligibility_check
from .checklist import DocumentsMissing, checklist


def deliver_now(
    ctx: AppContext,
    request_id: uuid.UUID,
    data: delivery.DeliveryInput,
    *,
    confirmed=(),
    override_reason: str = "",
    today: dt.date | None = None,
) -> delivery.DeliveryView:
    """Deliver an immediate service from its draft; refused for any other program, naming
    why, and when a required document is missing or expired or the program's conditions are
    not met (``NotEligible``, unless overridden with a recorded reason)."""
    ctx.require(permissions.RECORD_DELIVERY)
    today = today or dt.date.today()
    values = delivery.checked(data, today)
    with ctx.uow() as s:
        row = get_or_refuse(s, SupportRequest, request_id, "request", _("No such request"))
        kind = ctx.profile.program(row.program).kind
        wf.apply(row.status, wf.DELIVER_IMMEDIATELY, role=permissions.workflow_role(ctx.role),
                 kind=kind)  # refuses before anything is checked or written
        lines = checklist(ctx, s, row, today)
        problems = [line for line in lines if line.state != rules.OK]
        if problems:
            raise DocumentsMissing(problems)
        result = eligibility_check.evaluate_request(ctx, s, row, lines, confirmed, today)
        override = (override_reason or "").strip()
        if not result.eligible and not override:
            raise eligibility_check.NotEligible(result)
        details: dict = {"description": values[0],
                         "eligibility": [[ln.code, ln.passed] for ln in result.lines]}
        if not result.eligible:
            details["override"] = override
            details["excepted"] = eligibility_check.excepted_conditions(
                ctx, s, row, lines, confirmed, today)
            ctx.audit(s, "override_eligibility", "request", row.id, reason=override,
                      failed=[ln.code for ln in result.failed])
        now = ctx.now()
        s.add_all(
            DocumentCheck(branch=ctx.branch.code, request_id=row.id, kind=line.kind,
                          document_id=line.document_id, valid_until=line.expiry_date,
                          checked_on=today)
            for line in lines
        )
        row.submitted_at = now  # received and served at the same visit
        row.answer_due = None
        casework.step(ctx, s, row, wf.DELIVER_IMMEDIATELY, details=details, at=now)
        view = delivery._view(delivery.add_row(ctx, s, row, data, values))
    ctx.changed(REQUEST_CHANGED, request_id)
    return view
