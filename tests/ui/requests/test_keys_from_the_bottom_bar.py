"""The request page's keys work while the page is shown, wherever the focus is in the window
(second trial: the focus had gone to the bottom bar's language button and Ctrl+Return, listed in
F1 as «تقديم الطلب», did nothing and said nothing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import submitted_request

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_return_from_the_bottom_bar_is_the_request_pages(qtbot, window, ctx):
    _a, request = submitted_request(ctx, first="منيرة", nid_body="06543219", submit=False)
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.language_button.setFocus()
    assert QApplication.focusWidget() is window.language_button and not form.isAncestorOf(
        window.language_button)
    qtbot.keyClick(window.language_button, Qt.Key.Key_Return, CTRL)
    # the page answered: submitted, or a refusal saying why (never nothing)
    assert form.error.isVisible() or form.result.message.text()
    # a page not shown takes no key: back on the file, Ctrl+Return is not the request's
    qtbot.keyClick(window.language_button, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert window.page is not form
    shown = form.error.text(), form.result.message.text()
    qtbot.keyClick(window.language_button, Qt.Key.Key_Return, CTRL)
    assert (form.error.text(), form.result.message.text()) == shown
