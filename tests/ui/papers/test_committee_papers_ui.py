"""The committee's papers through the GUI: the letter of a decision issued from the request's
papers, the minutes printed from the committee board, both verified; read-only roles preview
papers and read a file but change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton
from sqlalchemy import update

from ajfar_desk.db.casework import Meeting
from ajfar_desk.domain import documents as paper
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.digits import normalize_digits
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.i18n import _
from ajfar_desk.services.committee import committee
from ajfar_desk.services.papers import committee_papers, documents
from ajfar_desk.services.requests import casework
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.committee.committee_board import CommitteeBoard
from ajfar_desk.ui.papers.paper_dialogs import DecisionLetterDialog
from ajfar_desk.ui.papers.paper_preview import PaperPreview
from ajfar_desk.ui.papers.papers_panel import kind_label
from ajfar_desk.ui.papers.verify_dialog import SUPERSEDED, VerifyDialog
from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import DAY, submitted_request

from ..committee.test_committee_ui import awaiting
from ..committee.test_researcher_ui import make_staff, referred, show

MEMBERS = ["سعد عضو اللجنة", "فهد العتيبي"]


@pytest.fixture
def staff(ctx):
    return make_staff(ctx)


def shown(text: str) -> str:
    return normalize_digits(strip_bidi_controls(text))


def decided(ctx, staff, outcome="approve", **details):
    """A request the desk sent to the committee, decided in meeting 1 (chaired by Saad)."""
    staff("desk")
    applicant, request = submitted_request(ctx)
    casework.act(ctx, request.id, wf.FORWARD_TO_COMMITTEE)
    member = staff("member")
    meeting = committee.create_meeting(member, DAY, MEMBERS)
    details = details or {"service": "سلة غذائية", "amount": "1,500"}
    committee.decide(member, meeting.id, request.id, outcome, **details)
    return applicant, request, meeting


def click_choice(qtbot, button) -> None:
    """Click a radio button where a person would: on its circle and its text (on the right in
    Arabic), not in the empty middle of a wide row."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    style = button.style()
    area = style.subElementRect(QStyle.SubElement.SE_RadioButtonClickRect, option, button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=area.center())


def open_papers(window, request_id):
    window.open_request(request_id)
    form = window.page
    assert isinstance(form, RequestForm)
    return form.papers


def test_decision_letter_issued_from_the_papers_after_an_approval(qtbot, window, ctx, staff, tmp_path):
    _applicant, request, _meeting = decided(ctx, staff)
    staff("desk")
    panel = open_papers(window, request.id)
    assert panel.decision_button.isVisible() and panel.decision_button.isEnabled()
    qtbot.mouseClick(panel.decision_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, DecisionLetterDialog) and dialog.isVisible()
    assert MEMBERS[0] in strip_bidi_controls(dialog.by_chair.text()) and dialog.by_chair.isChecked()
    click_choice(qtbot, dialog.by_manager)
    assert dialog.by_manager.isChecked()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    letter = documents.latest(ctx, request.id, paper.DECISION)
    assert letter.number == f"{request.reference}-C1"
    assert letter.content["decision"]["outcome"] == "approve"
    assert letter.content["signatory"] == {"role": "manager", "name": "منيرة المديرة", "gender": "male"}
    preview = panel.preview
    assert isinstance(preview, PaperPreview) and preview.isVisible() and preview.page_count() >= 1
    assert preview.print_button.isEnabled()  # the desk prints it
    assert preview.save_to(tmp_path / "letter.pdf")
    preview.close()
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    (line,) = [t for t in texts if kind_label(paper.DECISION) in t]
    assert letter.number in shown(line) and _("Approved") in line


def test_no_letter_before_a_decision_nor_for_a_deferral(qtbot, window, ctx, staff):
    _applicant, request, _meeting = decided(ctx, staff, "defer", reason="بانتظار تقرير الزيارة")
    staff("desk")
    panel = open_papers(window, request.id)
    assert not panel.decision_button.isEnabled() and panel.decision_button.toolTip()
    _a, undecided = submitted_request(ctx, first="فهد", nid_body="07654321")
    panel = open_papers(window, undecided.id)
    assert not panel.decision_button.isEnabled()
    assert panel.decision_button.toolTip() == _("The committee has not decided this request yet")


