"""Leaving the request page with something typed and not saved asks first (trial 9, shot 75);
with nothing unsaved it goes at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import submitted_request

from ..conftest import type_text


def test_typed_and_not_saved_asks_before_leaving(qtbot, window, ctx, answers):
    _a, request = submitted_request(ctx, submit=False)
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    qtbot.keyClick(form, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # nothing typed: goes
    assert not answers.asked and window.page is not form
    window.open_request(request.id)
    form = window.page
    form.description.setFocus()
    type_text(qtbot, form.description, " مع إيجار شهرين")
    answers.replies = [False]  # stay
    qtbot.keyClick(form.description, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert len(answers.asked) == 1 and answers.defaults == [False]  # Enter keeps the text
    assert window.page is form and "إيجار شهرين" in form.description.toPlainText()
    qtbot.keyClick(form.description, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # saved
    qtbot.keyClick(form.description, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert len(answers.asked) == 1 and window.page is not form
