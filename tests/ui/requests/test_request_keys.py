"""The request page by keyboard: its shortcuts (named in the buttons' tooltips), a refusal that
goes once its cause is fixed, the submitted banner saying the real status; the shortcuts sheet."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain import requests as rules
from ajfar_desk.domain import workflow as wf
from ajfar_desk.i18n import _
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.guides.guides import GuidesView
from ajfar_desk.ui.requests.request_form import RequestForm
from ajfar_desk.ui.shell.shortcuts_sheet import ShortcutsSheet

from ..conftest import register
from ..papers.test_papers_ui import draw

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def _press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def _active(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_the_request_page_by_its_keys(qtbot, window, ctx):
    person = register(ctx, 41, category="disability")
    expiry = dt.date.today() + dt.timedelta(days=400)
    applicants.add_document(ctx, person.id, applicants.DocumentInput(
        kind="national_id", number=person.national_id, expiry_date=f"{expiry.day}/{expiry.month}/{expiry.year}"))
    window.new_request(person.id)
    form = window.page
    assert isinstance(form, RequestForm)
    _active(qtbot, window)
    form.program.setFocus()
    while form.program.code() != "disability_support":
        _press(qtbot, window, Qt.Key.Key_Down)
    _press(qtbot, window, Qt.Key.Key_Return, CTRL)  # nothing made yet: what to press first
    assert form.request is None and "Ctrl+S" in form.error.text()
    _press(qtbot, window, Qt.Key.Key_S, CTRL)  # creates the request
    assert form.request is not None and form.request.status == rules.DRAFT
    assert "Ctrl" in form.keys.tooltip(form.submit_button)
    assert "Alt" in form.keys.tooltip(form.back_button) and "Alt" in form.keys.tooltip(form.document_button)

    _press(qtbot, window, Qt.Key.Key_Return, CTRL)  # submit: refused, a document is missing
    assert form.error.isVisible() and form.request.status == rules.DRAFT
    _press(qtbot, window, Qt.Key.Key_D, ALT)  # add the missing document
    dialog = form.document_dialog
    assert dialog.isVisible() and dialog.kind.code() == "disability_report"
    assert dialog.focusWidget() is dialog.kind
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: all(line.state == rules.OK for line in form.request.checklist))
    assert not form.error.isVisible()  # the refusal's cause was fixed: it went

    _active(qtbot, window)
    form.checklist.setFocus()
    _press(qtbot, window, Qt.Key.Key_P, ALT)  # the declaration
    declaration = form.papers.dialog
    assert declaration.isVisible()
    draw(declaration.pad_box.pad, [(30, 90), (90, 50), (160, 100)])
    declaration.language.setFocus()
    qtbot.keyClick(declaration.language, Qt.Key.Key_Return)
    assert not declaration.isVisible()
    form.papers.preview.close()

    _active(qtbot, window)
    form.checklist.setFocus()
    _press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert requests.get_request(ctx, form.request.id).status == rules.SUBMITTED
    text = form.result.message.text()
    assert wf.state_label(rules.SUBMITTED) in text and not form.error.isVisible()

    _press(qtbot, window, Qt.Key.Key_C, ALT)  # send to the committee
    assert requests.get_request(ctx, form.request.id).status == wf.AWAITING_COMMITTEE
    assert wf.state_label(wf.AWAITING_COMMITTEE) in form.result.message.text()

    _press(qtbot, window, Qt.Key.Key_2, ALT)
    assert form.tabs.currentWidget() is form.timeline
    _press(qtbot, window, Qt.Key.Key_B, ALT)
    assert window.page is not form


def test_f1_opens_the_shortcuts_sheet_in_the_current_language(qtbot, window):
    _active(qtbot, window)
    _press(qtbot, window, Qt.Key.Key_F1)
    sheet = window.shortcuts_sheet
    assert isinstance(sheet, ShortcutsSheet) and sheet.isVisible()
    assert "Ctrl" in window.new_action.toolTip() and _("New applicant") in window.new_action.toolTip()
    rows = sheet.rows()
    new = next(key for text, key in rows if text == _("New applicant"))
    assert "N" in new and "Ctrl" in new
    assert any(text == _("Submit the request") and "Ctrl" in key for text, key in rows)
    assert (_("Keyboard shortcuts"), "\u2066F1\u2069") in rows
    qtbot.keyClick(sheet.table, Qt.Key.Key_Escape)
    assert not sheet.isVisible()

    window.language_action.trigger()
    sheet = window.show_shortcuts()
    assert any(text == "New applicant" for text, _key in sheet.rows())
    sheet.guides_button.click()  # the guides from the sheet
    assert not sheet.isVisible() and isinstance(window.stack.currentWidget(), GuidesView)
