"""The researcher's inbox by keyboard and what it tells (trial 13): Alt keys press its buttons
(F1 lists them); the selected case says why the desk referred it, and so does its study form;
sending a case with no study asks with «No» as the default (Enter had sent it); the committee
reading a study sees who wrote it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.committee import committee, study
from ajfar_desk.services.committee.study import StudyInput
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.committee.committee_board import CommitteeBoard
from ajfar_desk.ui.committee.researcher_inbox import ResearcherInbox
from ajfar_desk.ui.committee.study_dialog import StudyDialog
from ajfar_desk.ui.requests.step_dialogs import ReasonDialog
from ajfar_desk.ui.shell.shortcuts_sheet import ShortcutsSheet

from .test_board_keys import ALT, focused_board
from .test_researcher_ui import make_staff, referred, show


@pytest.fixture
def staff(ctx):
    return make_staff(ctx)


def focused(qtbot, inbox):
    return focused_board(qtbot, inbox, inbox.table)


def test_the_inbox_by_keys_says_why_a_case_was_referred(qtbot, app, ctx, staff, answers):
    request = referred(ctx, staff, "عبدالرحمن", "01234567")  # «الحالة غير واضحة»
    inbox = focused(qtbot, show(qtbot, ResearcherInbox(staff("researcher"))))
    assert inbox.referral.isVisible() and "الحالة غير واضحة" in strip_bidi_controls(inbox.referral.text())

    qtbot.keyClick(inbox.table, Qt.Key.Key_S, ALT)  # the study, the reason at its top
    dialog = inbox.study_dialog
    assert isinstance(dialog, StudyDialog) and dialog.isVisible()
    assert "الحالة غير واضحة" in strip_bidi_controls(dialog.subject.text())
    dialog.reject()

    focused(qtbot, inbox)
    answers.replies = [False]
    qtbot.keyClick(inbox.table, Qt.Key.Key_C, ALT)  # no study yet: asked, «No» the default
    assert answers.asked and answers.defaults[-1] is False
    assert requests.get_request(ctx, request.id).status == wf.WITH_RESEARCHER

    focused(qtbot, inbox)
    qtbot.keyClick(inbox.table, Qt.Key.Key_D, ALT)  # back to the desk: the reason's dialog
    assert isinstance(inbox.reason_dialog, ReasonDialog) and inbox.reason_dialog.isVisible()
    inbox.reason_dialog.reject()

    assert "Alt" in strip_bidi_controls(inbox.forward_button.toolTip())
    sheet = ShortcutsSheet([], None, inbox, inbox.actions())
    qtbot.addWidget(sheet)
    keys = {strip_bidi_controls(sheet.table.item(r, 1).text()) for r in range(sheet.table.rowCount())
            if sheet.table.item(r, 1) is not None}
    assert {"Alt+S", "Alt+C", "Alt+D", "Alt+O", "Alt+F"} <= keys


def test_the_committee_reads_who_wrote_the_study(qtbot, app, ctx, staff):
    request = referred(ctx, staff, "عبدالرحمن", "01234567")
    study.save_study(staff("researcher"), request.id, StudyInput(household="أم وثلاثة أبناء", recommendation="support"))
    from ajfar_desk.services.requests import casework

    casework.act(ctx, request.id, wf.FORWARD_TO_COMMITTEE)
    member = staff("member")
    committee.create_meeting(member, dt.date.today(), ["سعد عضو اللجنة"])
    board = show(qtbot, CommitteeBoard(member))
    board.read_study()
    reading = board.dialog
    assert isinstance(reading, StudyDialog) and reading.read_only
    state = strip_bidi_controls(reading.state.text())
    assert "خالد الباحث الاجتماعي" in state and "مسؤول البحث الاجتماعي" in state
