"""Trial 12: a request submitted eight days before opened on the green «قُدِّم الطلب AJF-…
(الحالة: مقدَّم)؛ ارفعه…», read as if it had just been submitted. On opening, the page says
what comes next with no word of an event; the action's own message follows only the action."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.requests import requests
from printing.scenario import submitted_request

ALT = Qt.KeyboardModifier.AltModifier


def test_an_old_submitted_request_opens_on_its_next_step_not_on_an_event(qtbot, window, ctx):
    on = dt.date.today() - dt.timedelta(days=8)
    _applicant, request = submitted_request(ctx, on=on)
    window.open_request(request.id)
    form = window.page
    assert not form.result.isVisible()  # no green «submitted» banner
    text = form.standing.text()
    assert form.standing.isVisible() and "لجنة البحث" in text
    assert "قُدِّم" not in text and request.reference not in text
    # the next step taken on the page (Alt+C): now the page says what it did
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    form.checklist.setFocus()
    qtbot.keyClick(form.checklist, Qt.Key.Key_C, ALT)
    assert requests.get_request(ctx, request.id).status == wf.AWAITING_COMMITTEE
    qtbot.waitUntil(lambda: not form.reload_pending())
    assert form.result.isVisible() and not form.standing.isVisible()
    assert wf.state_label(wf.AWAITING_COMMITTEE) in form.result.message.text()
    # opened again later: where it stands, no event
    window.open_request(request.id)
    again = window.page
    assert not again.result.isVisible() and again.standing.isVisible()