def test_minutes_printed_from_the_committee_board(qtbot, app, ctx, staff, tmp_path, answers):
    studied, direct = awaiting(ctx, staff)
    member = staff("member")
    meeting = committee.create_meeting(member, dt.date.today(), MEMBERS)
    board = show(qtbot, CommitteeBoard(member))
    assert not board.minutes_button.isEnabled() and board.minutes_button.toolTip()

    committee.decide(member, meeting.id, studied.id, "approve", service="سلة غذائية", amount="900")
    board.reload()
    assert board.minutes_button.isEnabled()
    assert MEMBERS[0] in strip_bidi_controls(board.agenda_info.text())  # the chair is named
    # In session: Alt+P asks to close the meeting first; "no" prints nothing and keeps it open.
    board.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is board)
    board.agenda_table.setFocus()
    answers.replies = [False]
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert len(answers.asked) == 1 and "1" in shown(answers.asked[0][1])  # one left undecided
    assert committee_papers.latest_minutes(member, meeting.id) is None
    assert committee.get_meeting(member, meeting.id).status == committee.OPEN
    # "Yes": closed (the undecided request carried over), then the minutes.
    qtbot.keyClick(board.agenda_table, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    closed = committee.get_meeting(member, meeting.id)
    assert closed.status == committee.CLOSED and closed.carried_over == (direct.reference,)
    first = committee_papers.latest_minutes(member, meeting.id)
    assert first is not None and first.revision == 1 and len(first.content["decisions"]) == 1
    preview = board.preview
    assert isinstance(preview, PaperPreview) and preview.isVisible() and preview.page_count() >= 1
    assert preview.save_to(tmp_path / "minutes.pdf")  # a committee member keeps the minutes
    assert documents.get_document(member, first.number).print_count == 1
    preview.close()
    counts = shown(board.agenda_counts.text())
    assert "2" in counts and "1" in counts  # two on the agenda, one decided, one not yet

    # Still current: the same minutes again (a copy), no new revision, no question.
    qtbot.mouseClick(board.minutes_button, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 2
    assert committee_papers.latest_minutes(member, meeting.id).number == first.number
    board.preview.close()


def verify(qtbot, dialog, doc) -> str:
    dialog.number.setText(doc.number)
    dialog.digest.setText(doc.sha256)
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.status == paper.GENUINE and dialog.results[paper.GENUINE].isVisible()
    return shown(dialog.details.text())


def test_verify_minutes_and_a_decision_letter(qtbot, window, ctx, staff):
    applicant, request, meeting = decided(ctx, staff)
    committee.close_meeting(ctx, meeting.id)  # minutes once it closed
    minutes = committee_papers.issue_minutes(ctx, meeting.id)
    staff("desk")
    letter = documents.issue(ctx, request.id, paper.DECISION, signatory="chair")
    dialog = VerifyDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()

    details = verify(qtbot, dialog, minutes)
    assert kind_label(paper.MINUTES) in details
    assert f"{meeting.number}/{meeting.hijri_year}" in details
    assert str(DAY.year) in details  # the meeting's date, in both calendars
    assert _(SUPERSEDED) not in details

    details = verify(qtbot, dialog, letter)
    assert kind_label(paper.DECISION) in details and request.reference in details
    assert applicant.full_name in details and _("Approved") in details

    # A decision in that meeting recorded since (a second laptop's, arriving by an exchange
    # while it was open there): still genuine, but no longer what stands.
    _a, other = submitted_request(ctx, first="فهد", nid_body="07654321")
    casework.act(ctx, other.id, wf.FORWARD_TO_COMMITTEE)
    with ctx.store.engine.begin() as s:
        s.execute(update(Meeting).where(Meeting.id == meeting.id).values(status=committee.OPEN))
    committee.decide(staff("member"), meeting.id, other.id, "reject", reason="الدخل يتجاوز الحد")
    details = verify(qtbot, dialog, minutes)
    assert _(SUPERSEDED) in details


def test_a_researcher_reads_the_file_and_previews_papers_but_changes_nothing(qtbot, window, ctx, staff):
    request = referred(ctx, staff, "عبدالرحمن", "01234567")
    researcher = staff("researcher")
    view = show(qtbot, ApplicantFileView(researcher, request.applicant_id))
    for button in (view.edit_button, view.request_button, view.add_document_button,
                   view.remove_document_button, view.add_member_button, view.remove_member_button):
        assert not button.isVisible()
    assert view.open_request_button.isVisible()
    status = strip_bidi_controls(view.requests_model.index(0, 3).data())
    assert status == wf.state_label(wf.WITH_RESEARCHER) and status != wf.WITH_RESEARCHER

    panel = open_papers(window, request.id)
    for button in (panel.declaration_button, panel.referral_button, panel.decision_button,
                   panel.signed_button):
        assert not button.isVisible()
    assert panel.read_only_note.isVisible() and panel.list.count() == 1
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    preview = panel.preview
    assert preview.isVisible() and preview.page_count() >= 1
    assert not preview.print_button.isEnabled() and preview.print_button.toolTip()
    preview.close()


def test_the_desk_sees_the_edit_buttons_and_later_states_translated(qtbot, app, ctx, staff):
    _applicant, request, _meeting = decided(ctx, staff)
    desk = staff("desk")
    view = show(qtbot, ApplicantFileView(desk, request.applicant_id))
    assert view.edit_button.isVisible() and view.request_button.isVisible()
    view.tabs.setCurrentIndex(1)
    assert view.add_document_button.isVisible()
    assert strip_bidi_controls(view.requests_model.index(0, 3).data()) == wf.state_label(wf.APPROVED)
