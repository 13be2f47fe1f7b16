"""Booking an appointment, moving it to another time, cancelling it, recording whether the
applicant came.

No double booking: the service refuses a time that overlaps one of the employee's bookings,
naming it.  Two desks booking at once: the booking is written before the overlap is looked
for, so on SQLite (one writer at a time) the second desk looks only once the first has
committed; on PostgreSQL the employee's account row is locked (``FOR UPDATE``) for the same
effect.  Whatever slips past, the store's unique slot (``uq_appointment_slot``) ends with one
winner and the same clear refusal for the other."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ...db.appointments import Appointment
from ...db.models import Applicant, SupportRequest, User
from ...domain import appointments as rules
from ...domain import permissions
from ...domain.dates import in_both_calendars
from ...domain.digits import normalize_digits
from ...domain.errors import FieldErrors, ValidationError
from ...domain.validation import max_length
from ...i18n import _
from ..store.context import AppContext
from ..store.rows import get_or_refuse
from .views import APPOINTMENT_CHANGED, AppointmentView, get_appointment

NOTE_LIMIT = 500


class SlotTaken(ValidationError):
    """The employee already has a booking at that time (naming it)."""

    def __init__(self, employee: str, day: dt.date, start: dt.time, digits: str):
        message = _("{employee} already has an appointment at {time} on {day}: choose another time").format(
            employee=employee, time=rules.clock_text(start, digits),
            day=rules.when_text(day, start, digits=digits).rsplit(" ", 1)[0])
        super().__init__("at", message)
        self.start = start


def applicant_by_number(ctx: AppContext, number: str) -> uuid.UUID:
    """The registered applicant with this ID number (any digits, spaces and dashes)."""
    ctx.require(permissions.VIEW_APPLICANT)
    clean = normalize_digits(number).replace(" ", "").replace("-", "").strip().upper()
    with ctx.reading() as s:
        found = s.scalars(select(Applicant.id).where(Applicant.national_id == clean)).first()
    if found is None:
        raise ValidationError("applicant", _("No applicant is registered with this ID"))
    return found


def employee_by_username(ctx: AppContext, username: str) -> uuid.UUID:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        found = s.execute(select(User.id, User.active, User.role)
                          .where(User.username == username.strip())).first()
    if found is None or not found.active or found.role == permissions.COMMITTEE:
        raise ValidationError("employee", _("{name} is not an active employee who receives applicants")
                              .format(name=username.strip()))
    return found.id


def book(
    ctx: AppContext,
    applicant_id: uuid.UUID,
    day: dt.date,
    start: dt.time,
    purpose: str,
    *,
    employee_id: uuid.UUID | None = None,
    request_reference: str = "",
    note: str = "",
    minutes: int | None = None,
    now: dt.datetime | None = None,
) -> AppointmentView:
    """Book ``start`` on ``day`` with the employee (default: the one signed in) for the
    applicant; every wrong field named at once, an overlap refused naming the time taken."""
    ctx.require(permissions.BOOK_APPOINTMENT)
    minutes = minutes or ctx.profile.office_hours.slot_minutes
    errors = _time_errors(ctx, day, start, minutes, now)
    if purpose not in rules.PURPOSES:
        errors.add("purpose", _("Choose what the appointment is for: {choices}")
                   .format(choices=", ".join(rules.purpose_label(p) for p in rules.PURPOSES)))
    errors.check("note", lambda: max_length(note.strip(), "note", _("Note"), NOTE_LIMIT))
    errors.raise_if_any()
    digits = ctx.profile.digits
    employee_id = employee_id or ctx.user_id
    if employee_id is None:
        raise ValidationError("employee", _("Choose the employee who receives the applicant"))
    try:
        with ctx.uow() as s:
            employee = _employee_locked(s, employee_id)
            get_or_refuse(s, Applicant, applicant_id, "applicant", _("No such applicant"))
            request_id = _request(s, request_reference, applicant_id)
            row = Appointment(
                branch=ctx.branch.code, applicant_id=applicant_id, request_id=request_id,
                employee_id=employee_id, day=day, start_minute=rules.minute_of(start),
                minutes=minutes, purpose=purpose, state=rules.BOOKED, note=note.strip(),
                booked_by=ctx.user_id,
            )
            s.add(row)
            _refuse_overlap(s, row, employee.full_name, digits)
            ctx.audit(s, "book", "appointment", row.id, day=day.isoformat(),
                      time=rules.clock_text(start), purpose=purpose, employee=employee.username)
            appointment_id = row.id
            ctx.changed(APPOINTMENT_CHANGED, appointment_id)
    except IntegrityError as exc:
        if "uq_appointment_slot" not in str(exc.orig) and "appointment.start_minute" not in str(exc.orig):
            raise
        raise SlotTaken(_employee_name(ctx, employee_id), day, start, digits) from None
    return get_appointment(ctx, appointment_id)


def _time_errors(ctx: AppContext, day: dt.date, start: dt.time, minutes: int,
                 now: dt.datetime | None) -> FieldErrors:
    """What is wrong with the time (field ``at``): a day beyond either calendar, the office closed
    or the time outside its hours, a time already past."""
    now = now or dt.datetime.now()
    hours, digits = ctx.profile.office_hours, ctx.profile.digits
    errors = FieldErrors()
    errors.check("at", lambda: in_both_calendars(day, "at", digits))
    if not hours.is_open(day):
        errors.add("at", _("The office is closed on {day}: choose a day it opens").format(day=rules.when_text(day, start, digits=digits)
                                                                   .rsplit(" ", 1)[0]))
    elif not hours.within(start, minutes):
        errors.add("at", _("Book between {opens} and {closes}: the office's hours").format(
            opens=rules.clock_text(hours.opens, digits), closes=rules.clock_text(hours.closes, digits)))
    if dt.datetime.combine(day, start) < now.replace(second=0, microsecond=0):
        errors.add("at", _("This time has passed: choose a later one"))
    return errors


def _employee_locked(s, employee_id: uuid.UUID) -> User:
    """The employee's account, locked for this transaction (two desks booking the same employee
    wait for each other on PostgreSQL); refused when they do not receive applicants."""
    employee = s.execute(select(User).where(User.id == employee_id).with_for_update()).scalar_one_or_none()
    if employee is None or not employee.active or employee.role == permissions.COMMITTEE:
        raise ValidationError("employee", _("Choose an active employee who receives applicants"))
    return employee


def _refuse_overlap(s, row: Appointment, employee: str, digits: str) -> None:
    """Written first (on SQLite this desk holds the write lock from here on), then the
    employee's other bookings that day looked at: an overlap is refused naming its time."""
    s.flush()
    taken = s.execute(select(Appointment.start_minute, Appointment.minutes).where(
        Appointment.employee_id == row.employee_id, Appointment.day == row.day,
        Appointment.state.in_(rules.HOLDING), Appointment.id != row.id)).all()
    start = rules.time_of(row.start_minute)
    other = rules.clash(start, row.minutes, [(rules.time_of(m), n) for m, n in taken])
    if other is not None:
        raise SlotTaken(employee, row.day, other, digits)


