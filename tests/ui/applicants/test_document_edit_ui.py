"""A document typed wrong is corrected from the applicant's file by keyboard: Alt+C (or Enter on
the document's row) opens it on its expiry date, a wrong date is said under its field, Enter
saves, the table and the request's checklist follow; another desk's correction meanwhile is
shown beside this one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.domain.digits import normalize_digits
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.document_edit import DocumentEdit, edit_document
from ajfar_desk.services.store.context import AppContext
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.applicants.conflict_dialog import ConflictDialog
from ajfar_desk.ui.applicants.document_edit_dialog import EditDocumentDialog

from ..conftest import register

ALT = Qt.KeyboardModifier.AltModifier


def _file(qtbot, window, applicant_id) -> ApplicantFileView:
    window.open_applicant(applicant_id)
    view = window.page
    assert isinstance(view, ApplicantFileView)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return view


def _lease(ctx, applicant_id, expiry="31/01/2020"):
    return applicants.add_document(ctx, applicant_id, applicants.DocumentInput(
        kind="lease", number="L-77", issue_date="01/02/2019", expiry_date=expiry))


def _retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def _shown_expiry(view) -> str:
    return normalize_digits(view.documents_model.index(0, 3).data())


def test_alt_c_corrects_a_mistyped_expiry_date(qtbot, window, ctx):
    person = register(ctx, 81)
    _lease(ctx, person.id)
    view = _file(qtbot, window, person.id)
    assert "2020" in _shown_expiry(view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, ALT)
    dialog = view.document_dialog
    assert isinstance(dialog, EditDocumentDialog) and dialog.isVisible()
    assert view.tabs.currentIndex() == 1
    # it opens on the expiry date, its stored value selected: typing replaces it
    assert dialog.focusWidget() is dialog.expiry_date
    assert normalize_digits(dialog.expiry_date.text()) == "31/01/2020"
    assert dialog.expiry_date.selectedText() == dialog.expiry_date.text()
    qtbot.keyClicks(dialog.expiry_date, "31/13/2030")  # a month that is not
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.boxes["expiry_date"].error.isVisible()
    assert not dialog.boxes["issue_date"].error.isVisible()
    assert applicants.get(ctx, person.id).documents[0].expiry_date == dt.date(2020, 1, 31)

    _retype(qtbot, dialog.expiry_date, "31/01/2030")
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert applicants.get(ctx, person.id).documents[0].expiry_date == dt.date(2030, 1, 31)
    assert "2030" in _shown_expiry(view)  # the file refreshed itself


def test_enter_on_the_documents_row_opens_it_and_esc_asks_before_losing_a_typed_date(
        qtbot, window, ctx, answers):
    person = register(ctx, 82)
    _lease(ctx, person.id)
    view = _file(qtbot, window, person.id)
    view.tabs.setCurrentIndex(1)
    view.documents_table.setFocus()
    qtbot.keyClick(view.documents_table, Qt.Key.Key_Return)
    dialog = view.document_dialog
    assert isinstance(dialog, EditDocumentDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.expiry_date, "01/01/2031")
    answers.replies.append(False)  # keep it open
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Escape)
    assert len(answers.asked) == 1 and dialog.isVisible()


def test_another_desks_correction_of_the_same_date_is_shown_to_choose(qtbot, window, ctx):
    person = register(ctx, 83)
    doc = _lease(ctx, person.id)
    view = _file(qtbot, window, person.id)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, ALT)
    dialog = view.document_dialog
    other = AppContext(ctx.store, ctx.profile, ctx.branch, ctx.user)
    edit_document(other, doc.id, DocumentEdit("L-77", "01/02/2019", "30/06/2029"), base=doc)
    qtbot.keyClicks(dialog.expiry_date, "31/01/2030")
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Return)
    conflict = dialog.conflict_dialog
    assert isinstance(conflict, ConflictDialog) and conflict.isVisible()
    assert applicants.get(ctx, person.id).documents[0].expiry_date == dt.date(2029, 6, 30)
    qtbot.keyClick(conflict.focusWidget(), Qt.Key.Key_Return)  # keep mine, the default
    assert applicants.get(ctx, person.id).documents[0].expiry_date == dt.date(2030, 1, 31)
    assert not dialog.isVisible()


def test_a_role_that_reads_the_file_cannot_correct_it(qtbot, window, ctx):
    person = register(ctx, 84)
    _lease(ctx, person.id)
    staff_accounts(ctx, {"researcher": ("researcher", "خالد الباحث")})("researcher")
    window.retranslate()
    view = _file(qtbot, window, person.id)
    assert not view.edit_document_button.isVisible()
    view.tabs.setCurrentIndex(1)
    view.documents_table.setFocus()
    qtbot.keyClick(view.documents_table, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, ALT)
    assert view.document_dialog is None


def test_an_expiry_year_alone_is_said_under_its_field_as_it_is_typed(qtbot, window, ctx):
    """«1450» from an applicant who remembers only the year: the line under the field says to
    type the day and month from the card (in her year) as it is typed; Enter keeps the dialog
    open and the text; the day and month typed, Enter saves."""
    person = register(ctx, 83)
    _lease(ctx, person.id)
    view = _file(qtbot, window, person.id)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, ALT)
    dialog = view.document_dialog
    qtbot.keyClicks(dialog.expiry_date, "1450")
    assert "اليوم والشهر" in dialog.expiry_readout.text()
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Return)
    assert dialog.isVisible() and "اليوم والشهر" in dialog.boxes["expiry_date"].error.text()
    assert normalize_digits(dialog.expiry_date.text()) == "1450"
    _retype(qtbot, dialog.expiry_date, "15/06/1450")
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert applicants.get(ctx, person.id).documents[0].expiry_date.year == 2028
