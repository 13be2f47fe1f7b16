"""The committee board by keyboard: Alt keys press its buttons (F1 lists them), Tab goes from
the agenda to its decisions, and the meeting form ticks the committee's members with Space."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.committee import committee
from ajfar_desk.ui.committee.committee_board import CommitteeBoard
from ajfar_desk.ui.committee.decision_dialog import DecisionDialog
from ajfar_desk.ui.committee.meeting_dialog import MeetingDialog
from ajfar_desk.ui.shell.shortcuts_sheet import ShortcutsSheet

from ..conftest import type_text
from .test_committee_ui import awaiting
from .test_researcher_ui import make_staff, show

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def staff(ctx):
    return make_staff(ctx)


def focused_board(qtbot, board, target=None):
    """The page active, the focus in ``target`` (the board's agenda unless said)."""
    board.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is board)
    (target or board.agenda_table).setFocus()
    return board


def test_alt_keys_and_tab_on_the_board(qtbot, app, ctx, staff):
    awaiting(ctx, staff)
    member = staff("member")
    committee.create_meeting(member, dt.date.today(), ["سعد عضو اللجنة"])
    board = focused_board(qtbot, show(qtbot, CommitteeBoard(member)))
    # Tab: from the agenda straight to its first decision, then the next ones
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is board.decision_buttons["approve"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is board.decision_buttons["reject"]
    for key, outcome in ((Qt.Key.Key_A, "approve"), (Qt.Key.Key_R, "reject"),
                         (Qt.Key.Key_I, "more_info"), (Qt.Key.Key_D, "defer")):
        focused_board(qtbot, board)
        qtbot.keyClick(board.agenda_table, key, ALT)
        dialog = board.dialog
        assert isinstance(dialog, DecisionDialog) and dialog.outcome == outcome and dialog.isVisible()
        dialog.reject()
    assert "Alt" in strip_bidi_controls(board.minutes_button.toolTip())
    # F1 lists the board's keys under "This page"
    sheet = ShortcutsSheet([], None, board, board.actions())
    qtbot.addWidget(sheet)
    keys = {strip_bidi_controls(sheet.table.item(r, 1).text()) for r in range(sheet.table.rowCount())
            if sheet.table.item(r, 1) is not None}
    assert {"Alt+N", "Alt+C", "Alt+P", "Alt+A", "Alt+R", "Alt+I", "Alt+D"} <= keys
    # Alt+1: the meetings list; Alt+2: back to the agenda
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_1, ALT)
    assert QApplication.focusWidget() is board.meeting_table
    qtbot.keyClick(board.meeting_table, Qt.Key.Key_2, ALT)
    assert QApplication.focusWidget() is board.agenda_table


def test_a_manager_has_no_decision_keys(qtbot, app, ctx, staff):
    awaiting(ctx, staff)
    committee.create_meeting(staff("member"), dt.date.today(), ["سعد عضو اللجنة"])
    board = focused_board(qtbot, show(qtbot, CommitteeBoard(staff("boss"))))
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_A, ALT)
    assert board.dialog is None
    assert not board.key_actions["approve"].isEnabled() and board.key_actions["new_button"].isEnabled()


