"""The papers panel gives the selected paper in the other language: a new revision in that
language (or the one already issued), never the old one reprinted in its own language."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt

from accounts import staff_accounts
from ajfar_desk.services.papers import documents
from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import submitted_request


def press(qtbot, button) -> None:
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_the_selected_paper_in_the_other_language(qtbot, window, ctx):
    _a, request = submitted_request(ctx)  # its declaration D1, in Arabic, signed by hand
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    panel = form.papers
    assert panel.list.count() == 1 and "بالعربية" in panel.list.item(0).text()
    button = panel.other_language_button
    assert button.isVisible() and button.isEnabled() and "الإنجليزية" in button.text()

    press(qtbot, button)
    english = documents.latest(ctx, request.id, "declaration")
    assert (english.number, english.lang) == (f"{request.reference}-D2", "en")
    preview = panel.preview
    assert preview.isVisible()
    assert "Declaration" in PdfReader(io.BytesIO(preview.pdf_bytes)).metadata["/Title"]
    preview.close()
    qtbot.waitUntil(lambda: panel.list.count() == 2)
    assert "بالإنجليزية" in panel.list.item(1).text()
    assert panel.selected().number == english.number and "العربية" in button.text()

    # the first paper again, in English: the one issued, not another revision
    panel.list.setCurrentRow(0)
    press(qtbot, button)
    assert panel.preview.isVisible()
    assert len(documents.list_documents(ctx, request.id)) == 2
    panel.preview.close()


def test_a_role_that_only_reads_papers_has_no_such_button(qtbot, window, ctx):
    _a, request = submitted_request(ctx)
    window.open_request(request.id)
    panel = window.page.papers
    as_ = staff_accounts(ctx, {"r": ("researcher", "باحث اجتماعي")})
    as_("r")  # a stored account: every operation reads its role from the store
    panel.reload()
    assert not panel.other_language_button.isVisible()


def test_the_users_list_says_which_account_has_no_full_name(qtbot, window, ctx):
    from ajfar_desk.services.users import users
    from ajfar_desk.ui.users.users_view import UsersView

    users.create_user(ctx, "huda", "هدى الباحثة", "researcher", "password123")
    window.users_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, UsersView)
    names = {u.username: view.model.index(row, 1).data().lstrip("\u200f")
             for row, u in enumerate(view.model.rows)}
    assert names == {"admin": "لا يوجد: تُطبع الأوراق باسم المستخدم", "huda": "هدى الباحثة"}
