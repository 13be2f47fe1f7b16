"""Trial 12: Ctrl+Tab and Ctrl+PgDown, listed in F1 as «next tab», did nothing on the request
page; the new employee reached «Timeline» with a dozen Shift+Tabs. Every key the sheet lists for
the request page is bound on it, and the tab keys turn its tabs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from ajfar_desk.ui.common.key_text import key_text
from ajfar_desk.ui.requests.request_form import RequestForm
from ajfar_desk.ui.requests.request_keys import shortcut_rows
from printing.scenario import submitted_request

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _open(qtbot, window, ctx) -> RequestForm:
    _applicant, request = submitted_request(ctx, on=dt.date.today())
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    form.checklist.setFocus()
    return form


def _key(qtbot, window, key, modifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def test_ctrl_tab_and_ctrl_page_keys_turn_the_request_tabs(qtbot, window, ctx):
    form = _open(qtbot, window, ctx)
    assert form.tabs.currentIndex() == 0
    _key(qtbot, window, Qt.Key.Key_Tab, CTRL)
    assert form.tabs.currentWidget() is form.timeline
    assert form.timeline.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is form.timeline
    _key(qtbot, window, Qt.Key.Key_PageDown, CTRL)
    assert form.tabs.currentWidget() is form.eligibility
    _key(qtbot, window, Qt.Key.Key_PageDown, CTRL)  # round to the first
    assert form.tabs.currentIndex() == 0
    _key(qtbot, window, Qt.Key.Key_PageUp, CTRL)
    assert form.tabs.currentWidget() is form.eligibility
    _key(qtbot, window, Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert form.tabs.currentWidget() is form.timeline


def test_every_key_the_sheet_lists_for_the_request_page_is_bound_there(qtbot, window, ctx):
    form = _open(qtbot, window, ctx)
    bound = {key_text(s.key()) for s in [*form.keys.shortcuts.values(), *form.keys.tab_shortcuts.values()]
             if s.isEnabled() and s.parent() is form}
    listed = [key for _what, keys in shortcut_rows() for key in keys.split(" / ")]
    assert listed and all(key in bound for key in listed), set(listed) - bound
    # and each tab key, pressed, turns the tabs
    for sequence in form.keys.tab_shortcuts:
        before = form.tabs.currentIndex()
        seq = QKeySequence(sequence)[0]
        _key(qtbot, window, seq.key(), seq.keyboardModifiers())
        assert form.tabs.currentIndex() != before, sequence


def test_tab_goes_round_the_page_and_never_reaches_sign_out(qtbot, window, ctx):
    """Trial 12: Tab from the page's last button went on to the status bar's «Sign out»."""
    form = _open(qtbot, window, ctx)
    seen = []
    for _ in range(60):
        _key(qtbot, window, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
        focused = QApplication.focusWidget()
        assert focused is not None and form.isAncestorOf(focused), focused
        seen.append(focused)
    assert form.tabs.tabBar() in seen and form.back_button in seen
    assert window.sign_out_button not in seen
    for _ in range(60):  # and backwards
        _key(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
        focused = QApplication.focusWidget()
        assert focused is not None and form.isAncestorOf(focused), focused
