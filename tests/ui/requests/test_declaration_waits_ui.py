"""The «الإقرار…» button of a draft missing documents refuses before its dialog opens: the
page says which documents are missing and puts the keyboard on the documents list (trial 12
printed and recorded a declaration while two required documents were missing)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.services.users import setup
from ajfar_desk.ui.papers.paper_dialogs import DeclarationDialog
from ajfar_desk.ui.requests.request_form import RequestForm
from services.requests.test_program_paths import _draft

STAFF = {"desk": ("front_desk", "نورة موظفة الاستقبال")}


@pytest.fixture
def ctx(store):
    return setup.init_store(store, "alhuda", None, "admin", "password123")


def _press_declaration(qtbot, window, request_id) -> RequestForm:
    window.retranslate()
    window.open_request(request_id)
    form = window.page
    assert isinstance(form, RequestForm)
    button = form.papers.declaration_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    return form


def test_the_declaration_waits_for_the_missing_documents(qtbot, window, ctx):
    desk = staff_accounts(ctx, STAFF)("desk")
    _a, draft = _draft(desk, "volunteering", docs=False)
    form = _press_declaration(qtbot, window, draft.id)
    assert not isinstance(form.papers.dialog, DeclarationDialog) or not form.papers.dialog.isVisible()
    message = form.error.text()
    assert "لا يُصدر الإقرار قبل اكتمال المستندات." in message and "مستندان ناقصان" in message
    assert ctx.profile.document_kind("national_id").name("ar") in message
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.checklist, timeout=2000)
    assert form.tabs.currentIndex() == 0 and form.checklist.currentRow() == 0
    assert form.papers.papers == []  # nothing issued


def test_with_the_documents_the_dialog_opens(qtbot, window, ctx):
    desk = staff_accounts(ctx, STAFF)("desk")
    _a, draft = _draft(desk, "volunteering")
    form = _press_declaration(qtbot, window, draft.id)
    qtbot.waitUntil(lambda: isinstance(form.papers.dialog, DeclarationDialog)
                    and form.papers.dialog.isVisible(), timeout=2000)
    form.papers.dialog.reject()
