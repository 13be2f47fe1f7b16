"""The social researcher at work: the inbox, the social study (errors under the fields, nothing
typed lost), sending a case to the committee or back to the desk; others read, never write."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from accounts import staff_accounts
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.digits import localize_digits, to_arabic_digits
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.committee import study
from ajfar_desk.services.committee.study import StudyInput
from ajfar_desk.services.requests import casework, requests
from ajfar_desk.ui.committee.researcher_inbox import ResearcherInbox
from ajfar_desk.ui.committee.study_dialog import StudyDialog
from printing.scenario import submitted_request

from ..conftest import type_text

PASSWORD = "password123"
STAFF = {
    "desk": ("front_desk", "نورة موظفة الاستقبال"),
    "researcher": ("researcher", "خالد الباحث الاجتماعي"),
    "member": ("committee", "سعد عضو اللجنة"),
    "boss": ("manager", "منيرة المديرة"),
}


@pytest.fixture
def staff(ctx):
    return make_staff(ctx)


def make_staff(ctx):
    """Staff for every role; ``staff("researcher")`` signs that person in on ``ctx``."""
    return staff_accounts(ctx, STAFF, PASSWORD)


def referred(ctx, staff, first: str, nid_body: str):
    """A submitted request the desk referred to the social researcher."""
    staff("desk")
    _applicant, request = submitted_request(ctx, first=first, nid_body=nid_body)
    casework.act(ctx, request.id, wf.REFER_TO_RESEARCHER, "الحالة غير واضحة")
    return request


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_row(qtbot, table, row: int) -> None:
    """Click a row like a user (the middle of its first cell)."""
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.selectionModel().selectedRows()[0].row() == row


def plain(text: str) -> str:
    return strip_bidi_controls(text)


def test_researcher_writes_the_study_and_sends_the_case_to_the_committee(qtbot, app, ctx, staff, answers):
    request = referred(ctx, staff, "عبدالرحمن", "01234567")
    researcher = staff("researcher")
    inbox = show(qtbot, ResearcherInbox(researcher))
    assert [r.request_id for r in inbox.model.rows] == [request.id]
    assert "✗" in inbox.model.index(0, 5).data()  # a sign and words, not colour alone
    assert inbox.study_button.isEnabled() and inbox.forward_button.isEnabled()

    # Enter on the selected row opens the study form.
    inbox.table.setFocus()
    qtbot.keyClick(inbox.table, Qt.Key.Key_Return)
    dialog = inbox.study_dialog
    assert isinstance(dialog, StudyDialog) and dialog.isVisible() and not dialog.read_only

    type_text(qtbot, dialog.visit_date, "31/02/2026")  # no such day
    type_text(qtbot, dialog.household, "أسرة من خمسة أفراد: الأب والأم وثلاثة أبناء")
    dialog.income.clear()
    type_text(qtbot, dialog.income, "٢٬٥٠٠")
    dialog.expenses.clear()
    type_text(qtbot, dialog.expenses, "3,200")
    dialog.housing.set_code("rented")
    type_text(qtbot, dialog.housing_notes, "شقة صغيرة بالإيجار")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.boxes["visit_date"].error.isVisible()
    assert dialog.boxes["recommendation"].error.isVisible()  # not chosen yet
    assert dialog.visit_date.text() == to_arabic_digits("31/02/2026")  # nothing typed is lost
    assert dialog.household.toPlainText().startswith("أسرة من خمسة")
    assert study.get_study(researcher, request.id) is None

    # Fixed: a Gregorian date typed in Arabic-Indic digits, then Ctrl+S.
    visit = dt.date.today() - dt.timedelta(days=3)
    dialog.visit_date.clear()
    type_text(qtbot, dialog.visit_date, localize_digits(f"{visit.day}/{visit.month}/{visit.year}", "arabic"))
    assert dialog.visit_echo.text()  # the day understood, in both calendars
    dialog.recommendation.set_code("support")
    type_text(qtbot, dialog.recommendation_notes, "الدخل لا يغطي الإيجار")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.visit_date, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    saved = study.get_study(researcher, request.id)
    assert saved.visit_date == visit and str(saved.monthly_income) == "2500.00"
    assert saved.housing == "rented" and saved.recommendation == "support"
    assert inbox.model.rows[0].has_study and "✓" in inbox.model.index(0, 5).data()
    assert inbox.result.isVisible()

    # Opened again, the form shows what was saved.
    qtbot.mouseClick(inbox.study_button, Qt.MouseButton.LeftButton)
    again = inbox.study_dialog
    assert again is not dialog and again.household.toPlainText() == saved.household
    assert again.recommendation.code() == "support" and again.visit_date.text()
    again.reject()

    qtbot.mouseClick(inbox.forward_button, Qt.MouseButton.LeftButton)
    assert answers.asked == []  # a study exists: no question
    assert requests.get_request(researcher, request.id).status == wf.AWAITING_COMMITTEE
    assert inbox.model.rows == [] and not inbox.forward_button.isEnabled()
    assert inbox.status.text()


def test_return_to_the_desk_with_a_reason_and_refusals_shown_not_crashed(qtbot, app, ctx, staff, answers):
    first = referred(ctx, staff, "فهد", "07654321")
    second = referred(ctx, staff, "سلمان", "05555555")
    researcher = staff("researcher")
    inbox = show(qtbot, ResearcherInbox(researcher))
    assert len(inbox.model.rows) == 2
    click_row(qtbot, inbox.table, [r.request_id for r in inbox.model.rows].index(first.id))

    qtbot.mouseClick(inbox.return_button, Qt.MouseButton.LeftButton)
    reason = inbox.reason_dialog
    assert reason.isVisible()
    type_text(qtbot, reason.reason, "ينقص صك الإعالة")
    qtbot.mouseClick(reason.ok_button, Qt.MouseButton.LeftButton)
    assert requests.get_request(researcher, first.id).status == wf.SUBMITTED
    assert casework.timeline(researcher, first.id)[-1].reason == "ينقص صك الإعالة"
    assert [r.request_id for r in inbox.model.rows] == [second.id]

    # Sending without a study asks first; "no" leaves the request where it is.
    answers.replies = [False]
    qtbot.mouseClick(inbox.forward_button, Qt.MouseButton.LeftButton)
    assert answers.asked and requests.get_request(researcher, second.id).status == wf.WITH_RESEARCHER

    # Someone else moved the request meanwhile: the step is refused in the error line.
    staff("boss")
    casework.act(ctx, second.id, wf.FORWARD_TO_COMMITTEE)
    staff("researcher")
    qtbot.mouseClick(inbox.forward_button, Qt.MouseButton.LeftButton)
    assert inbox.error.isVisible() and plain(inbox.error.text()).strip("⚠ ")
    assert inbox.model.rows == []


def test_committee_and_managers_read_the_study_but_cannot_write_it(qtbot, app, ctx, staff):
    request = referred(ctx, staff, "ماجد", "03333333")
    study.save_study(staff("researcher"), request.id, StudyInput(household="أسرة", recommendation="more_info"))
    for who in ("member", "boss"):
        reader = staff(who)
        dialog = show(qtbot, StudyDialog(reader, request.id, "AJF"))
        assert dialog.read_only and not dialog.save_button.isVisible()
        assert dialog.household.isReadOnly() and not dialog.recommendation.isEnabled()
        assert dialog.household.toPlainText() == "أسرة" and dialog.notice.isVisible()
        qtbot.keyClick(dialog.household, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert study.get_study(reader, request.id).household == "أسرة"
        dialog.close()
    # The manager's inbox: reads the studies, may send on or return (workflow allows managers).
    inbox = show(qtbot, ResearcherInbox(staff("boss")))
    assert inbox.study_button.isEnabled() and inbox.forward_button.isEnabled()
    qtbot.mouseClick(inbox.study_button, Qt.MouseButton.LeftButton)
    assert inbox.study_dialog.read_only and inbox.study_dialog.isVisible()


def test_the_front_desk_is_told_why_the_inbox_is_empty(qtbot, app, ctx, staff):
    referred(ctx, staff, "بندر", "04444444")
    inbox = show(qtbot, ResearcherInbox(staff("desk")))
    assert inbox.model.rows == [] and inbox.error.isVisible()
    assert not inbox.study_button.isEnabled() and not inbox.forward_button.isEnabled()


def test_english_and_refresh_on_change(qtbot, app, ctx, staff):
    from ajfar_desk.services.store.events import REQUEST_CHANGED
    from ajfar_desk.ui.shell.language import apply_language

    researcher = staff("researcher")
    inbox = show(qtbot, ResearcherInbox(researcher))
    assert inbox.model.rows == []
    request = referred(ctx, staff, "تركي", "06666666")
    staff("researcher")
    inbox.on_change(REQUEST_CHANGED, request.id)
    assert [r.request_id for r in inbox.model.rows] == [request.id]
    apply_language("en")
    inbox.retranslate()
    assert inbox.forward_button.text() == "Send to the committee"
    assert inbox.model.headerData(0, Qt.Orientation.Horizontal) == "Reference"
    assert "Not written yet" in inbox.model.index(0, 5).data()


def test_the_inbox_names_the_work_not_a_man(qtbot, app, ctx, staff):
    """Trial 11: «وارد الباحث الاجتماعي», «الحالات لدى الباحث الاجتماعي» for researchers who are
    mostly women: the tab, the title and every word of the inbox and the study name the social
    research, never «الباحث»."""
    from PySide6.QtWidgets import QLabel, QPushButton

    from ajfar_desk.i18n import _
    from ajfar_desk.ui.shell.page_registry import TOOLBAR

    request = referred(ctx, staff, "سارة", "07777777")
    study.save_study(staff("researcher"), request.id, StudyInput(household="أسرة من خمسة", recommendation="support"))
    inbox = show(qtbot, ResearcherInbox(staff("boss")))  # reads: the study's note shows too
    inbox.table.setFocus()
    qtbot.keyClick(inbox.table, Qt.Key.Key_Return)
    dialog = inbox.study_dialog
    assert dialog is not None and dialog.isVisible()
    tab = next(_(tool.label) for tool in TOOLBAR if tool.key == "inbox")
    words = [tab] + [w.text() for root in (inbox, dialog)
                     for kind in (QLabel, QPushButton) for w in root.findChildren(kind)]
    assert tab == "طلبات البحث الاجتماعي"
    assert "الحالات المحالة إلى البحث الاجتماعي" in words
    # the program's words, not the data: the study now names who wrote it (trial 13), and the
    # test researcher's name happens to hold the word
    assert not [w for w in words if "الباحث" in w.replace(STAFF["researcher"][1], "")]
    dialog.reject()
    assert request.id in [r.request_id for r in inbox.model.rows]


def test_the_steps_and_notes_of_the_research_name_the_work_not_a_man():
    """Committee trial: «إحالة إلى الباحث الاجتماعي», «لدى الباحث الاجتماعي», «ملاحظة الباحث
    الاجتماعي» on the referral letter: the step, the state, the audit's word and the letter's note
    name the social research."""
    from ajfar_desk.domain import audit
    from ajfar_desk.domain import workflow as wf
    from ajfar_desk.i18n import _
    from ajfar_desk.paths import resources_dir

    words = [_(wf.ACTION_LABELS[wf.REFER_TO_RESEARCHER]), _(wf.STATE_LABELS[wf.WITH_RESEARCHER]),
             _(audit.ACTIONS["refer_to_researcher"]), _("The social researcher's note (optional)")]
    letter = (resources_dir() / "forms" / "referral.toml").read_text("utf-8")
    words += [line for line in letter.splitlines() if "{note}" in line and "ملاحظة" in line]
    assert words[:3] == ["إحالة إلى البحث الاجتماعي", "لدى البحث الاجتماعي", "إحالة إلى البحث الاجتماعي"]
    assert len(words) == 5 and not [w for w in words if "الباحث" in w]