def move(ctx: AppContext, appointment_id: uuid.UUID, day: dt.date, start: dt.time, *,
         employee_id: uuid.UUID | None = None, now: dt.datetime | None = None) -> AppointmentView:
    """Move a booked appointment to another day or time (and, given, another employee): the
    applicant, what it is for, its request and note stay; the old time is free again and the
    reminder goes out for the new one.  Refused like a booking (closed, past, taken)."""
    ctx.require(permissions.BOOK_APPOINTMENT)
    digits = ctx.profile.digits
    try:
        with ctx.uow() as s:
            row = get_or_refuse(s, Appointment, appointment_id, "appointment", _("No such appointment"))
            if row.state != rules.BOOKED:
                raise ValidationError("appointment", _("Only a booked appointment can be moved; this one is: {state}")
                                      .format(state=rules.state_label(row.state)))
            _time_errors(ctx, day, start, row.minutes, now).raise_if_any()
            employee_id = employee_id or row.employee_id
            if (row.day, row.start_minute, row.employee_id) == (day, rules.minute_of(start), employee_id):
                raise ValidationError("at", _("The appointment is already at this time: choose another"))
            employee = _employee_locked(s, employee_id)
            before = f"{row.day.isoformat()} {rules.clock_text(rules.time_of(row.start_minute))}"
            row.day, row.start_minute, row.employee_id = day, rules.minute_of(start), employee_id
            _refuse_overlap(s, row, employee.full_name, digits)
            ctx.audit(s, "move", "appointment", row.id, day=day.isoformat(), time=rules.clock_text(start),
                      employee=employee.username, **{"from": before})
            ctx.changed(APPOINTMENT_CHANGED, row.id)
    except IntegrityError as exc:
        if "uq_appointment_slot" not in str(exc.orig) and "appointment.start_minute" not in str(exc.orig):
            raise
        raise SlotTaken(_employee_name(ctx, employee_id) if employee_id else "", day, start, digits) from None
    return get_appointment(ctx, appointment_id)


