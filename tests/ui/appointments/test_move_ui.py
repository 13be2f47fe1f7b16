"""Moving an appointment from the day list, by the keyboard: F2 on a booking opens «نقل الموعد»
on its day, says the time it holds now, a new day typed in either calendar and Enter move it
(the applicant, purpose, request and note kept, the list goes to the new day with it selected),
a time taken is refused under the field with what was typed kept, Esc after typing asks first.
Then on its day he does not come: Alt+M.  A time typed in the booking dialog shows in the
profile's digits, as the listed ones do."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.domain import appointments as rules
from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.services.appointments import booking, views
from ajfar_desk.ui.appointments.day_view import AppointmentsView
from ajfar_desk.ui.appointments.move_dialog import MoveDialog

from ..conftest import register, type_text
from .day_page import open_day_page

NOW = dt.datetime(2026, 11, 22, 7, 30)  # a Sunday morning, before the office opens
SUNDAY = NOW.date()
NEXT_MONDAY = dt.date(2026, 11, 30)
STAFF = {"desk": ("front_desk", "نورة موظفة الاستقبال")}
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def desk(ctx):
    return staff_accounts(ctx, STAFF)("desk")


def _page(qtbot, ctx, now=NOW) -> AppointmentsView:
    return open_day_page(qtbot, ctx, now)


def _retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    type_text(qtbot, edit, text)


def test_f2_moves_the_booking_to_next_week_and_then_he_does_not_come(qtbot, app, ctx, desk, answers):
    man = register(ctx, 21, first_name="سالم")
    other = register(ctx, 22)
    v = booking.book(desk, man.id, SUNDAY, dt.time(10), rules.DOCUMENT, note="يحضر صك الإعالة", now=NOW)
    booking.book(desk, other.id, NEXT_MONDAY, dt.time(9), rules.INTERVIEW, now=NOW)
    page = _page(qtbot, desk)
    assert page.selected().appointment.id == v.id and page.move_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    dialog = page.dialog
    assert isinstance(dialog, MoveDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.day)  # on the day, to type another
    assert "نقل موعد سالم" in dialog.title.text()
    said = dialog.now_label.text()
    assert to_arabic_digits("10:00") in said and "الأحد" in said and "نورة موظفة الاستقبال" in said
    assert not dialog.boxes["purpose"].isVisible() and not dialog.boxes["note"].isVisible()

    _retype(qtbot, dialog.day, "30/11/2026")  # next Monday, where 09:00 is taken
    qtbot.waitUntil(lambda: dialog.time.count() > 0)
    _retype(qtbot, dialog.time.lineEdit(), "09:00")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.boxes["at"].error.isVisible()
    assert to_arabic_digits("09:00") in dialog.boxes["at"].error.text()
    assert dialog.day.text() == to_arabic_digits("30/11/2026")  # what was typed stays
    assert views.get_appointment(desk, v.id).day == SUNDAY

    answers.replies = [False]  # Esc after typing asks; "no" keeps the dialog and its text
    qtbot.keyClick(dialog.day, Qt.Key.Key_Escape)
    assert answers.asked and dialog.isVisible()

    _retype(qtbot, dialog.time.lineEdit(), "11:20")
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    moved = views.get_appointment(desk, v.id)
    assert (moved.day, moved.start, moved.state) == (NEXT_MONDAY, dt.time(11, 20), rules.BOOKED)
    assert (moved.applicant_id, moved.purpose, moved.note) == (man.id, rules.DOCUMENT, "يحضر صك الإعالة")
    assert page.day == NEXT_MONDAY and page.selected().appointment.id == v.id  # the list followed it
    assert page.focusWidget() is page.table
    assert not page.missed_button.isEnabled()  # his day has not come

    on_the_day = _page(qtbot, desk, now=dt.datetime(2026, 11, 30, 13, 0))
    on_the_day.go(NEXT_MONDAY)
    row = next(i for i, s in enumerate(on_the_day.model.rows) if s.appointment and s.appointment.id == v.id)
    while on_the_day.table.currentIndex().row() != row:  # the other applicant's 09:00 is selected first
        key = Qt.Key.Key_Down if on_the_day.table.currentIndex().row() < row else Qt.Key.Key_Up
        qtbot.keyClick(on_the_day.table, key)
    qtbot.keyClick(on_the_day.table, Qt.Key.Key_M, ALT)  # he did not come
    assert views.get_appointment(desk, v.id).state == rules.MISSED
    assert not on_the_day.move_button.isEnabled()  # a missed booking is not moved


def test_a_time_typed_in_the_booking_dialog_shows_in_the_profiles_digits(qtbot, app, ctx, desk):
    page = _page(qtbot, desk)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    _retype(qtbot, dialog.time.lineEdit(), "10:40")
    assert dialog.time.currentText() == to_arabic_digits("10:40")  # as the listed times: ١٠:٤٠


def test_ctrl_g_goes_to_a_day_typed_and_a_day_not_understood_is_said(qtbot, app, ctx, desk):
    man = register(ctx, 23, first_name="سالم")
    v = booking.book(desk, man.id, NEXT_MONDAY, dt.time(9), rules.DOCUMENT, now=NOW)
    page = _page(qtbot, desk)
    qtbot.keyClick(page.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.go_to
    type_text(qtbot, page.go_to, "31/02/2026")
    qtbot.keyClick(page.go_to, Qt.Key.Key_Return)
    assert page.day == SUNDAY and page.status.text().startswith("الانتقال إلى يوم: ")
    # the problem's numbers in the profile's digits, as every error line says them
    assert not any(ch.isascii() and ch.isdigit() for ch in page.status.text()), page.status.text()
    assert page.go_to.text() == to_arabic_digits("31/02/2026")  # kept, to be corrected
    assert QApplication.focusWidget() is page.go_to
    page.go_to.selectAll()
    type_text(qtbot, page.go_to, "20/06/1448 هـ")  # his day, said in Hijri
    qtbot.keyClick(page.go_to, Qt.Key.Key_Return)
    assert page.day == NEXT_MONDAY and page.selected().appointment.id == v.id
    assert QApplication.focusWidget() is page.table and page.go_to.text() == ""
    assert "المحجوز" in page.status.text()  # the day's line again
    qtbot.keyClick(page.table, Qt.Key.Key_F2)  # and the booking is moved from there
    assert isinstance(page.dialog, MoveDialog) and page.dialog.isVisible()


def test_a_key_that_cannot_act_says_why(qtbot, app, ctx, desk):
    man = register(ctx, 24, first_name="سالم")
    v = booking.book(desk, man.id, NEXT_MONDAY, dt.time(9), rules.DOCUMENT, now=NOW)
    page = _page(qtbot, desk)
    page.go(NEXT_MONDAY)
    assert page.selected().appointment.id == v.id
    qtbot.keyClick(page.table, Qt.Key.Key_M, ALT)  # «did not come» next week: not yet
    assert views.get_appointment(desk, v.id).state == rules.BOOKED
    assert page.status.text() == "لم يحن يوم الموعد بعد: يُسجَّل في يومه"
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # a free time
    assert "المحجوز" in page.status.text()  # moving on: the day's line again
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.status.text() == "يُرجى اختيار وقت محجوز أولًا: هذا الوقت متاح"
