"""Under each date of the household member and document dialogs, as the employee types, a line
says how the program reads it — Hijri and Gregorian, in the profile's digits — or, when it cannot,
why, naming the field; what was typed stays as it was (the registration form's birth line, one
widget: ``birth_readout``)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.users import setup
from ajfar_desk.ui.applicants.document_edit_dialog import EditDocumentDialog
from ajfar_desk.ui.applicants.record_dialogs import DocumentDialog, MemberDialog

from ..conftest import pick_code, register
from .test_document_edit_ui import _file, _lease, _retype

ALT = Qt.KeyboardModifier.AltModifier


def _open_document_dialog(qtbot, window, ctx, seed: int) -> DocumentDialog:
    person = register(ctx, seed)
    _file(qtbot, window, person.id)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, ALT)
    dialog = window.page.document_dialog
    assert isinstance(dialog, DocumentDialog) and dialog.isVisible()
    return dialog


def test_a_documents_dates_read_back_in_both_calendars_as_typed(qtbot, window, ctx):
    dialog = _open_document_dialog(qtbot, window, ctx, 4401)
    assert dialog.issue_readout.text() == "" and dialog.expiry_readout.text() == ""
    dialog.issue_date.setFocus()
    qtbot.keyClicks(dialog.issue_date, "1/7/1445")  # Hijri: 13 January 2024
    issue = dialog.issue_readout.text()
    assert issue.startswith("يُقرأ:")
    assert to_arabic_digits("1445") in issue and to_arabic_digits("2024") in issue
    assert "2024" not in issue  # the profile's Arabic-Indic digits
    qtbot.keyClick(dialog.issue_date, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.expiry_date
    qtbot.keyClicks(dialog.expiry_date, "15/3/2031")  # Gregorian, read in Hijri beside it
    expiry = dialog.expiry_readout.text()
    assert to_arabic_digits("2031") in expiry and to_arabic_digits("1452") in expiry
    assert dialog.issue_readout.text() == issue  # each line follows its own field


def test_a_date_it_cannot_read_is_said_under_its_field_naming_it_and_kept(qtbot, window, ctx):
    dialog = _open_document_dialog(qtbot, window, ctx, 4402)
    pick_code(qtbot, dialog.kind, "lease")
    dialog.expiry_date.setFocus()
    qtbot.keyClicks(dialog.expiry_date, "31/13/2030")  # no 13th month
    said = dialog.expiry_readout.text()
    assert said.startswith("تاريخ الانتهاء:") and "الشهر" in said
    assert to_arabic_digits("2030") not in said and "يُقرأ" not in said
    assert dialog.issue_readout.text() == ""  # nothing typed there, nothing said
    assert dialog.focusWidget() is dialog.expiry_date  # the line takes no focus
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.boxes["expiry_date"].error.isVisible()
    assert dialog.expiry_date.text() == to_arabic_digits("31/13/2030")  # nothing typed is lost
    dialog.issue_date.setFocus()
    qtbot.keyClicks(dialog.issue_date, "5/5")  # half typed: says how to write it
    assert dialog.issue_readout.text().startswith("تاريخ الإصدار:")
    _retype(qtbot, dialog.expiry_date, "31/12/2030")
    assert dialog.expiry_readout.text().startswith("يُقرأ:")
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Escape)


def test_correcting_a_document_opens_with_its_dates_read(qtbot, window, ctx):
    person = register(ctx, 4403)
    _lease(ctx, person.id)  # issued 01/02/2019, expired 31/01/2020
    view = _file(qtbot, window, person.id)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, ALT)
    dialog = view.document_dialog
    assert isinstance(dialog, EditDocumentDialog) and dialog.isVisible()
    assert to_arabic_digits("2019") in dialog.issue_readout.text()
    assert to_arabic_digits("2020") in dialog.expiry_readout.text()
    qtbot.keyClicks(dialog.expiry_date, "1/6/1452")  # replaces the selected stored date
    assert to_arabic_digits("1452") in dialog.expiry_readout.text()
    assert to_arabic_digits("2030") in dialog.expiry_readout.text()
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    [doc] = applicants.get(ctx, person.id).documents
    assert doc.expiry_date.year == 2030  # read as the line said


def test_the_members_birth_date_that_cannot_be_read_names_its_field(qtbot, app, ctx):
    person = register(ctx, 4404)
    dialog = MemberDialog(ctx, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.birth_date.setFocus()
    qtbot.keyClicks(dialog.birth_date, "1/1/2099")
    said = dialog.birth_preview.text()
    assert said.startswith("تاريخ الميلاد:") and "المستقبل" in said
    assert dialog.birth_date.text() == to_arabic_digits("1/1/2099")


@pytest.fixture
def western_ctx(store):
    return setup.init_store(store, "aman", None, "admin", "password123")  # Western digits


def test_the_lines_follow_the_profiles_western_digits(qtbot, app, western_ctx):
    person = register(western_ctx, 4405)
    dialog = DocumentDialog(western_ctx, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.expiry_date.setFocus()
    qtbot.keyClicks(dialog.expiry_date, "1/7/1445")
    said = dialog.expiry_readout.text()
    assert "1445" in said and "2024" in said and to_arabic_digits("2024") not in said
    assert dt.date(2024, 1, 13).strftime("%d/%m/%Y") in said.replace("\u2068", "").replace("\u2069", "")
