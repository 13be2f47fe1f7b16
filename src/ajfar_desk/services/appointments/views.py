"""What the appointment screens and the command line read: frozen views, never ORM rows."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Select, select

from ...db.appointments import Appointment
from ...db.models import Applicant, SupportRequest, User
from ...domain import appointments as rules
from ...domain import permissions
from ...domain.errors import ValidationError
from ...i18n import _
from ..store.context import AppContext

APPOINTMENT_CHANGED = "appointment"  # the topic announced after a booking changed


@dataclass(frozen=True)
class AppointmentView:
    id: uuid.UUID
    applicant_id: uuid.UUID
    applicant_name: str
    applicant_number: str  # the applicant's ID number
    phone: str
    request_id: uuid.UUID | None
    request_reference: str
    employee_id: uuid.UUID
    employee_name: str
    day: dt.date
    start: dt.time
    minutes: int
    purpose: str
    state: str
    note: str
    reason: str
    branch: str

    @property
    def end(self) -> dt.time:
        return rules.time_of(rules.minute_of(self.start) + self.minutes)

    @property
    def holds_slot(self) -> bool:
        return self.state in rules.HOLDING


@dataclass(frozen=True)
class Employee:
    id: uuid.UUID
    username: str
    full_name: str
    role: str


@dataclass(frozen=True)
class Slot:
    """One line of the day list: a slot of the office's hours, free (``appointment`` None) or
    booked, or a booking made off the slots' grid."""

    start: dt.time
    minutes: int
    employee_id: uuid.UUID | None
    appointment: AppointmentView | None = None

    @property
    def free(self) -> bool:
        return self.appointment is None


def employees(ctx: AppContext) -> list[Employee]:
    """The active accounts that receive applicants (everyone but the committee's members)."""
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        rows = s.execute(
            select(User.id, User.username, User.full_name, User.role)
            .where(User.active.is_(True), User.role != permissions.COMMITTEE)
            .order_by(User.full_name)
        )
        return [Employee(*r) for r in rows]


def joined() -> Select:
    return (
        select(Appointment, Applicant.full_name, Applicant.national_id, Applicant.phone,
               SupportRequest.reference, User.full_name)
        .join(Applicant, Applicant.id == Appointment.applicant_id)
        .join(User, User.id == Appointment.employee_id)
        .outerjoin(SupportRequest, SupportRequest.id == Appointment.request_id)
    )


def view_of(row: Appointment, name: str, number: str, phone: str | None, reference: str | None,
            employee: str) -> AppointmentView:
    return AppointmentView(
        id=row.id, applicant_id=row.applicant_id, applicant_name=name, applicant_number=number,
        phone=phone or "", request_id=row.request_id, request_reference=reference or "",
        employee_id=row.employee_id, employee_name=employee, day=row.day,
        start=rules.time_of(row.start_minute), minutes=row.minutes, purpose=row.purpose,
        state=row.state, note=row.note, reason=row.reason, branch=row.branch,
    )


def get_appointment(ctx: AppContext, appointment_id: uuid.UUID) -> AppointmentView:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        row = s.execute(joined().where(Appointment.id == appointment_id)).first()
        if row is None:
            raise ValidationError("appointment", _("No such appointment"))
        return view_of(*row)


def day_list(ctx: AppContext, day: dt.date, employee_id: uuid.UUID | None = None,
             *, cancelled: bool = False) -> list[AppointmentView]:
    """The day's bookings by time (then employee), of one employee or all."""
    ctx.require(permissions.VIEW_APPLICANT)
    q = joined().where(Appointment.day == day)
    if employee_id is not None:
        q = q.where(Appointment.employee_id == employee_id)
    if not cancelled:
        q = q.where(Appointment.state != rules.CANCELLED)
    with ctx.reading() as s:
        rows = s.execute(q.order_by(Appointment.start_minute, User.full_name, Appointment.created_at, Appointment.id)).all()
        return [view_of(*r) for r in rows]


def day_sheet(ctx: AppContext, day: dt.date, employee_id: uuid.UUID | None) -> list[Slot]:
    """The day as the desk sees it: with an employee, every slot of the office's hours, free or
    booked, and any booking off the grid in its place; with nobody (all employees), the bookings."""
    booked = day_list(ctx, day, employee_id)
    lines = [Slot(a.start, a.minutes, a.employee_id, a) for a in booked]
    if employee_id is not None:
        hours = ctx.profile.office_hours
        taken = [(a.start, a.minutes) for a in booked]
        lines += [Slot(t, hours.slot_minutes, employee_id) for t in hours.slots(day)
                  if rules.clash(t, hours.slot_minutes, taken) is None]
    return sorted(lines, key=lambda x: (x.start, x.appointment is None,
                                        x.appointment.employee_name if x.appointment else ""))


def free_slots(ctx: AppContext, day: dt.date, employee_id: uuid.UUID) -> list[dt.time]:
    return [line.start for line in day_sheet(ctx, day, employee_id) if line.free]


def of_applicant(ctx: AppContext, applicant_id: uuid.UUID) -> list[AppointmentView]:
    """The applicant's bookings, the newest day first (cancelled ones too: their file's history)."""
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        rows = s.execute(joined().where(Appointment.applicant_id == applicant_id)
                         .order_by(Appointment.day.desc(), Appointment.start_minute.desc())).all()
        return [view_of(*r) for r in rows]
