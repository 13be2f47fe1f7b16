"""The Enquiries page, driven from the keyboard: Alt+N logs one (an error fixed on the way),
typing searches, Alt+L links the request it became; a researcher sees what was referred to
them; the main window opens the page with its key."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.services.enquiries import enquiries
from ajfar_desk.services.enquiries.enquiries import EnquiryInput
from ajfar_desk.ui.enquiries.enquiries_view import EnquiriesView
from ajfar_desk.ui.enquiries.enquiry_dialogs import LinkRequestDialog, NewEnquiryDialog

from ..conftest import pick_code, register, type_text

DAY = dt.date(2026, 12, 1)
STAFF = {
    "desk": ("front_desk", "نورة موظفة الاستقبال"),
    "salma": ("researcher", "سلمى الباحثة"),
    "huda": ("researcher", "هدى الباحثة"),
}


@pytest.fixture
def as_(ctx):
    return staff_accounts(ctx, STAFF)


def _page(qtbot, ctx) -> EnquiriesView:
    page = EnquiriesView(ctx, today=DAY)
    qtbot.addWidget(page)
    page.resize(1300, 640)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # shortcuts reach the active window, as on a real desk
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page



def _log(ctx, **kw):
    kw.setdefault("channel", "phone")
    kw.setdefault("subject", "مواعيد الاستقبال")
    return enquiries.record_enquiry(ctx, EnquiryInput(**kw), today=DAY)


def test_alt_n_logs_an_enquiry_from_the_keyboard_with_an_error_fixed(qtbot, app, ctx, as_):
    desk = as_("desk")
    page = _page(qtbot, desk)
    assert page.model.rows == []
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    dialog = page.dialog
    assert isinstance(dialog, NewEnquiryDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.channel)  # on its first field
    pick_code(qtbot, dialog.channel, "phone")
    type_text(qtbot, dialog.contact_name, "أبو فهد")
    type_text(qtbot, dialog.contact_phone, "123")
    type_text(qtbot, dialog.answer, "يفتح التسجيل أول الشهر")
    qtbot.keyClick(dialog.contact_name, Qt.Key.Key_Return)  # Enter: no subject, a wrong phone
    assert dialog.isVisible()
    assert dialog.boxes["subject"].error.isVisible() and dialog.boxes["contact_phone"].error.isVisible()
    assert dialog.contact_phone.text() == to_arabic_digits("123")  # nothing typed is lost
    dialog.contact_phone.clear()
    type_text(qtbot, dialog.contact_phone, "0551234567")
    type_text(qtbot, dialog.subject, "موعد تسجيل السلال")
    dialog.referred.setFocus()
    qtbot.keyClick(dialog.referred, Qt.Key.Key_Space)
    assert dialog.researcher.isEnabled()
    pick_code(qtbot, dialog.researcher, "huda")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    (row,) = page.model.rows
    assert (row.name, row.subject, row.researcher_name) == ("أبو فهد", "موعد تسجيل السلال", "هدى الباحثة")
    cells = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert "الاتصالات الهاتفية" in cells[2] and "هدى الباحثة" in cells[6]
    assert "٢٠٢٦" in cells[1]  # the association's digits


def test_typing_searches_and_alt_l_links_the_request(qtbot, app, ctx, as_):
    from printing.scenario import submitted_request

    request = submitted_request(ctx, first="فاطمة", nid_body="02345678")[1]
    desk = as_("desk")
    _log(desk, contact_name="عبدالله أحمد", subject="السلة الغذائية")
    _log(desk, contact_name="إيمان", subject="الدورات التدريبية", channel="website")
    page = _page(qtbot, desk)
    assert len(page.model.rows) == 2
    type_text(qtbot, page.search, "ايمان")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # at once, and the list takes the focus
    assert [v.name for v in page.model.rows] == ["إيمان"]
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    dialog = page.dialog
    assert isinstance(dialog, LinkRequestDialog)
    type_text(qtbot, dialog.reference, "AJF-0000-000000")
    qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.boxes["request_reference"].error.isVisible()
    dialog.reference.clear()
    type_text(qtbot, dialog.reference, request.reference)
    qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert page.model.rows[0].request_reference == request.reference
    with qtbot.waitSignal(page.open_request) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the request it became
    assert opened.args == [request.id]
    pick_code(qtbot, page.channel, "website")
    page.search.clear()
    page.reload()
    assert [v.channel for v in page.model.rows] == ["website"]


def test_a_researcher_sees_only_what_was_referred_to_them(qtbot, app, ctx, as_):
    desk = as_("desk")
    _log(desk, contact_name="أحمد", subject="لهدى", referred=True, researcher="huda")
    _log(desk, contact_name="محمد", subject="لسلمى", referred=True, researcher="salma")
    _log(desk, contact_name="علي", subject="أجيب في المكتب")
    salma = as_("salma")
    page = _page(qtbot, salma)
    assert [v.subject for v in page.model.rows] == ["لسلمى"]
    assert not page.new_button.isVisible() and not page.link_button.isVisible()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert page.dialog is None
    assert page.title.text() == "الاستفسارات المحالة إليّ"


def test_the_main_window_opens_the_page_with_its_key(qtbot, app, ctx, as_, window):
    register(ctx, 7)
    assert "enquiries" in window.visible_actions()
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    page = window.stack.currentWidget()
    assert isinstance(page, EnquiriesView)
    assert QApplication.focusWidget() is page.search
