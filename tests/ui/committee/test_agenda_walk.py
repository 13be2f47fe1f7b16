"""The secretary walks down the agenda by keyboard: after each decision the board selects the
next request still awaiting one below it, not the first of the agenda (trial 13: after every
decision the selection jumped back to a skipped appeal at the top, and the next Alt+R would
have landed on the wrong request); a decision that cannot be taken on the selected request says
why under the buttons, not only in a tooltip."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.committee import committee
from ajfar_desk.services.requests import appeals, casework
from ajfar_desk.ui.committee.committee_board import CommitteeBoard
from ajfar_desk.ui.committee.decision_dialog import DecisionDialog
from printing.scenario import submitted_request

from ..conftest import type_text
from .test_board_keys import focused_board
from .test_researcher_ui import make_staff, show

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def staff(ctx):
    return make_staff(ctx)


def agenda_of_four(ctx, staff):
    """Four requests the desk sent to the committee, in the agenda's order."""
    staff("desk")
    sent = []
    for first, body in (("فهد", "01111111"), ("سارة", "02222222"), ("منى", "03333333"), ("علي", "04444444")):
        _applicant, request = submitted_request(ctx, first=first, nid_body=body)
        casework.act(ctx, request.id, wf.FORWARD_TO_COMMITTEE)
        sent.append(request.id)
    member = staff("member")
    committee.create_meeting(member, dt.date.today(), ["سعد عضو اللجنة"])
    return member


def selected_row(board) -> int:
    return board.agenda_table.selectionModel().selectedRows()[0].row()


def reject_by_keys(qtbot, board, reason: str) -> None:
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_R, ALT)
    dialog = board.dialog
    assert isinstance(dialog, DecisionDialog) and dialog.isVisible()
    type_text(qtbot, dialog.reason, reason)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible()


def test_after_a_decision_the_next_request_below_is_selected(qtbot, app, ctx, staff):
    member = agenda_of_four(ctx, staff)
    board = focused_board(qtbot, show(qtbot, CommitteeBoard(member)))
    assert selected_row(board) == 0
    # the secretary leaves the first request for later and decides the second
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_Down)
    assert selected_row(board) == 1
    reject_by_keys(qtbot, board, "الدخل يتجاوز حد الاستحقاق")
    assert board.agenda.rows[1].outcome == "reject"
    # on to the third, not back to the first she skipped
    assert selected_row(board) == 2 and not board.item().outcome
    assert QApplication.focusWidget() is board.agenda_table
    focused_board(qtbot, board)
    reject_by_keys(qtbot, board, "لا تنطبق شروط البرنامج")
    assert selected_row(board) == 3
    focused_board(qtbot, board)
    reject_by_keys(qtbot, board, "لا تنطبق شروط البرنامج")
    # the last one decided: back to the one still waiting above
    assert selected_row(board) == 0 and not board.item().outcome


def test_a_blocked_decision_says_why_under_the_buttons(qtbot, app, ctx, staff):
    member = agenda_of_four(ctx, staff)
    first = committee.list_meetings(member)[0]
    request_id = committee.agenda(member, first.id)[0].request_id
    committee.decide(member, first.id, request_id, "reject", reason="الدخل يتجاوز حد الاستحقاق")
    committee.close_meeting(member, first.id)
    desk = staff("desk")
    appeals.lodge(desk, request_id, "لدي مستندات جديدة")
    member = staff("member")
    committee.create_meeting(member, dt.date.today(), ["سعد عضو اللجنة"])
    board = focused_board(qtbot, show(qtbot, CommitteeBoard(member)))
    row = [a.request_id for a in board.agenda.rows].index(request_id)
    board.agenda_table.setCurrentIndex(board.agenda.index(row, 0))
    assert board.item().appeal
    assert not board.decision_buttons["defer"].isEnabled()
    assert board.decision_buttons["approve"].isEnabled()
    # the reason is on the page, under the decisions, not only in the tooltip
    assert board.why.isVisible()
    assert "التظلم" in strip_bidi_controls(board.why.text())  # in the reader's language
