"""Where events become messages: each function runs inside the event's own transaction (the
services call it right after the step they record), so the message and the event commit, or
roll back, together.

- a request's workflow step (``requests.casework.step``): submission -> receipt (reference and
  answer date); the committee's approval or rejection -> decision; "more information needed"
  -> more_info, the step's reason saying what is missing;
- a complaint's resolution (``feedback.complaints.resolve``) -> complaint_resolved, when the
  complaint names a registered applicant and is not anonymous."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from ...db.models import Applicant, SupportRequest
from ...domain import messages as dm
from ...domain import workflow as wf
from ...i18n import N_, gettext
from .outbox import queue

DECISIONS = {wf.APPROVE: N_("your request was approved"), wf.REJECT: N_("your request was not approved")}


def _language(s: Session, applicant_id: uuid.UUID) -> str:
    a = s.get(Applicant, applicant_id)
    return a.preferred_language if a is not None else "ar"


def after_step(ctx: object, s: Session, row: SupportRequest, action: str, reason: str = "") -> None:
    """The message a workflow step owes the applicant, if any (``ctx``: the step's context, for
    a step written in a transaction the context did not open)."""
    s.info.setdefault("ctx", ctx)
    if action == wf.SUBMIT:
        queue(s, applicant_id=row.applicant_id, kind=dm.RECEIPT, values={}, request_id=row.id)
    elif action in DECISIONS:
        words = gettext(DECISIONS[action], _language(s, row.applicant_id))
        queue(s, applicant_id=row.applicant_id, kind=dm.DECISION, values={"decision": words},
              request_id=row.id)
    elif action == wf.REQUEST_MORE_INFO:
        queue(s, applicant_id=row.applicant_id, kind=dm.MORE_INFO, values={"missing": reason},
              request_id=row.id)


def complaint_resolved(s: Session, applicant_id: uuid.UUID | None, anonymous: bool,
                       request_id: uuid.UUID | None, number: str = "") -> None:
    """The message to a registered, named complainant that the complaint ``number`` (its
    ``{complaint_number}``) was resolved."""
    if applicant_id is None or anonymous:
        return
    queue(s, applicant_id=applicant_id, kind=dm.COMPLAINT_RESOLVED, values={"complaint_number": number},
          request_id=request_id)
