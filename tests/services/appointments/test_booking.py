"""Booking appointments: office hours from the profile, no double booking (in the service and in
the store, two desks at once on SQLite and PostgreSQL), cancel, attended or missed, audited."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from accounts import staff_accounts
from ajfar_desk.db.appointments import Appointment
from ajfar_desk.db.models import AuditEntry
from ajfar_desk.domain import appointments as rules
from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.permissions import PermissionDenied
from ajfar_desk.services.appointments import booking, views
from ajfar_desk.services.store.context import AppContext
from printing.scenario import submitted_request

NOW = dt.datetime(2026, 11, 19, 10, 0)  # a Thursday
SUNDAY = dt.date(2026, 11, 22)
STAFF = {"desk": ("front_desk", "سارة الموظفة"), "hind": ("front_desk", "هند الموظفة"),
         "member": ("committee", "عضو اللجنة")}
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def staff(ctx):
    return staff_accounts(ctx, STAFF)


@pytest.fixture
def applicant(ctx, staff):
    return submitted_request(ctx, first="فاطمة", nid_body="02345678")[:2]


def ar(text: str) -> str:
    """Times in messages follow the profile's digits (Arabic-Indic for this association)."""
    return to_arabic_digits(text)


def book(ctx, applicant_id, at="09:00", day=SUNDAY, **kw):
    kw.setdefault("purpose", rules.INTERVIEW)
    return booking.book(ctx, applicant_id, day, rules.parse_clock(at), now=NOW, **kw)


def test_a_booking_takes_the_profiles_slot_and_shows_in_the_day_sheet(ctx, staff, applicant):
    a, request = applicant
    staff("desk")
    v = book(ctx, a.id, "09:20", request_reference=request.reference.lower(), note=" يحضر الصك ")
    assert (v.day, v.start, v.end, v.minutes) == (SUNDAY, dt.time(9, 20), dt.time(9, 40), 20)
    assert (v.employee_name, v.applicant_name, v.request_reference, v.note) == (
        "سارة الموظفة", a.full_name, request.reference, "يحضر الصك")
    assert v.state == rules.BOOKED and v.branch == "HQ"
    sheet = views.day_sheet(ctx, SUNDAY, v.employee_id)
    assert len(sheet) == 18  # 08:00–14:00 in 20-minute slots
    assert [x.start for x in sheet if not x.free] == [dt.time(9, 20)]
    assert dt.time(9, 20) not in views.free_slots(ctx, SUNDAY, v.employee_id)
    assert views.day_list(ctx, SUNDAY) == [v] and views.of_applicant(ctx, a.id) == [v]
    with ctx.reading() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "appointment")).one()
    assert entry.action == "book" and '"time": "09:20"' in entry.details


def test_no_double_booking_of_an_employees_time_naming_it(ctx, staff, applicant):
    a, _r = applicant
    staff("desk")
    book(ctx, a.id, "09:00")
    with pytest.raises(booking.SlotTaken, match=ar("already has an appointment at 09:00")):
        book(ctx, a.id, "09:00")
    with pytest.raises(booking.SlotTaken, match=ar("at 09:00")):
        book(ctx, a.id, "09:10")  # overlaps 09:00–09:20
    hind = booking.employee_by_username(ctx, "hind")
    assert book(ctx, a.id, "09:00", employee_id=hind).employee_name == "هند الموظفة"
    assert book(ctx, a.id, "09:20").start == dt.time(9, 20)  # right after: no overlap


def test_office_hours_days_past_times_and_purpose_are_refused_at_once(ctx, staff, applicant):
    a, _r = applicant
    staff("desk")
    with pytest.raises(ValidationError) as err:
        book(ctx, a.id, "13:50", purpose="party", note="x" * 501)
    assert {f for f, _m in err.value.errors} == {"purpose", "at", "note"}
    assert any(ar("between 08:00 and 14:00") in m for _f, m in err.value.errors)
    with pytest.raises(ValidationError, match="office is closed"):
        book(ctx, a.id, "09:00", day=dt.date(2026, 11, 20))  # a Friday
    with pytest.raises(ValidationError, match="has passed"):
        book(ctx, a.id, "09:00", day=NOW.date())
    with pytest.raises(ValidationError, match="not an active employee"):
        booking.employee_by_username(ctx, "member")
    with pytest.raises(ValidationError, match="No request has this reference"):
        book(ctx, a.id, request_reference="AJF-1448-999999")
    staff("member")
    with pytest.raises(PermissionDenied):
        book(ctx, a.id)
    assert views.day_list(ctx, SUNDAY) == []  # nothing half-written


