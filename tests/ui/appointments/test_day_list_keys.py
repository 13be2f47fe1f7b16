"""From the day's appointments (Ctrl+Shift+T) Enter opens the applicant's file, not its edit form,
and the file's keys work at once (Alt+N a new request): the Enter that opened a row used to reach
the main window after the focus had moved to the file's first button («Edit data»), which the
window then pressed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.domain import appointments as rules
from ajfar_desk.services.appointments import booking
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.appointments.book_dialog import BookDialog
from ajfar_desk.ui.appointments.day_view import AppointmentsView
from ajfar_desk.ui.requests.request_form import RequestForm

from ..conftest import register

DAY = dt.date(2030, 3, 3)  # a Sunday, ahead
CTRL, ALT, SHIFT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                    Qt.KeyboardModifier.ShiftModifier)


@pytest.fixture
def desk_window(qtbot, app, ctx):
    from ajfar_desk.ui.shell.app import build_main_window

    desk = staff_accounts(ctx, {"desk": ("front_desk", "نورة العتيبي")})("desk")
    window = build_main_window(desk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _activate(qtbot, window)
    return window


def _activate(qtbot, window) -> None:
    """Shortcuts reach the active window (the offscreen platform may leave none active after a
    page change, where a desktop keeps the window active)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _day_list(qtbot, window) -> AppointmentsView:
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL | SHIFT)
    page = window.tool_pages.get("appointments")
    assert isinstance(page, AppointmentsView) and page.isVisible()
    page.go(DAY)
    assert QApplication.focusWidget() is page.table
    return page


def test_enter_on_a_booking_opens_the_file_and_alt_n_then_starts_a_request(qtbot, desk_window, ctx):
    window = desk_window
    person = register(ctx, 31)
    booking.book(window.ctx, person.id, DAY, dt.time(8), rules.INTERVIEW)
    page = _day_list(qtbot, window)
    assert page.selected().appointment.applicant_id == person.id  # the day's first booking
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.wait(300)  # a button pressed by Enter clicks after its animation (animateClick)
    assert isinstance(window.page, ApplicantFileView), window.page  # not the edit form
    assert not isinstance(window.page, ApplicantForm)
    assert window.page.applicant_id == person.id
    _activate(qtbot, window)
    focused = QApplication.focusWidget()
    assert focused is not None and window.page.isAncestorOf(focused)  # the keyboard is on the file
    qtbot.keyClick(focused, Qt.Key.Key_N, ALT)
    assert isinstance(window.page, RequestForm)  # Alt+N: a new request for them


def test_enter_on_a_free_time_opens_the_booking_dialog_only(qtbot, desk_window, ctx):
    window = desk_window
    register(ctx, 32)
    page = _day_list(qtbot, window)
    assert page.selected().free  # nothing booked: the first free time
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, BookDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.applicant)
    qtbot.wait(300)
    assert dialog.isVisible() and dialog.applicant.text() == ""  # the Enter that opened it typed and pressed nothing
    assert window.page is None or not isinstance(window.page, ApplicantForm)
    qtbot.keyClick(dialog.applicant, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
