"""The applicant's file by keyboard: Alt keys for its buttons (shown on their tab first), named in
their tooltips and in the shortcuts sheet; a role without the button has no key either."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.i18n import _
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

from ..conftest import register

ALT = Qt.KeyboardModifier.AltModifier


def _file(qtbot, window, applicant_id) -> ApplicantFileView:
    window.open_applicant(applicant_id)
    view = window.page
    assert isinstance(view, ApplicantFileView)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert view.isAncestorOf(QApplication.focusWidget())  # the file has the keyboard
    return view


def test_alt_keys_open_the_files_dialogs_on_their_tab(qtbot, window, ctx):
    person = register(ctx, 71)
    view = _file(qtbot, window, person.id)
    assert "Alt" in view.add_member_button.toolTip() and _("Add member") in view.add_member_button.toolTip()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, ALT)
    assert view.tabs.currentIndex() == 2 and view.member_dialog is not None and view.member_dialog.isVisible()
    qtbot.keyClick(view.member_dialog.name, Qt.Key.Key_Escape)
    assert not view.member_dialog.isVisible()

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, ALT)
    assert view.tabs.currentIndex() == 1 and view.document_dialog.isVisible()
    qtbot.keyClick(view.document_dialog.kind, Qt.Key.Key_Escape)

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, ALT)  # a new request
    assert type(window.page).__name__ == "RequestForm"

    sheet = window.show_shortcuts()
    rows = sheet.rows()
    assert (_("Applicant's file"), "") in rows
    assert any(text == _("Add member") and "M" in key and "Alt" in key for text, key in rows)
    sheet.close()


def test_a_role_that_reads_the_file_has_no_keys_that_change_it(qtbot, window, ctx):
    person = register(ctx, 72)
    staff_accounts(ctx, {"researcher": ("researcher", "خالد الباحث")})("researcher")
    window.retranslate()
    view = _file(qtbot, window, person.id)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, ALT)
    assert view.member_dialog is None and view.tabs.currentIndex() == 0


CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_ctrl_tab_and_ctrl_page_keys_turn_the_files_tabs(qtbot, window, ctx):
    person = register(ctx, 73)
    view = _file(qtbot, window, person.id)
    assert view.tabs.currentIndex() == 0
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, CTRL)
    assert view.tabs.currentIndex() == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    assert view.tabs.currentIndex() == 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, CTRL)
    assert view.tabs.currentIndex() == 0  # round to the first
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert view.tabs.currentIndex() == 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, CTRL)
    assert view.tabs.currentIndex() == 1
    assert window.page is view  # the keys stayed in the file
    rows = dict(window.show_shortcuts().rows())
    assert "Tab" in rows[_("Next tab")] and "PgDown" in rows[_("Next tab")].replace("Page Down", "PgDown")
    assert "Tab" in rows[_("Previous tab")]


def test_tab_goes_round_the_file_in_the_order_seen_never_into_the_bottom_bar(qtbot, window, ctx):
    window.resize(1366, 728)
    person = register(ctx, 74)
    view = _file(qtbot, window, person.id)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, CTRL)  # the documents' tab
    view.edit_button.setFocus()
    expected = [view.edit_button, view.request_button, view.appointment_button, view.tabs.tabBar(),
                view.add_document_button, view.edit_document_button, view.remove_document_button,
                view.documents_table]
    expected = [w for w in expected if w.isEnabled()]
    walked = [QApplication.focusWidget()]
    for _step in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    assert walked == [*expected, expected[0]]  # round the page, back to the first button
    back = [QApplication.focusWidget()]
    for _step in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, SHIFT)
        back.append(QApplication.focusWidget())
    assert back == [expected[0], *reversed(expected)]
    # in Arabic, the top row's buttons are met right to left, as they are read
    xs = [w.mapTo(window, w.rect().center()).x() for w in expected[:3]]
    assert xs == sorted(xs, reverse=True)
