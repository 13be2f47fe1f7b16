"""The reminder the day before: queued in the outbox with the day in both calendars and the
time, for the next day the office opens, once per booking however often the scan runs."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts import staff_accounts
from ajfar_desk.domain import appointments as rules
from ajfar_desk.domain import messages as dm
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.appointments import booking, reminders
from ajfar_desk.services.messages import manage
from printing.scenario import submitted_request
from test_desks import person

THURSDAY = dt.date(2026, 11, 19)
NOW = dt.datetime(2026, 11, 19, 10, 0)


@pytest.fixture
def told(ctx):
    staff_accounts(ctx, {"desk": ("front_desk", "سارة الموظفة")})("desk")
    a = applicants.register(ctx, person("1000000008", messages_consent=True), confirm_similar=True)
    quiet = applicants.register(ctx, person("1000000016", first_name="سالم"), confirm_similar=True)
    return a, quiet


def test_thursday_reminds_sundays_bookings_once_in_both_calendars(ctx, told):
    a, quiet = told
    sunday = booking.book(ctx, a.id, dt.date(2026, 11, 22), dt.time(9, 20), rules.INTERVIEW, now=NOW)
    booking.book(ctx, a.id, dt.date(2026, 11, 23), dt.time(9), rules.SERVICE, now=NOW)  # Monday: later
    gone = booking.book(ctx, a.id, dt.date(2026, 11, 22), dt.time(11), rules.DOCUMENT, now=NOW)
    booking.cancel(ctx, gone.id)
    booking.book(ctx, quiet.id, dt.date(2026, 11, 22), dt.time(10), rules.INTERVIEW, now=NOW)  # no consent
    assert reminders.reminder_days(ctx.profile.office_hours, THURSDAY) == [
        dt.date(2026, 11, 20), dt.date(2026, 11, 21), dt.date(2026, 11, 22)]
    assert reminders.remind(ctx, THURSDAY) == 1
    assert reminders.remind(ctx, THURSDAY) == 0  # the scan again: nothing twice
    assert manage.queue_overdue(ctx, dt.date(2026, 11, 21)) == 0  # nor from the outbox's own scan
    [message] = manage.list_messages(ctx, applicant_id=a.id)
    assert (message.kind, message.channel, message.state) == (dm.APPOINTMENT_REMINDER, "sms", "queued")
    assert "١٢/٠٦/١٤٤٨" in message.text and "٢٢/١١/٢٠٢٦" in message.text and "٠٩:٢٠" in message.text
    assert message.recipient == "+966501234567" and sunday.applicant_id == message.applicant_id


def test_the_outbox_scan_reminds_tomorrows_booking_with_its_request(ctx, told):
    applicant, request = submitted_request(ctx, first="فاطمة", nid_body="02345678")[:2]
    with ctx.uow() as s:  # she agrees to messages later, at the desk
        from ajfar_desk.db.models import Applicant

        s.get(Applicant, applicant.id).messages_consent = True
    v = booking.book(ctx, applicant.id, dt.date(2026, 11, 23), dt.time(8), rules.SERVICE,
                     request_reference=request.reference, now=NOW)
    sunday = dt.date(2026, 11, 22)
    assert manage.queue_overdue(ctx, sunday) >= 1
    reminded = [m for m in manage.list_messages(ctx, request_id=request.id) if m.kind == dm.APPOINTMENT_REMINDER]
    assert len(reminded) == 1 and reminded[0].applicant_id == v.applicant_id
