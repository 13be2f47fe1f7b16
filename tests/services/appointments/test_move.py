"""Moving a booked appointment (نقل الموعد): the man who will bring his documents next week asks
for another day; the booking keeps who, what for, its request and note, frees its old time,
is refused like a booking (taken, past, closed), audited; then he does not come."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from accounts import staff_accounts
from ajfar_desk.db.models import AuditEntry
from ajfar_desk.domain import appointments as rules
from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.appointments import booking, views
from ajfar_desk.services.appointments.booking import SlotTaken
from printing.scenario import submitted_request

from .test_booking import NOW, STAFF, SUNDAY  # the same Thursday, the same desk

MONDAY, FRIDAY = dt.date(2026, 11, 23), dt.date(2026, 11, 27)
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def booked(ctx):
    a, request = submitted_request(ctx, first="خالد", nid_body="02345679")[:2]
    staff_accounts(ctx, STAFF)("desk")
    v = booking.book(ctx, a.id, SUNDAY, dt.time(9, 20), rules.DOCUMENT, now=NOW,
                     request_reference=request.reference, note="يحضر صك الإعالة")
    return a, request, v


def test_a_move_keeps_the_booking_and_frees_its_old_time(ctx, booked):
    a, request, v = booked
    moved = booking.move(ctx, v.id, MONDAY, dt.time(11, 0), now=NOW)
    assert moved.id == v.id and (moved.day, moved.start, moved.state) == (MONDAY, dt.time(11), rules.BOOKED)
    assert (moved.applicant_id, moved.purpose, moved.request_reference, moved.note, moved.employee_id) == (
        a.id, rules.DOCUMENT, request.reference, "يحضر صك الإعالة", v.employee_id)
    assert not [s for s in views.day_sheet(ctx, SUNDAY, v.employee_id) if not s.free]  # Sunday is free again
    assert [s.start for s in views.day_sheet(ctx, MONDAY, v.employee_id) if not s.free] == [dt.time(11)]
    booking.book(ctx, a.id, SUNDAY, dt.time(9, 20), rules.INTERVIEW, now=NOW)  # the old time can be booked
    with ctx.reading() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "appointment",
                                                   AuditEntry.action == "move")).one()
    assert "2026-11-22 09:20" in str(entry.details) and "11:00" in str(entry.details)


def test_then_he_does_not_come(ctx, booked):
    _a, _r, v = booked
    booking.move(ctx, v.id, MONDAY, dt.time(8, 0), now=NOW)
    with pytest.raises(ValidationError, match="not come yet"):
        booking.mark(ctx, v.id, rules.MISSED, today=SUNDAY)
    assert booking.mark(ctx, v.id, rules.MISSED, today=MONDAY).state == rules.MISSED
    with pytest.raises(ValidationError, match="Only a booked appointment can be moved"):
        booking.move(ctx, v.id, MONDAY, dt.time(9, 0), now=NOW)


def test_a_move_is_refused_like_a_booking_and_changes_nothing(ctx, booked):
    a, _r, v = booked
    other = booking.book(ctx, a.id, MONDAY, dt.time(10, 0), rules.INTERVIEW, now=NOW)
    with pytest.raises(SlotTaken, match=to_arabic_digits("10:00")):
        booking.move(ctx, v.id, MONDAY, dt.time(10, 0), now=NOW)
    with pytest.raises(SlotTaken, match=to_arabic_digits("10:00")):  # an overlap of another start
        booking.move(ctx, v.id, MONDAY, dt.time(9, 50), now=NOW)
    with pytest.raises(ValidationError, match="closed on .*: choose a day it opens"):  # says what to do
        booking.move(ctx, v.id, FRIDAY, dt.time(10, 0), now=NOW)
    with pytest.raises(SlotTaken, match=": choose another time$"):
        booking.move(ctx, v.id, MONDAY, dt.time(10, 0), now=NOW)
    with pytest.raises(ValidationError, match="passed"):
        booking.move(ctx, v.id, NOW.date(), dt.time(9, 0), now=NOW)
    with pytest.raises(ValidationError, match="already at this time"):
        booking.move(ctx, v.id, SUNDAY, dt.time(9, 20), now=NOW)
    still = views.get_appointment(ctx, v.id)
    assert (still.day, still.start) == (SUNDAY, dt.time(9, 20))
    booking.cancel(ctx, other.id)
    with pytest.raises(ValidationError, match="Only a booked appointment can be moved"):
        booking.move(ctx, other.id, MONDAY, dt.time(12, 0), now=NOW)
    hind = booking.employee_by_username(ctx, "hind")  # the same time with another employee is free
    moved = booking.move(ctx, v.id, SUNDAY, dt.time(9, 20), employee_id=hind, now=NOW)
    assert moved.employee_name == "هند الموظفة"
