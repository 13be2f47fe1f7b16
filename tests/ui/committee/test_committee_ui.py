"""The research committee's board: a meeting opened, its agenda filling itself, decisions taken
(errors under the fields), the meeting closed; a manager watches but cannot decide."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.digits import normalize_digits, to_arabic_digits
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.committee import committee, study
from ajfar_desk.services.committee.study import StudyInput
from ajfar_desk.services.requests import casework, requests
from ajfar_desk.ui.committee.committee_board import CommitteeBoard
from ajfar_desk.ui.committee.decision_dialog import DecisionDialog
from ajfar_desk.ui.committee.meeting_dialog import MeetingDialog
from ajfar_desk.ui.committee.study_dialog import StudyDialog
from printing.scenario import submitted_request

from ..conftest import type_text
from .test_researcher_ui import click_row, make_staff, referred, show


@pytest.fixture
def staff(ctx):
    return make_staff(ctx)


def awaiting(ctx, staff):
    """Two requests awaiting the committee: one studied by the researcher, one sent by the desk."""
    studied = referred(ctx, staff, "عبدالرحمن", "01234567")
    staff("researcher")
    study.save_study(ctx, studied.id, StudyInput(household="أسرة من خمسة أفراد", housing="rented",
                                                   recommendation="support"))
    casework.act(ctx, studied.id, wf.FORWARD_TO_COMMITTEE)
    staff("desk")
    _a, direct = submitted_request(ctx, first="فهد", nid_body="07654321")
    casework.act(ctx, direct.id, wf.FORWARD_TO_COMMITTEE)
    return studied, direct


def row_of(board, request_id) -> int:
    return [a.request_id for a in board.agenda.rows].index(request_id)


def shown(text: str) -> str:
    return normalize_digits(strip_bidi_controls(text))


def test_a_meeting_decides_its_agenda_and_is_closed(qtbot, app, ctx, staff, answers):
    studied, direct = awaiting(ctx, staff)
    member = staff("member")
    board = show(qtbot, CommitteeBoard(member))
    assert board.meetings.rows == [] and board.agenda.rows == []
    assert not any(b.isEnabled() for b in board.decision_buttons.values())

    # A new meeting: the date is today by default; a wrong number is refused under its field.
    qtbot.mouseClick(board.new_button, Qt.MouseButton.LeftButton)
    dialog = board.dialog
    assert isinstance(dialog, MeetingDialog) and dialog.isVisible()
    # the committee's members are offered to tick (the one opening it ticked), nobody chairs yet
    assert dialog.held_on.text() and dialog.ticked() == ["سعد عضو اللجنة"]
    assert dialog.members.toPlainText() == "" and dialog.chair.currentText() == ""
    dialog.held_on.clear()
    type_text(qtbot, dialog.held_on, "30/13/1448")
    type_text(qtbot, dialog.number, "x")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.boxes["held_on"].error.isVisible()
    assert dialog.boxes["number"].error.isVisible() and dialog.held_on.text() == to_arabic_digits("30/13/1448")
    dialog.held_on.clear()
    dialog.number.clear()
    today = dt.date.today()
    type_text(qtbot, dialog.held_on, f"{today.day}/{today.month}/{today.year}")
    dialog.members.moveCursor(dialog.members.textCursor().MoveOperation.End)
    for name in ("فهد العتيبي", "منيرة القحطاني"):  # outsiders, typed one per line
        qtbot.keyClick(dialog.members, Qt.Key.Key_Return)
        type_text(qtbot, dialog.members, name)
    type_text(qtbot, dialog.chair.lineEdit(), "منيرة القحطاني")  # she chairs (typed: an outsider)
    qtbot.keyClick(dialog.held_on, Qt.Key.Key_Return)  # Enter: the default button
    assert not dialog.isVisible()
    (meeting,) = committee.list_meetings(member)
    assert meeting.number == 1 and meeting.held_on == today and len(meeting.members) == 3
    assert meeting.chair == "منيرة القحطاني" and meeting.others == ("سعد عضو اللجنة", "فهد العتيبي")
    assert [m.id for m in board.meetings.rows] == [meeting.id] and board.meeting().id == meeting.id

    # The agenda filled itself; the first undecided request is selected.
    assert {a.request_id for a in board.agenda.rows} == {studied.id, direct.id}
    assert board.item() is not None and all(b.isEnabled() for b in board.decision_buttons.values())

    # Read the study (read-only), then approve with the service and the amount.
    click_row(qtbot, board.agenda_table, row_of(board, studied.id))
    qtbot.mouseClick(board.study_button, Qt.MouseButton.LeftButton)
    reading = board.dialog
    assert isinstance(reading, StudyDialog) and reading.read_only
    assert reading.household.toPlainText() == "أسرة من خمسة أفراد"
    reading.close()
    qtbot.mouseClick(board.decision_buttons["approve"], Qt.MouseButton.LeftButton)
    decision = board.dialog
    assert isinstance(decision, DecisionDialog) and decision.isVisible()
    qtbot.mouseClick(decision.ok_button, Qt.MouseButton.LeftButton)
    assert decision.isVisible() and decision.boxes["service"].error.isVisible()
    type_text(qtbot, decision.service, "سلة غذائية شهرية")
    type_text(qtbot, decision.amount, "1,500")
    qtbot.mouseClick(decision.ok_button, Qt.MouseButton.LeftButton)
    assert not decision.isVisible()
    assert requests.get_request(member, studied.id).status == wf.APPROVED
    approved = board.agenda.rows[row_of(board, studied.id)]
    assert approved.outcome == "approve" and str(approved.amount) == "1500.00"
    text = shown(board.agenda.index(row_of(board, studied.id), 4).data())
    assert "1,500.00" in shown(text.replace("٬", ","))  # the amount in the cell, whole
    assert board.meetings.rows[0].decisions == 1

    # The undecided one is selected next; already-decided rows cannot be decided again.
    assert board.item().request_id == direct.id
    click_row(qtbot, board.agenda_table, row_of(board, studied.id))
    assert not board.decision_buttons["reject"].isEnabled() and board.why.isVisible()
    assert "سلة غذائية شهرية" in shown(board.detail.text())  # the service under the agenda
    click_row(qtbot, board.agenda_table, row_of(board, direct.id))
    assert not board.study_button.isEnabled()  # no study for this one

    # Reject: a reason is required.
    qtbot.mouseClick(board.decision_buttons["reject"], Qt.MouseButton.LeftButton)
    decision = board.dialog
    qtbot.mouseClick(decision.ok_button, Qt.MouseButton.LeftButton)
    assert decision.isVisible() and decision.boxes["reason"].error.isVisible()
    assert requests.get_request(member, direct.id).status == wf.AWAITING_COMMITTEE
    type_text(qtbot, decision.reason, "الدخل يتجاوز حد الاستحقاق")
    qtbot.mouseClick(decision.ok_button, Qt.MouseButton.LeftButton)
    assert not decision.isVisible()
    assert requests.get_request(member, direct.id).status == wf.REJECTED
    assert "الدخل يتجاوز حد الاستحقاق" in board.agenda.index(row_of(board, direct.id), 4).data()

    # Close the meeting (asked first): nothing more can be decided in it.
    qtbot.mouseClick(board.close_button, Qt.MouseButton.LeftButton)
    assert answers.asked
    assert committee.get_meeting(member, meeting.id).status == committee.CLOSED
    assert not board.close_button.isEnabled()
    assert not any(b.isEnabled() for b in board.decision_buttons.values())
    assert board.decision_buttons["approve"].toolTip()
    assert len(board.agenda.rows) == 2 and board.meetings.rows[0].decisions == 2


def test_a_closed_meeting_shows_only_its_decisions_and_a_new_one_takes_the_rest(qtbot, app, ctx, staff, answers):
    studied, direct = awaiting(ctx, staff)
    member = staff("member")
    first = committee.create_meeting(member, dt.date.today(), ["سعد"])
    committee.decide(member, first.id, studied.id, "defer", reason="بانتظار تقرير الزيارة")
    committee.close_meeting(member, first.id)
    board = show(qtbot, CommitteeBoard(member))
    assert [a.request_id for a in board.agenda.rows] == [studied.id]
    assert "بانتظار تقرير الزيارة" in board.agenda.index(0, 4).data()
    answers.replies = []
    qtbot.mouseClick(board.new_button, Qt.MouseButton.LeftButton)
    assert board.dialog.ticked() == ["سعد عضو اللجنة"]  # whoever opens it, not the last list
    qtbot.mouseClick(board.dialog.ok_button, Qt.MouseButton.LeftButton)
    assert board.meeting().number == 2
    assert {a.request_id for a in board.agenda.rows} == {studied.id, direct.id}
    # More information: the reason says what the committee needs.
    click_row(qtbot, board.agenda_table, row_of(board, studied.id))
    qtbot.mouseClick(board.decision_buttons["more_info"], Qt.MouseButton.LeftButton)
    type_text(qtbot, board.dialog.reason, "صورة عقد الإيجار")
    qtbot.mouseClick(board.dialog.ok_button, Qt.MouseButton.LeftButton)
    assert requests.get_request(member, studied.id).status == wf.MORE_INFO


def test_a_manager_sees_the_board_but_cannot_decide(qtbot, app, ctx, staff):
    studied, _direct = awaiting(ctx, staff)
    committee.create_meeting(staff("member"), dt.date.today(), ["سعد"])
    board = show(qtbot, CommitteeBoard(staff("boss")))
    assert len(board.agenda.rows) == 2 and board.item() is not None
    for button in board.decision_buttons.values():
        assert not button.isEnabled() and button.toolTip()
    assert board.why.isVisible() and board.why.text()
    board.decide("approve")  # even called directly, nothing opens
    assert board.dialog is None
    assert board.new_button.isEnabled()  # managers may hold meetings
    click_row(qtbot, board.agenda_table, row_of(board, studied.id))
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_Return)  # Enter reads the study
    assert isinstance(board.dialog, StudyDialog) and board.dialog.read_only


def test_the_researcher_reads_the_board_and_english(qtbot, app, ctx, staff):
    from ajfar_desk.ui.shell.language import apply_language

    awaiting(ctx, staff)
    committee.create_meeting(staff("member"), dt.date.today(), ["سعد"])
    board = show(qtbot, CommitteeBoard(staff("researcher")))
    assert not board.new_button.isEnabled() and board.new_button.toolTip()
    assert not any(b.isEnabled() for b in board.decision_buttons.values())
    apply_language("en")
    board.retranslate()
    assert board.decision_buttons["approve"].text() == "Approve…"
    assert shown(board.agenda_title.text()).startswith("Agenda of meeting 1/")
    assert "Awaiting a decision" in board.agenda.index(0, 4).data()
