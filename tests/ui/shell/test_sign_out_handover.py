"""Signing out hands the desk over: nothing of the session stays in the window (its pages, their
banners, the search), and the next person types at once: the keys typed before the sign-in
window appears, and until it has the keyboard, reach its user name and password."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from accounts import PASSWORD, staff_accounts
from ajfar_desk.services.feedback import complaints
from ajfar_desk.services.feedback.complaints import ComplaintInput
from ajfar_desk.ui.shell.app import build_main_window, sign_in_or_set_up
from ajfar_desk.ui.shell.sign_in import SignInDialog

from ..conftest import type_text

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
STAFF = {"reem": ("front_desk", "ريم عبدالله الحربي"), "boss": ("manager", "خالد الزهراني")}


def _focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard: what is typed now is lost"
    return widget


def _reems_window(qtbot, ctx):
    as_ = staff_accounts(ctx, STAFF)
    as_("reem")
    complaints.record_complaint(ctx, ComplaintInput(  # late: the page shows a banner
        kind="complaint", channel="phone", category="delay", subject="تأخر الرد",
        contact_name="فهد العتيبي", received_on="1/11/2026"), today=dt.date(2026, 11, 1))
    window = build_main_window(ctx)
    window._offered_drafts = True
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    type_text(qtbot, window.home.search_box, "fahd")
    window.home.run_search()
    page = window.show_tool("complaints")
    assert page.banner.isVisible()
    return window


def test_signing_out_leaves_nothing_of_the_session_in_the_window(qtbot, app, ctx):
    window = _reems_window(qtbot, ctx)
    qtbot.keyClick(_focused(), Qt.Key.Key_Q, CTRL | SHIFT)
    assert ctx.user is None
    assert window.tool_pages == {} and window.page is None
    assert window.stack.currentWidget() is window.signed_out_page
    assert window.home.search_box.text() == "" and window.home.model.rowCount() == 0
    shown = [w for w in window.findChildren(QLabel) if w.isVisible() and w.window() is window]
    assert [w.text() for w in shown if "ريم" in w.text() or "⚠" in w.text()] == []
    assert not window.toolbar.isVisible() and not window.statusBar().isVisible()
    assert not any(a.isEnabled() for a in window.actions())  # no key of the session works


def test_keys_typed_right_after_sign_out_reach_the_sign_in_window(qtbot, app, ctx, store):
    window = _reems_window(qtbot, ctx)
    qtbot.keyClick(_focused(), Qt.Key.Key_Q, CTRL | SHIFT)
    assert _focused() is window.signed_out_page
    type_text(qtbot, _focused(), "bo")  # before the sign-in window exists
    seen = {}

    def next_person():
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, SignInDialog)
            type_text(qtbot, _focused(), "ss")  # shown, not yet given the keyboard
            qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
            qtbot.waitUntil(dialog.isActiveWindow)
            seen["user"] = dialog.username.text()
            seen["window closed"] = not window.isVisible()
            assert _focused() is dialog.password
            type_text(qtbot, _focused(), PASSWORD)
            qtbot.keyClick(_focused(), Qt.Key.Key_Return)
        finally:
            if dialog is not None and dialog.isVisible():  # a failed step must not hang the run
                dialog.reject()

    QTimer.singleShot(0, next_person)
    signed_in = sign_in_or_set_up(store, after=window)
    assert seen == {"user": "boss", "window closed": True}
    assert signed_in is not None and signed_in.user is not None and signed_in.user.username == "boss"
