"""Typing an expiry date already past in the add and correct document dialogs shows a warning
line naming the date («انتهت صلاحية هذا المستند في 15/08/2023 …»); the focus stays in the
expiry field, Enter still saves, and the document is recorded (for the file)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.digits import normalize_digits
from ajfar_desk.services.applicants import applicants
from ajfar_desk.ui.applicants.document_edit_dialog import EditDocumentDialog
from ajfar_desk.ui.applicants.record_dialogs import DocumentDialog

from ..conftest import register
from .test_document_edit_ui import _file, _lease, _retype

ALT = Qt.KeyboardModifier.AltModifier


def _warning(dialog) -> str:
    return normalize_digits(dialog.expiry_warning.text()) if dialog.expiry_warning.isVisible() else ""


def test_adding_an_expired_document_warns_and_records_it(qtbot, app, ctx):
    person = register(ctx, 91)
    dialog = DocumentDialog(ctx, person.id, kind="lease")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.expiry_date.setFocus()
    qtbot.keyClicks(dialog.expiry_date, "15/08/20")
    assert _warning(dialog) == ""  # a date half typed says nothing yet
    qtbot.keyClicks(dialog.expiry_date, "23")
    assert "انتهت صلاحية هذا المستند" in _warning(dialog) and "15/08/2023" in _warning(dialog)
    assert dialog.focusWidget() is dialog.expiry_date  # the warning takes no focus
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    [doc] = applicants.get(ctx, person.id).documents
    assert doc.expiry_date == dt.date(2023, 8, 15) and doc.expired()


def test_a_date_to_come_says_nothing(qtbot, app, ctx):
    person = register(ctx, 92)
    dialog = DocumentDialog(ctx, person.id, kind="lease")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.expiry_date.setFocus()
    qtbot.keyClicks(dialog.expiry_date, "15/08/2099")
    assert _warning(dialog) == ""


def test_correcting_opens_on_the_warning_and_a_new_date_clears_it(qtbot, window, ctx):
    person = register(ctx, 93)
    _lease(ctx, person.id)  # expired on 31/01/2020
    view = _file(qtbot, window, person.id)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, ALT)
    dialog = view.document_dialog
    assert isinstance(dialog, EditDocumentDialog) and dialog.isVisible()
    assert "31/01/2020" in _warning(dialog)
    assert dialog.focusWidget() is dialog.expiry_date
    _retype(qtbot, dialog.expiry_date, "31/01/2030")
    assert _warning(dialog) == ""
    _retype(qtbot, dialog.expiry_date, "15/08/2023")
    assert "15/08/2023" in _warning(dialog)
    qtbot.keyClick(dialog.expiry_date, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert applicants.get(ctx, person.id).documents[0].expiry_date == dt.date(2023, 8, 15)
