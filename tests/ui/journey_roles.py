"""The other roles' part of the journey: the researcher's study, the committee's meeting and
decision, the manager's complaint and dashboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.committee import study
from ajfar_desk.services.feedback import complaints
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.committee.committee_board import CommitteeBoard
from ajfar_desk.ui.committee.decision_dialog import DecisionDialog
from ajfar_desk.ui.committee.meeting_dialog import MeetingDialog
from ajfar_desk.ui.committee.researcher_inbox import ResearcherInbox
from ajfar_desk.ui.feedback.complaint_detail import ComplaintDialog
from ajfar_desk.ui.feedback.complaints_view import ComplaintsView
from ajfar_desk.ui.reports.dashboard import DashboardView

from .journey_desk import day_text
from .journey_keys import CTRL, SHIFT, keys, press, ready, shot, tab_to

K = Qt.Key


def researcher(qtbot, window, ctx, request_id):
    """The inbox opens first; Enter on the case opens the study; Ctrl+S saves it; Tab reaches
    «send to the committee» and Space presses it."""
    inbox = window.stack.currentWidget()
    assert isinstance(inbox, ResearcherInbox)
    ready(qtbot, window, inbox.study_button)
    assert QApplication.focusWidget() is inbox.table
    assert inbox.selected().request_id == request_id
    press(qtbot, K.Key_Return)
    dialog = inbox.study_dialog
    assert dialog is not None and dialog.isVisible()
    ready(qtbot, dialog, dialog.save_button)
    assert QApplication.focusWidget() is dialog.visit_date
    keys(qtbot, day_text(-2), K.Key_Tab, (K.Key_Down, 2), K.Key_Tab, "1500", K.Key_Tab, "2800", K.Key_Tab,
         "شقة صغيرة بالإيجار", K.Key_Tab, "الأم وابنها سلمان", K.Key_Tab, "لا أمراض مزمنة", K.Key_Tab,
         K.Key_Down, K.Key_Tab, "الدخل لا يغطي الإيجار والمعيشة")
    assert dialog.housing.code() == "rented" and dialog.recommendation.code() == "support"
    shot(dialog, "07-social-study")
    press(qtbot, K.Key_S, CTRL)
    assert not dialog.isVisible(), dialog.error.text()
    assert study.get_study(ctx, request_id).recommendation == "support"
    ready(qtbot, window, inbox.forward_button)
    assert QApplication.focusWidget() is inbox.table
    keys(qtbot, K.Key_Tab, K.Key_Tab)
    assert QApplication.focusWidget() is inbox.forward_button
    press(qtbot, K.Key_Space)
    assert requests.get_request(ctx, request_id).status == wf.AWAITING_COMMITTEE
    ready(qtbot, window, window.sign_out_button)


def committee_decides(qtbot, window, ctx, request_id):
    """The board opens first; Tab reaches «new meeting»; the meeting opens with its attendees;
    Tab reaches «approve» for the case on the agenda; the service and amount are typed."""
    board = window.stack.currentWidget()
    assert isinstance(board, CommitteeBoard)
    ready(qtbot, window, board.new_button)
    tab_to(qtbot, board.new_button)
    press(qtbot, K.Key_Space)
    dialog = board.dialog
    assert isinstance(dialog, MeetingDialog) and dialog.isVisible()
    ready(qtbot, dialog, dialog.ok_button)
    assert QApplication.focusWidget() is dialog.held_on
    # the committee's members to tick (Saad, who opens it, already ticked); Fahd, who has no
    # account, typed among the others; Saad chosen as the chair; Enter opens the meeting
    keys(qtbot, K.Key_Tab, K.Key_Tab, "فهد عضو اللجنة", K.Key_Tab, K.Key_Down, K.Key_Return)
    assert not dialog.isVisible(), dialog.error.text()
    meeting = board.meeting()
    assert meeting is not None and list(meeting.members) == ["سعد عضو اللجنة", "فهد عضو اللجنة"]
    assert meeting.chair == "سعد عضو اللجنة"
    assert [item.request_id for item in board.agenda.rows] == [request_id]
    approve = board.decision_buttons["approve"]
    ready(qtbot, window, approve)
    tab_to(qtbot, approve)
    press(qtbot, K.Key_Space)
    dialog = board.dialog
    assert isinstance(dialog, DecisionDialog) and dialog.isVisible()
    ready(qtbot, dialog, dialog.ok_button)
    assert QApplication.focusWidget() is dialog.service
    keys(qtbot, "سلة غذائية شهرية", K.Key_Tab, "٤٥٠", K.Key_Return)
    assert not dialog.isVisible(), dialog.error.text()
    assert requests.get_request(ctx, request_id).status == wf.APPROVED
    shot(window, "08-committee")
    ready(qtbot, window, window.sign_out_button)


def manager_closes_the_complaint(qtbot, window, ctx, complaint_id):
    """The manager opens the complaint from the list (Enter), resolves it, Esc closes it."""
    press(qtbot, K.Key_K, CTRL | SHIFT)
    page = window.stack.currentWidget()
    assert isinstance(page, ComplaintsView)
    ready(qtbot, window, page.open_button)
    tab_to(qtbot, page.table)
    press(qtbot, K.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, ComplaintDialog) and dialog.isVisible()
    ready(qtbot, dialog, dialog.resolve_button)
    tab_to(qtbot, dialog.resolution)
    keys(qtbot, "سُلِّمت السلة واعتذرنا عن التأخير", K.Key_Tab, K.Key_Down, K.Key_Tab, (K.Key_Down, 4))
    assert dialog.informed.code() == "phone" and dialog.satisfaction.code() == "4"
    shot(dialog, "10-complaint")
    keys(qtbot, K.Key_Tab, K.Key_Return)
    assert complaints.get_complaint(ctx, complaint_id).status == complaints.RESOLVED, dialog.error.text()
    ready(qtbot, dialog, dialog.close_button)
    press(qtbot, K.Key_Escape)
    assert not dialog.isVisible()
    ready(qtbot, window, window.sign_out_button)


def manager_dashboard(qtbot, window):
    """Ctrl+Shift+D: this month's figures hold the day's work."""
    press(qtbot, K.Key_D, CTRL | SHIFT)
    view = window.stack.currentWidget()
    assert isinstance(view, DashboardView)
    qtbot.waitUntil(lambda: view.report is not None and view.job is None, timeout=10_000)
    figures = {f.key: f.current for f in view.report.figures}
    assert figures["services_delivered"] == 1
    assert figures["complaints_opened"] == 1 and figures["complaints_resolved"] == 1
    assert figures["satisfaction_index"] is not None
    shot(window, "11-dashboard")
    ready(qtbot, window, view.preview_button)
