"""The outbox screen's rows: each message with the applicant's name and the request's reference
(one query), and the SMS count of its text (``segments``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from ...db.messages import STATES, OutboxMessage
from ...db.models import Applicant, SupportRequest
from ...domain import permissions
from ...domain.errors import ValidationError
from ...i18n import _
from ..store.context import AppContext
from .outbox import MessageView, view
from .segments import SmsCount, sms_count

LIMIT = 2000  # the newest messages a screen shows


@dataclass(frozen=True)
class OutboxRow:
    message: MessageView
    applicant_name: str
    reference: str  # the request's, "" when none

    @property
    def sms(self) -> SmsCount:
        return sms_count(self.message.text)


def outbox_rows(ctx: AppContext, state: str | None = None, *, applicant_id: uuid.UUID | None = None,
                limit: int = LIMIT) -> list[OutboxRow]:
    """The newest messages first, of one state or all (a manager's view of every message)."""
    ctx.require(permissions.MANAGE_MESSAGES)
    q = (select(OutboxMessage, Applicant.full_name, SupportRequest.reference)
         .join(Applicant, Applicant.id == OutboxMessage.applicant_id)
         .outerjoin(SupportRequest, SupportRequest.id == OutboxMessage.request_id)
         .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()))
    if state:
        if state not in STATES:
            raise ValidationError("state", _("Unknown message state: {state}").format(state=state))
        q = q.where(OutboxMessage.state == state)
    if applicant_id is not None:
        q = q.where(OutboxMessage.applicant_id == applicant_id)
    with ctx.reading() as s:
        return [OutboxRow(view(m), name, reference or "") for m, name, reference in s.execute(q.limit(limit))]
