"""Ctrl+E «الملف الحالي» opens the file of the applicant in front of the desk, as F1 says: from her
request page (a new employee pressed it there and got the request again), from her complaint
selected on the complaints page, from her appointment selected on the day's page; on her file it
stays there; the shortcuts sheet (F1) lists the key under the same words."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget

from accounts import staff_accounts
from ajfar_desk.domain import appointments as rules
from ajfar_desk.services.appointments import booking
from ajfar_desk.services.feedback import complaints
from ajfar_desk.services.feedback.complaints import ComplaintInput
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.common.key_text import key_text
from ajfar_desk.ui.requests.request_form import RequestForm

from ..appointments.day_page import open_day_page
from ..conftest import national_id, page_by_keys, register

CTRL = Qt.KeyboardModifier.ControlModifier


def _ctrl_e(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_E, CTRL)


def test_ctrl_e_on_her_request_opens_her_file_and_stays_on_it(qtbot, window, ctx):
    her = register(ctx, 6161)
    draft = requests.create_request(ctx, her.id, "food_aid", "interview", "")
    window.open_request(draft.id)
    assert isinstance(window.page, RequestForm) and window.current_action.isVisible()
    _ctrl_e(qtbot, window)
    assert isinstance(window.page, ApplicantFileView) and window.page.applicant_id == her.id
    assert window.stack.currentWidget() is window.page
    file_page = window.page
    _ctrl_e(qtbot, window)  # on her file: her file still, not opened again
    assert window.page is file_page and window.stack.currentWidget() is file_page


def test_ctrl_e_on_the_complaints_page_opens_the_selected_complainants_file(qtbot, window, ctx):
    her = register(ctx, 6162)
    complaints.record_complaint(ctx, ComplaintInput(
        kind="complaint", channel="interview", category="delay", subject="لم يصلني رد",
        national_id=national_id(6162), contact_name="", contact_phone=""), today=dt.date.today())
    page = page_by_keys(qtbot, window, Qt.Key.Key_K)
    assert page is window.tool_pages["complaints"] and page.selected() is not None
    assert window.current_action.isVisible()  # offered here though no file was open
    _ctrl_e(qtbot, window)
    assert isinstance(window.page, ApplicantFileView) and window.page.applicant_id == her.id
    assert window.stack.currentWidget() is window.page


def test_the_day_page_names_the_applicant_of_the_selected_appointment(qtbot, app, ctx):
    now = dt.datetime(2026, 11, 22, 7, 30)
    desk = staff_accounts(ctx, {"desk": ("front_desk", "نورة موظفة الاستقبال")})("desk")
    her = register(ctx, 6163)
    booking.book(desk, her.id, now.date(), dt.time(8), rules.INTERVIEW, now=now)
    page = open_day_page(qtbot, desk, now)
    qtbot.keyClick(page.table, Qt.Key.Key_Home, CTRL)
    assert page.applicant_in_front() == her.id
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # a free time: nobody's
    assert page.applicant_in_front() is None


def test_f1_lists_ctrl_e_with_the_words_of_the_toolbar(qtbot, window, ctx):
    her = register(ctx, 6164)
    window.open_request(requests.create_request(ctx, her.id, "food_aid", "interview", "").id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    sheet = window.shortcuts_sheet
    qtbot.waitUntil(sheet.isVisible)
    table: QTableWidget = sheet.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())
            if table.item(r, 1) is not None}
    assert window.current_action.text() == "الملف الحالي"
    assert rows.get("الملف الحالي") == key_text("Ctrl+E"), rows
    sheet.close()
