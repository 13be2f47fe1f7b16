"""The Appointments page and the booking dialog, driven from the keyboard: the day's slots with
the free ones, the previous and next day, booking a free time with Enter, a time taken meanwhile
refused under its field, Delete cancelling after a question, Alt+A marking attended, Enter
opening the file; Alt+T in the applicant's file; Ctrl+Shift+T in the main window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.domain import appointments as rules
from ajfar_desk.domain.digits import normalize_digits as normalize
from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.appointments import booking, views
from ajfar_desk.services.store.context import AppContext
from ajfar_desk.ui.appointments.book_dialog import BookDialog
from ajfar_desk.ui.appointments.day_view import AppointmentsView

from ..conftest import pick_code, register, type_text
from .day_page import open_day_page

NOW = dt.datetime(2026, 11, 22, 7, 30)  # a Sunday morning, before the office opens
SUNDAY = NOW.date()
STAFF = {"desk": ("front_desk", "نورة موظفة الاستقبال"), "hind": ("front_desk", "هند العتيبي")}
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def as_(ctx):
    return staff_accounts(ctx, STAFF)


def _page(qtbot, ctx) -> AppointmentsView:
    return open_day_page(qtbot, ctx, NOW)


def _row_of(page, start: dt.time) -> int:
    return next(i for i, s in enumerate(page.model.rows) if s.start == start)


def _go_to_row(qtbot, page, row: int) -> None:
    qtbot.keyClick(page.table, Qt.Key.Key_Home, CTRL)
    for _step in range(row):
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == row



def test_the_times_already_over_today_are_not_shown_as_free(qtbot, app, ctx, as_):
    """At 10:05 the 08:00–09:40 times of today are over: «انقضى», not counted as free."""
    page = AppointmentsView(as_("desk"), now=dt.datetime.combine(SUNDAY, dt.time(10, 5)))
    qtbot.addWidget(page)
    rows = page.model.rows
    labels = [page.model.data(page.model.index(i, 2)).strip("\u200f") for i in range(len(rows))]
    assert labels[:7] == ["انقضى"] * 7 and labels[7:] == ["متاح"] * 11  # 10:20 on
    assert page.status.text() == "المحجوز: ٠ — المتاح: ١١"


def test_the_day_shows_free_slots_and_moves_by_day_from_the_keyboard(qtbot, app, ctx, as_):
    a = register(ctx, 11)
    desk = as_("desk")
    booking.book(desk, a.id, SUNDAY, dt.time(9, 20), rules.INTERVIEW, now=NOW)
    page = _page(qtbot, desk)
    rows = page.model.rows
    assert len(rows) == 18 and [s.start for s in rows if not s.free] == [dt.time(9, 20)]
    assert page.table.currentIndex().row() == _row_of(page, dt.time(9, 20))  # the first booking
    label = page.day_label.text()
    assert "الأحد" in label and "١٤٤٨" in label and "٢٢/١١/٢٠٢٦" in label and "اليوم" in label
    assert page.status.text() == "المحجوز: ١ — المتاح: ١٧"
    cells = [page.model.data(page.model.index(page.table.currentIndex().row(), c)) for c in range(10)]
    assert to_arabic_digits("09:20") in cells[0] and a.full_name in cells[2] and "مقابلة" in cells[5]
    qtbot.keyClick(page.table, Qt.Key.Key_PageDown, CTRL)
    assert page.day == SUNDAY + dt.timedelta(days=1) and "الاثنين" in page.day_label.text()
    assert all(s.free for s in page.model.rows)
    for _step in range(5):  # Tuesday … Friday
        qtbot.keyClick(page.table, Qt.Key.Key_PageDown, CTRL)
    assert page.model.rows == [] and page.status.text() == "المكتب مغلق في هذا اليوم."
    qtbot.keyClick(page.table, Qt.Key.Key_Home, CTRL)
    assert page.day == SUNDAY
    pick_code(qtbot, page.employee, "")  # all employees: the bookings only
    assert [s.start for s in page.model.rows] == [dt.time(9, 20)]


def test_enter_on_a_free_time_books_it_and_a_time_taken_meanwhile_is_refused(qtbot, app, ctx, as_):
    a = register(ctx, 12)
    b = register(ctx, 13, first_name="سالم")
    desk = as_("desk")
    page = _page(qtbot, desk)
    _go_to_row(qtbot, page, _row_of(page, dt.time(10)))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on a free time books it
    dialog = page.dialog
    assert isinstance(dialog, BookDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.applicant)
    assert dialog.time.currentData() == dt.time(10)
    assert dialog.employee.code() == str(desk.user.id)
    type_text(qtbot, dialog.applicant, a.national_id)
    qtbot.keyClick(dialog.applicant, Qt.Key.Key_Return)  # no purpose chosen: named, nothing lost
    assert dialog.isVisible() and dialog.boxes["purpose"].error.isVisible()
    assert dialog.applicant.text() == to_arabic_digits(a.national_id)
    pick_code(qtbot, dialog.purpose, rules.DOCUMENT)
    # meanwhile another desk books the same employee at 10:00
    other = AppContext(desk.store, desk.profile, desk.branch, desk.user)
    booking.book(other, b.id, SUNDAY, dt.time(10), rules.SERVICE, now=NOW)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "موعد في الساعة " + to_arabic_digits("10:00") in dialog.boxes["at"].error.text()
    assert dialog.index_of(dt.time(10)) == -1  # the times left were read again
    dialog.time.setFocus()
    dialog.time.lineEdit().selectAll()
    type_text(qtbot, dialog.time, "10:20")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    booked = [s.appointment for s in page.model.rows if s.appointment]
    assert [(x.start, x.applicant_id, x.purpose) for x in booked] == [
        (dt.time(10), b.id, rules.SERVICE), (dt.time(10, 20), a.id, rules.DOCUMENT)]
    assert page.selected().appointment.start == dt.time(10, 20)
    assert page.focusWidget() is page.table  # back on the list


def test_delete_cancels_after_a_question_alt_a_marks_and_enter_opens_the_file(qtbot, app, ctx, as_, answers):
    a = register(ctx, 14)
    desk = as_("desk")
    first = booking.book(desk, a.id, SUNDAY, dt.time(8), rules.INTERVIEW, now=NOW)
    second = booking.book(desk, a.id, SUNDAY, dt.time(8, 20), rules.SERVICE, now=NOW)
    page = _page(qtbot, desk)
    _go_to_row(qtbot, page, 1)
    answers.replies = [False]  # "no": nothing changes
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert answers.defaults == [False]  # the safe answer is the default
    assert "٠٨:٢٠" in answers.asked[0][1] and a.full_name in answers.asked[0][1]
    assert views.get_appointment(desk, second.id).state == rules.BOOKED
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert views.get_appointment(desk, second.id).state == rules.CANCELLED
    assert page.model.rows[1].free  # the time is free again
    _go_to_row(qtbot, page, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_A, ALT)
    assert views.get_appointment(desk, first.id).state == rules.ATTENDED
    assert "حضر" in page.model.data(page.model.index(0, 7))
    assert not page.cancel_button.isEnabled()  # attended: no longer cancelled
    with qtbot.waitSignal(page.open_applicant) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [a.id]


def test_alt_t_in_the_applicants_file_books_for_them(qtbot, app, ctx, as_, monkeypatch):
    from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

    a = register(ctx, 15)
    desk = as_("desk")
    view = ApplicantFileView(desk, a.id)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    assert not view.next_appointment.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_T, ALT)
    dialog = view.appointment_dialog
    assert isinstance(dialog, BookDialog) and not dialog.boxes["applicant"].isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.purpose)
    pick_code(qtbot, dialog.purpose, rules.INTERVIEW)
    dialog.day.setFocus()
    dialog.day.selectAll()
    type_text(qtbot, dialog.day, "2077-03-07")  # a Sunday, far ahead (the Hijri calendar's last year)
    pick_code(qtbot, dialog.employee, str(booking.employee_by_username(desk, "hind")))
    assert dialog.index_of(dt.time(8)) == 0 and dialog.time.count() == 18  # hind's free day
    assert dialog.time.currentIndex() == 0  # another day: its first free time, not today's
    qtbot.keyClick(dialog.purpose, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    [booked] = views.of_applicant(desk, a.id)
    assert (booked.day, booked.start, booked.employee_name) == (dt.date(2077, 3, 7), dt.time(8), "هند العتيبي")
    assert view.next_appointment.isVisible() and "هند العتيبي" in view.next_appointment.text()


def test_a_day_the_hijri_calendar_does_not_reach_is_refused_and_the_text_kept(qtbot, app, ctx, as_):
    """After 16/11/2077 a day has no Umm al-Qura date: the dialog says so under the day as it is
    typed, keeps the text, books nothing on Enter, and books once the day is corrected; a dialog
    opened on such a day (from the day list) shows it in Gregorian instead of failing."""
    a = register(ctx, 16)
    desk = as_("desk")
    dialog = BookDialog(desk, applicant_id=a.id, applicant_name="محمد", now=NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    pick_code(qtbot, dialog.purpose, rules.INTERVIEW)
    dialog.day.setFocus()
    dialog.day.selectAll()
    type_text(qtbot, dialog.day, "7/1/2080")
    error = dialog.boxes["at"].error
    assert error.isVisible() and "١٦/١١/٢٠٧٧" in error.text() and "١٩٢٤" in error.text()
    assert dialog.time.count() == 0  # no free time on a day that cannot be booked
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    assert dialog.isVisible() and error.isVisible() and "١٦/١١/٢٠٧٧" in error.text()
    assert normalize(dialog.day.text()) == "7/1/2080" and views.of_applicant(desk, a.id) == []
    dialog.day.selectAll()
    type_text(qtbot, dialog.day, "14/11/2077")  # a Sunday, the last one
    assert not error.isVisible() and dialog.time.count() == 18
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert [b.day for b in views.of_applicant(desk, a.id)] == [dt.date(2077, 11, 14)]
    late = BookDialog(desk, applicant_id=a.id, day=dt.date(2080, 1, 7), now=NOW)
    qtbot.addWidget(late)
    assert normalize(late.day.text()) == "07/01/2080" and late.boxes["at"].error.text()
    with pytest.raises(ValidationError, match="٢٠٧٧"):  # the service refuses it as well
        booking.book(desk, a.id, dt.date(2080, 1, 7), dt.time(8), rules.INTERVIEW, now=NOW)


def test_the_main_window_opens_the_page_with_its_key_for_the_desk(qtbot, app, ctx, as_):
    from ajfar_desk.ui.shell.app import build_main_window

    window = build_main_window(as_("desk"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert "appointments" in window.visible_actions()
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
    page = window.tool_pages.get("appointments")
    assert isinstance(page, AppointmentsView) and page.isVisible()
