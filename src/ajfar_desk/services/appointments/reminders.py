"""The reminder before an appointment (تذكير بالموعد): a message of kind ``appointment_reminder``
queued in the outbox (``services.messages.outbox.queue``) with the day in both calendars and the
time, for every booking of this branch on the next day the office opens (tomorrow, or Sunday
when today is Thursday: nobody is at the desk on Friday and Saturday to send it then).

Idempotent: the message's id is derived from the booking, its day and its time, so two scans (the
window's sender every few minutes, ``appointments remind``, two nodes) make one message; a
booking moved to another time would be reminded again.  Called by the outbox's own scan
(``services.messages.manage.queue_overdue``) and by the command line."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.appointments import Appointment
from ...db.messages import OutboxMessage
from ...db.models import Applicant
from ...db.sync_tables import deterministic_id
from ...domain import appointments as rules
from ...domain import messages as dm
from ...domain import permissions
from ...domain.digits import digit_style
from ..messages import outbox
from ..store.context import AppContext
from ..store.events import MESSAGES_CHANGED

LOOK_AHEAD_DAYS = 7  # the office is never closed longer than this between two open days


def reminder_days(hours: rules.OfficeHours, today: dt.date) -> list[dt.date]:
    """The days whose bookings are reminded today: up to the next day the office opens."""
    days = []
    for step in range(1, LOOK_AHEAD_DAYS + 1):
        day = today + dt.timedelta(days=step)
        days.append(day)
        if hours.is_open(day):
            break
    return days


def queue_reminders(session: Session, today: dt.date) -> int:
    """Queue the reminders due today in the caller's unit of work; how many were queued."""
    ctx = outbox._ctx(session)
    profile = ctx.profile
    if not profile.messages.enabled(dm.APPOINTMENT_REMINDER):
        return 0
    rows = session.execute(
        select(Appointment.id, Appointment.applicant_id, Appointment.request_id, Appointment.day,
               Appointment.start_minute, Applicant.preferred_language)
        .join(Applicant, Applicant.id == Appointment.applicant_id)
        .where(Appointment.branch == ctx.branch.code, Appointment.state == rules.BOOKED,
               Appointment.day.in_(reminder_days(profile.office_hours, today)))
        .order_by(Appointment.day, Appointment.start_minute)
    ).all()
    count = 0
    for appointment_id, applicant_id, request_id, day, minute, lang in rows:
        start = rules.time_of(minute)
        ident = deterministic_id("appointment_reminder", str(appointment_id), day.isoformat(),
                                 rules.clock_text(start))
        if session.get(OutboxMessage, ident) is not None:
            continue
        lang = lang if lang in dm.LANGUAGES else "ar"
        digits = digit_style(profile.digits, lang)
        when = f"{outbox.both_calendars(day, lang, profile.digits)} {rules.clock_text(start, digits)}"
        if outbox.queue(session, applicant_id=applicant_id, kind=dm.APPOINTMENT_REMINDER,
                        values={"appointment_time": when}, request_id=request_id, message_id=ident) is not None:
            count += 1
    return count


def remind(ctx: AppContext, today: dt.date | None = None) -> int:
    """``appointments remind``: the reminders due today, in one unit of work."""
    ctx.require(permissions.BOOK_APPOINTMENT)
    with ctx.uow() as s:
        count = queue_reminders(s, today or dt.date.today())
        if count:
            ctx.changed(MESSAGES_CHANGED)
    return count
