"""At the desk: a person's consent to coordination, and what the other members revealed about
them (the banner on the file and in the duplicate check, ``coordination lookup``).  Every
lookup is audited; nothing here ever blocks the desk's work."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select

from ...db.coordination import Consortium, CoordinationReveal
from ...db.models import Applicant
from ...domain import id_types, permissions
from ...i18n import _
from ..applicants.applicants import identity_holder
from ..store.context import AppContext
from ..store.events import APPLICANT_CHANGED, COORDINATION_CHANGED
from ..store.rows import get_or_refuse
from .membership import NotCoordinating


@dataclass(frozen=True)
class Reveal:
    association: str  # "" when the member chose not to reveal its name
    program: str
    service_month: str  # YYYY-MM, or ""
    first_seen_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class Lookup:
    applicant_id: uuid.UUID | None  # our file of the identity, if we hold one
    consent: bool
    reveals: list[Reveal]


def set_consent(ctx: AppContext, applicant_id: uuid.UUID, given: bool) -> bool:
    """Record the person's consent (or its withdrawal): a withdrawal takes them out of the next
    exchange file and removes at once what the members revealed about them."""
    ctx.require(permissions.EDIT_APPLICANT)
    with ctx.uow() as s:
        row = get_or_refuse(s, Applicant, applicant_id, "applicant", _("No such applicant"))
        if row.coordination_consent != given:
            row.coordination_consent = given
            removed = 0
            if not given:
                removed = s.execute(delete(CoordinationReveal).where(
                    CoordinationReveal.applicant_id == applicant_id)).rowcount or 0
            ctx.audit(s, "coordination_consent", "applicant", applicant_id, given=given,
                      removed=removed)
            ctx.changed(APPLICANT_CHANGED, applicant_id)
            ctx.changed(COORDINATION_CHANGED, applicant_id)
    return given


def consent(ctx: AppContext, applicant_id: uuid.UUID) -> bool:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        return bool(s.scalar(select(Applicant.coordination_consent).where(Applicant.id == applicant_id)))


def _reveals(s, applicant_id: uuid.UUID) -> list[Reveal]:
    rows = s.scalars(select(CoordinationReveal).where(CoordinationReveal.applicant_id == applicant_id)
                     .order_by(CoordinationReveal.service_month.desc(), CoordinationReveal.association))
    return [Reveal(r.association, r.program, r.service_month, r.first_seen_at, r.updated_at) for r in rows]


def for_applicant(ctx: AppContext, applicant_id: uuid.UUID) -> Lookup:
    """What the members revealed about our applicant (empty when we are in no consortium);
    the lookup is audited when there is something to show."""
    ctx.require(permissions.COORDINATION_LOOKUP)
    with ctx.uow() as s:
        agreed = bool(s.scalar(select(Applicant.coordination_consent).where(Applicant.id == applicant_id)))
        found = _reveals(s, applicant_id)
        if found:
            ctx.audit(s, "coordination_lookup", "applicant", applicant_id, found=len(found))
    return Lookup(applicant_id, agreed, found)


def lookup(ctx: AppContext, number: str, id_type: str = "", id_country: str = "") -> Lookup:
    """Is the person with this identity known to another member?  Answered from the last
    exchanges (nothing leaves the store): a person we do not hold, or who did not consent, is
    known to nobody as far as we can tell.  Audited, found or not."""
    ctx.require(permissions.COORDINATION_LOOKUP)
    kind, country, clean = id_types.validate(id_type, number, id_country)
    with ctx.uow() as s:
        if s.scalars(select(Consortium.id)).first() is None:
            raise NotCoordinating()
        holder = s.scalar(identity_holder(kind, country, clean)) if kind != id_types.NONE else None
        agreed = holder is not None and bool(
            s.scalar(select(Applicant.coordination_consent).where(Applicant.id == holder)))
        found = _reveals(s, holder) if holder is not None else []
        ctx.audit(s, "coordination_lookup", "applicant", holder or "", id_type=kind,
                  number_end=clean[-4:], found=len(found))
    return Lookup(holder, agreed, found)


def describe(reveal: Reveal, month: Callable[[str], str] = str) -> str:
    """«مسجّل لدى جمعية …، آخر خدمة: …» for the banner and the command line (``month`` shows
    the YYYY-MM month as the screen writes it)."""
    who = reveal.association or _("another member association")
    shown = month(reveal.service_month) if reveal.service_month else ""
    if reveal.program and shown:
        service = _("{program} ({month})").format(program=reveal.program, month=shown)
    else:
        service = reveal.program or shown or _("not revealed")
    return _("Registered with {association}; last service: {service}").format(
        association=who, service=service)
