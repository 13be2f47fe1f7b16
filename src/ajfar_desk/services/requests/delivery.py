"""Recording the service actually delivered to the beneficiary (and their acknowledgment)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ...db.casework import ServiceDelivery
from ...db.models import SupportRequest
from ...domain import permissions
from ...domain import workflow as wf
from ...domain.dates import day_or_today
from ...domain.digits import parse_amount
from ...domain.errors import FieldErrors
from ...domain.validation import required_text
from ...i18n import _
from ..papers.documents import PNG_MAGIC
from ..store.context import AppContext
from ..store.events import REQUEST_CHANGED
from ..store.rows import get_or_refuse
from . import casework


@dataclass(frozen=True)
class DeliveryInput:
    description: str
    quantity: str = ""
    amount: str = ""
    delivered_on: str = ""
    recipient_name: str = ""
    acknowledged: bool = False
    acknowledgment_png: bytes | None = None  # the recipient's signature on the pad


@dataclass(frozen=True)
class DeliveryView:
    request_id: uuid.UUID
    description: str
    quantity: Decimal | None
    amount: Decimal | None
    delivered_on: dt.date
    delivered_by: uuid.UUID | None
    recipient_name: str
    acknowledged: bool


def record_delivery(
    ctx: AppContext,
    request_id: uuid.UUID,
    data: DeliveryInput,
    today: dt.date | None = None,
    action: str = wf.DELIVER,
) -> DeliveryView:
    """What was delivered, how much, when, by whom, and that the recipient acknowledged it;
    moves the approved request to "service delivered" in the same transaction (by ``action``:
    another workflow step that records a delivery may use it too)."""
    ctx.require(permissions.RECORD_DELIVERY)
    today = today or dt.date.today()
    description, quantity, amount, delivered_on = checked(data, today)
    with ctx.uow() as s:
        request = get_or_refuse(s, SupportRequest, request_id, "request", _("No such request"))
        casework.step(ctx, s, request, action, details={"description": description})
        row = add_row(ctx, s, request, data, (description, quantity, amount, delivered_on))
        view = _view(row)
        ctx.changed(REQUEST_CHANGED, request_id)
    return view


def checked(data: DeliveryInput, today: dt.date):
    """The delivery as typed, checked: (description, quantity, amount, delivered_on); every
    mistake at once, each under its field."""
    errors = FieldErrors()
    description = errors.check(
        "description", lambda: required_text(data.description, "description", _("What was delivered"))
    )
    quantity = errors.check(
        "quantity", lambda: parse_amount(data.quantity, "quantity"), when=bool(data.quantity.strip())
    )
    amount = errors.check(
        "amount", lambda: parse_amount(data.amount, "amount"), when=bool(data.amount.strip())
    )
    delivered_on = day_or_today(errors, "delivered_on", data.delivered_on, today)
    if not data.acknowledged:
        errors.add("acknowledged", _("The recipient must acknowledge receiving the service"))
    if data.acknowledgment_png is not None and not data.acknowledgment_png.startswith(PNG_MAGIC):
        errors.add("acknowledged", _("The signature is not a PNG image"))
    errors.raise_if_any()
    return description, quantity, amount, delivered_on


def add_row(ctx: AppContext, s, request: SupportRequest, data: DeliveryInput, checked_values):
    """The delivery row, added to the caller's transaction and audited."""
    description, quantity, amount, delivered_on = checked_values
    row = ServiceDelivery(
        branch=ctx.branch.code,
        request_id=request.id,
        description=description,
        quantity=quantity,
        amount=amount,
        delivered_on=delivered_on,
        delivered_by=ctx.user_id,
        recipient_name=(data.recipient_name or "").strip(),
        acknowledged=True,
        acknowledgment_png=data.acknowledgment_png,
    )
    s.add(row)
    s.flush()
    ctx.audit(s, "record", "service_delivery", row.id, request=request.reference, amount=amount)
    return row


def deliveries(ctx: AppContext, request_id: uuid.UUID) -> list[DeliveryView]:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        rows = s.scalars(select(ServiceDelivery).where(ServiceDelivery.request_id == request_id))
        return [_view(r) for r in rows]


def _view(row: ServiceDelivery) -> DeliveryView:
    return DeliveryView(
        row.request_id,
        row.description,
        row.quantity,
        row.amount,
        row.delivered_on,
        row.delivered_by,
        row.recipient_name,
        row.acknowledged,
    )