def _employee_name(ctx: AppContext, employee_id: uuid.UUID) -> str:
    with ctx.reading() as s:
        return s.scalar(select(User.full_name).where(User.id == employee_id)) or ""


def _request(s, reference: str, applicant_id: uuid.UUID) -> uuid.UUID | None:
    reference = normalize_digits(reference).strip().upper()
    if not reference:
        return None
    found = s.execute(select(SupportRequest.id, SupportRequest.applicant_id)
                      .where(SupportRequest.reference == reference)).first()
    if found is None:
        raise ValidationError("request_reference", _("No request has this reference"))
    if found.applicant_id != applicant_id:
        raise ValidationError("request_reference", _("This request belongs to another applicant"))
    return found.id


def cancel(ctx: AppContext, appointment_id: uuid.UUID, reason: str = "") -> AppointmentView:
    """Cancel a booking that has not taken place: its slot is free again."""
    ctx.require(permissions.BOOK_APPOINTMENT)
    with ctx.uow() as s:
        row = get_or_refuse(s, Appointment, appointment_id, "appointment", _("No such appointment"))
        if row.state != rules.BOOKED:
            raise ValidationError("appointment", _("Only a booked appointment can be cancelled; this one is: {state}")
                                  .format(state=rules.state_label(row.state)))
        row.state, row.reason = rules.CANCELLED, reason.strip()
        ctx.audit(s, "cancel", "appointment", row.id, day=row.day.isoformat(),
                  time=rules.clock_text(rules.time_of(row.start_minute)), reason=row.reason)
        ctx.changed(APPOINTMENT_CHANGED, row.id)
    return get_appointment(ctx, appointment_id)


def mark(ctx: AppContext, appointment_id: uuid.UUID, state: str, today: dt.date | None = None) -> AppointmentView:
    """Record that the applicant came (``attended``) or did not (``missed``), on the day or after;
    a mark may be corrected (attended <-> missed), a cancelled booking is not marked."""
    ctx.require(permissions.BOOK_APPOINTMENT)
    if state not in (rules.ATTENDED, rules.MISSED):
        raise ValidationError("state", _("Mark an appointment attended or missed"))
    today = today or dt.date.today()
    with ctx.uow() as s:
        row = get_or_refuse(s, Appointment, appointment_id, "appointment", _("No such appointment"))
        if row.state == rules.CANCELLED:
            raise ValidationError("appointment", _("This appointment was cancelled"))
        if row.day > today:
            raise ValidationError("appointment", _("The appointment's day has not come yet"))
        if row.state != state:
            before, row.state = row.state, state
            ctx.audit(s, "attended" if state == rules.ATTENDED else "missed", "appointment", row.id, day=row.day.isoformat(),
                      time=rules.clock_text(rules.time_of(row.start_minute)), **{"from": before})
            ctx.changed(APPOINTMENT_CHANGED, row.id)
    return get_appointment(ctx, appointment_id)