def test_the_meeting_form_ticks_members_and_records_the_chair(qtbot, app, ctx, staff):
    awaiting(ctx, staff)
    member = staff("member")
    board = focused_board(qtbot, show(qtbot, CommitteeBoard(member)))
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_N, ALT)
    dialog = board.dialog
    assert isinstance(dialog, MeetingDialog) and dialog.isVisible()
    names = [dialog.ticks.item(i).text() for i in range(dialog.ticks.count())]
    assert names == ["سعد عضو اللجنة"]  # the accounts with the committee's role, no one else
    assert dialog.ticked() == ["سعد عضو اللجنة"]  # the one opening it
    dialog.ticks.setFocus()
    qtbot.keyClick(dialog.ticks, Qt.Key.Key_Space)  # untick
    assert dialog.ticked() == []
    qtbot.keyClick(dialog.ticks, Qt.Key.Key_Space)  # tick again
    assert dialog.ticked() == ["سعد عضو اللجنة"]
    dialog.chair.setFocus()
    qtbot.keyClick(dialog.chair, Qt.Key.Key_Down)  # the first member in the chair's list
    assert dialog.chair.currentText() == "سعد عضو اللجنة"
    qtbot.keyClick(dialog.held_on, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    (meeting,) = committee.list_meetings(member)
    assert meeting.chair == "سعد عضو اللجنة" and meeting.members == ("سعد عضو اللجنة",)
    assert "سعد عضو اللجنة" in strip_bidi_controls(board.agenda_info.text())


def test_closing_a_meeting_with_no_chair_asks_who_chaired(qtbot, app, ctx, staff, answers):
    """Trial 10: a meeting opened with nobody in the chair closed without a word, and its minutes
    left the chair's line blank."""
    awaiting(ctx, staff)
    member = staff("member")
    meeting = committee.create_meeting(member, dt.date.today(), ["سعد عضو اللجنة", "هيفاء الشهري"],
                                       chair="")
    board = focused_board(qtbot, show(qtbot, CommitteeBoard(member)))
    answers.choices = [None]  # Cancel: nothing closed
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_C, ALT)
    assert answers.offered == [["", "سعد عضو اللجنة", "هيفاء الشهري"]]  # none, or one who sat
    assert committee.list_meetings(member)[0].status == committee.OPEN
    answers.choices = ["هيفاء الشهري"]
    focused_board(qtbot, board)
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_C, ALT)
    (closed,) = [m for m in committee.list_meetings(member) if m.id == meeting.id]
    assert closed.status == committee.CLOSED and closed.chair == "هيفاء الشهري"
    assert closed.others == ("سعد عضو اللجنة",)


def test_a_chair_recorded_at_the_opening_is_not_asked_again(qtbot, app, ctx, staff, answers):
    awaiting(ctx, staff)
    member = staff("member")
    committee.create_meeting(member, dt.date.today(), ["سعد عضو اللجنة"], chair="سعد عضو اللجنة")
    board = focused_board(qtbot, show(qtbot, CommitteeBoard(member)))
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_C, ALT)
    assert answers.offered == [] and committee.list_meetings(member)[0].status == committee.CLOSED


def test_an_appeal_on_the_agenda_is_approved_or_rejected_by_keyboard(qtbot, app, ctx, staff):
    """Trial 11: an appeal of the committee's rejection joined the next meeting's agenda, but
    the board said «no longer awaiting the committee» and no key decided it."""
    from ajfar_desk.domain import workflow as wf
    from ajfar_desk.services.requests import appeals, requests

    _studied, direct = awaiting(ctx, staff)
    member = staff("member")
    first = committee.create_meeting(member, dt.date.today(), ["سعد عضو اللجنة"])
    committee.decide(member, first.id, direct.id, "reject", reason="الدخل يتجاوز الحد")
    committee.close_meeting(member, first.id)
    appeals.lodge(staff("desk"), direct.id, "تغيّر دخل الأسرة")
    member = staff("member")
    committee.create_meeting(member, dt.date.today(), ["سعد عضو اللجنة"])
    board = focused_board(qtbot, show(qtbot, CommitteeBoard(member)))
    rows = [a.request_id for a in board.agenda.rows]
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_Home)
    for _ in range(rows.index(direct.id)):
        qtbot.keyClick(board.agenda_table, Qt.Key.Key_Down)
    assert board.item().request_id == direct.id and board.item().appeal
    assert board.decision_buttons["approve"].isEnabled()
    assert board.decision_buttons["reject"].isEnabled()
    assert not board.decision_buttons["defer"].isEnabled()  # the rules: never postponed
    assert board.decision_buttons["defer"].toolTip()
    # under the buttons, what an appeal takes (trial 13), never «no longer awaiting» (trial 11)
    assert board.why.isVisible() and "التظلم" in board.why.text() and "ليس بانتظار" not in board.why.text()
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_A, ALT)
    dialog = board.dialog
    assert isinstance(dialog, DecisionDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.service.hasFocus, timeout=2000)
    type_text(qtbot, dialog.service, "إعانة شهرية")
    qtbot.keyClick(dialog.service, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert requests.get_request(member, direct.id).status == wf.APPROVED
