"""Any workflow step by its name, through the service that records it (for the command line's
``requests step REF ACTION`` and scripts): the table in ``domain.workflow.STEPS`` says who may
take each step and what it needs; this says which service takes it.

- ``submit``: ``requests.submit`` (the program's eligibility ticks in ``confirmed``);
- ``approve``, ``reject``, ``request_more_info``, ``defer``: ``committee.decide`` in
  ``meeting_id`` (the caller picks the meeting);
- ``deliver``: ``delivery.record_delivery``; ``deliver_immediately``: ``immediate.deliver_now``
  (``service`` is what was delivered; the applicant's acknowledgment is taken as given);
- ``appeal``: ``appeals.lodge`` (``reason``: the grounds);
- every other step: ``casework.act``.
Returns the request's status after the step.
"""

from __future__ import annotations

import datetime as dt
import uuid

from ..domain import workflow as wf
from ..domain.errors import ValidationError
from ..i18n import _
from . import appeals, casework, committee, delivery, immediate, requests
from .context import AppContext

DECISIONS = {action: outcome for outcome, action in committee.OUTCOMES.items()}


def perform(ctx: AppContext, request_id: uuid.UUID, action: str, *, reason: str = "",
            service: str = "", amount: str = "", meeting_id: uuid.UUID | None = None,
            confirmed=(), override_reason: str = "", today: dt.date | None = None) -> str:
    if action not in wf.ACTIONS:
        known = ", ".join(wf.ACTIONS)
        raise ValidationError("action", _("Unknown action “{action}”; the steps are: {known}")
                              .format(action=action, known=known))
    if action == wf.SUBMIT:
        requests.submit(ctx, request_id, today, confirmed=confirmed,
                        override_reason=override_reason)
    elif action in DECISIONS:
        if meeting_id is None:
            raise ValidationError("meeting", _("A committee decision is taken in a meeting: "
                                               "choose the meeting"))
        committee.decide(ctx, meeting_id, request_id, DECISIONS[action], service=service,
                         amount=amount, reason=reason)
    elif action in (wf.DELIVER, wf.DELIVER_IMMEDIATELY):
        data = delivery.DeliveryInput(service, amount=amount, acknowledged=True)
        if action == wf.DELIVER:
            delivery.record_delivery(ctx, request_id, data, today)
        else:
            immediate.deliver_now(ctx, request_id, data, confirmed=confirmed,
                                  override_reason=override_reason, today=today)
    elif action == wf.APPEAL:
        appeals.lodge(ctx, request_id, reason, today)
    else:
        return casework.act(ctx, request_id, action, reason)
    return requests.get_request(ctx, request_id).status