def test_cancel_frees_the_slot_and_marks_are_recorded_on_the_day(ctx, staff, applicant):
    a, _r = applicant
    staff("desk")
    v = book(ctx, a.id, "10:00")
    with pytest.raises(ValidationError, match="not come yet"):
        booking.mark(ctx, v.id, rules.ATTENDED, today=NOW.date())
    gone = booking.cancel(ctx, v.id, "طلب المستفيد")
    assert (gone.state, gone.reason, gone.holds_slot) == (rules.CANCELLED, "طلب المستفيد", False)
    with pytest.raises(ValidationError, match="Only a booked appointment"):
        booking.cancel(ctx, v.id)
    again = book(ctx, a.id, "10:00")  # the cancelled one gave the slot back
    assert booking.mark(ctx, again.id, rules.MISSED, today=SUNDAY).state == rules.MISSED
    assert booking.mark(ctx, again.id, rules.ATTENDED, today=SUNDAY).state == rules.ATTENDED
    with pytest.raises(ValidationError, match="was cancelled"):
        booking.mark(ctx, v.id, rules.ATTENDED, today=SUNDAY)
    assert [x.id for x in views.day_list(ctx, SUNDAY, cancelled=True)] == [v.id, again.id]
    assert [x.id for x in views.day_list(ctx, SUNDAY)] == [again.id]
    with ctx.reading() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "appointment")
                                                .order_by(AuditEntry.seq))]
    assert actions == ["book", "cancel", "book", "missed", "attended"]


def test_the_profiles_office_hours(ctx, staff, applicant, monkeypatch):
    from dataclasses import replace

    a, _r = applicant
    hours = rules.OfficeHours(days=(5,), opens=dt.time(16), closes=dt.time(18), slot_minutes=30)
    monkeypatch.setattr(ctx, "profile", replace(ctx.profile, office_hours=hours))
    staff("desk")
    saturday = dt.date(2026, 11, 21)
    v = book(ctx, a.id, "16:30", day=saturday)
    assert v.minutes == 30
    assert views.free_slots(ctx, saturday, v.employee_id) == [dt.time(16), dt.time(17), dt.time(17, 30)]
    with pytest.raises(ValidationError, match="office is closed"):
        book(ctx, a.id, "09:00")


def _desk(ctx: AppContext) -> AppContext:
    return AppContext(ctx.store, ctx.profile, ctx.branch, ctx.user)


@pytest.mark.parametrize("start", ["09:00", "09:10"])
def test_two_desks_booking_at_once_end_with_one_winner(ctx, staff, applicant, start):
    """Six desks book the employee's 09:00 (or overlapping times) at the same moment."""
    a, _r = applicant
    staff("desk")
    employee = ctx.user.id
    gate = threading.Barrier(4)
    got: list = [None] * 4

    def run(i):
        at = "09:00" if i % 2 == 0 else start
        gate.wait()
        try:
            got[i] = book(_desk(ctx), a.id, at, employee_id=employee)
        except Exception as exc:  # noqa: BLE001 - each desk's result is looked at below
            got[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    won = [g for g in got if isinstance(g, views.AppointmentView)]
    lost = [g for g in got if not isinstance(g, views.AppointmentView)]
    assert len(won) == 1, got
    assert all(isinstance(g, booking.SlotTaken) for g in lost), lost
    assert all(ar("already has an appointment at 09:") in str(g) for g in lost)
    with ctx.reading() as s:
        assert len(s.scalars(select(Appointment)).all()) == 1


def test_the_store_refuses_a_second_booking_of_a_slot_even_past_the_service(ctx, staff, applicant, monkeypatch):
    """Whatever slips past the service's check, the unique slot ends with the same refusal."""
    a, _r = applicant
    staff("desk")
    book(ctx, a.id, "11:00")
    monkeypatch.setattr(rules, "clash", lambda *args: None)
    with pytest.raises(booking.SlotTaken, match=ar("at 11:00")):
        book(ctx, a.id, "11:00")
