"""The beneficiary's voice in the GUI: complaints and suggestions (received, escalated past the
deadline, assigned, resolved; anonymous ones), and a satisfaction survey taken from the form of a
delivered request.  Driven with the keyboard and the mouse."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from accounts import staff_accounts
from ajfar_desk import i18n
from ajfar_desk.domain import feedback
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.services.committee import committee
from ajfar_desk.services.feedback import complaints, surveys
from ajfar_desk.services.feedback.complaints import ComplaintInput
from ajfar_desk.services.requests import casework, delivery
from ajfar_desk.services.requests.delivery import DeliveryInput
from ajfar_desk.ui.feedback.complaint_detail import ComplaintDialog
from ajfar_desk.ui.feedback.complaint_dialogs import NewComplaintDialog
from ajfar_desk.ui.feedback.complaints_view import ComplaintsView
from ajfar_desk.ui.feedback.survey_dialog import SurveyDialog
from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import submitted_request

from ..conftest import pick_code, type_text

DAY = dt.date(2026, 12, 1)
STAFF = {
    "desk": ("front_desk", "نورة موظفة الاستقبال"),
    "member": ("committee", "سعد عضو اللجنة"),
    "boss": ("manager", "منيرة المديرة"),
}


@pytest.fixture
def as_(ctx):
    return staff_accounts(ctx, STAFF)


def _click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _page(qtbot, ctx, today=DAY) -> ComplaintsView:
    page = ComplaintsView(ctx, today=today)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitExposed(page)
    return page



def _complaint(ctx, on=DAY, **fields):
    data = dict(kind="complaint", channel="phone", category="delay", subject="تأخر الرد على الطلب",
                contact_name="فهد العتيبي")
    data.update(fields)
    return complaints.record_complaint(ctx, ComplaintInput(**data), today=on)


def _cells(page, row: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_a_complaint_received_through_the_dialog_with_an_error_fixed(qtbot, app, ctx, as_):
    desk = as_("desk")
    page = _page(qtbot, desk)
    assert page.model.rows == [] and not page.banner.isVisible()
    _click(qtbot, page.new_button)
    dialog = page.dialog
    assert isinstance(dialog, NewComplaintDialog) and dialog.isVisible()
    assert dialog.kind.code() == complaints.COMPLAINT
    pick_code(qtbot, dialog.channel, "phone")
    pick_code(qtbot, dialog.category, "staff_conduct")
    type_text(qtbot, dialog.contact_name, "فهد العتيبي")
    type_text(qtbot, dialog.contact_phone, "12345")
    type_text(qtbot, dialog.text, "لم يرد أحد على اتصالاتي")
    _click(qtbot, dialog.ok_button)  # no subject, a wrong phone number

    assert dialog.isVisible()
    assert dialog.boxes["subject"].error.isVisible()
    assert dialog.boxes["contact_phone"].error.isVisible()
    assert not dialog.boxes["contact_name"].error.isVisible()
    assert dialog.contact_phone.text() == to_arabic_digits("12345")  # what was typed is kept
    assert dialog.contact_name.text() == "فهد العتيبي"
    assert dialog.text.toPlainText() == "لم يرد أحد على اتصالاتي"
    assert complaints.list_complaints(desk) == []

    dialog.contact_phone.clear()
    type_text(qtbot, dialog.contact_phone, "٠٥٥١٢٣٤٥٦٧")  # Arabic-Indic digits are fine
    type_text(qtbot, dialog.subject, "سوء الرد على الهاتف")
    _click(qtbot, dialog.ok_button)

    assert not dialog.isVisible()
    (row,) = page.model.rows
    assert row.subject == "سوء الرد على الهاتف" and row.contact_phone == "+966551234567"
    assert row.received_on == DAY and row.due_on == DAY + dt.timedelta(days=7)
    cells = _cells(page, 0)
    assert "سوء الرد على الهاتف" in cells[4]
    assert i18n._("Open") in cells[7] and "⚠" not in cells[7]
    assert "٢٠٢٦" in cells[2]  # the association's Arabic-Indic digits


def test_past_the_deadline_the_page_escalates_and_says_so(qtbot, app, ctx, as_):
    desk = as_("desk")
    late = _complaint(desk)
    fresh = _complaint(desk, on=DAY + dt.timedelta(days=6), subject="اقتراح", kind="suggestion",
                       category="improvement")
    page = _page(qtbot, desk, today=DAY + dt.timedelta(days=10))
    assert page.banner.isVisible()
    assert "تجاوزت شكوى واحدة مهلة الرد" in page.banner.message.text()  # one escalated, in words
    assert complaints.get_complaint(desk, late.id).status == complaints.ESCALATED
    assert complaints.get_complaint(desk, fresh.id).status == complaints.OPEN
    statuses = {r.id: _cells(page, i)[7] for i, r in enumerate(page.model.rows)}
    assert "⚠" in statuses[late.id] and i18n._("Escalated") in statuses[late.id]
    assert "⚠" not in statuses[fresh.id]

    detail = ComplaintDialog(desk, late.id, today=DAY + dt.timedelta(days=10))
    qtbot.addWidget(detail)
    notes = [detail.history.data(detail.history.index(r, 3)) for r in range(detail.history.rowCount())]
    assert any("تجاوزت المهلة بـ٣ أيام" in (n or "") for n in notes), notes  # 3 days, Arabic digits

    pick_code(qtbot, page.filter, complaints.ESCALATED)  # the filter
    assert [r.id for r in page.model.rows] == [late.id]
    pick_code(qtbot, page.filter, complaints.RESOLVED)
    assert page.model.rows == []


def test_the_manager_assigns_and_resolves_and_the_assignee_sees_it(qtbot, app, ctx, as_):
    boss = as_("boss")
    made = _complaint(boss)
    page = _page(qtbot, boss, today=DAY + dt.timedelta(days=2))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the selected complaint
    dialog = page.dialog
    assert isinstance(dialog, ComplaintDialog) and dialog.isVisible()
    assert dialog.assign_group.isVisible() and dialog.resolve_group.isVisible()

    _click(qtbot, dialog.assign_button)  # nobody chosen
    assert dialog.boxes["assigned_to"].error.isVisible()
    desk_id = next(u.id for u in ctx_users(boss) if u.username == "desk")
    pick_code(qtbot, dialog.assignee, str(desk_id))
    type_text(qtbot, dialog.assign_note, "للمتابعة مع المستفيد")
    _click(qtbot, dialog.assign_button)
    assert dialog.complaint.assigned_to == desk_id and dialog.done_banner.isVisible()
    assert [e.action for e in dialog.history.rows] == [complaints.RECEIVED, complaints.ASSIGNED]
    assert _cells(page, 0)[9] == "\u200f" + STAFF["desk"][1]  # the page followed the change

    _click(qtbot, dialog.resolve_button)  # no resolution, nobody told
    assert dialog.boxes["resolution"].error.isVisible()
    assert dialog.boxes["informed_how"].error.isVisible()
    type_text(qtbot, dialog.resolution, "اعتذرنا للمستفيد وأنجز طلبه")
    pick_code(qtbot, dialog.informed, "phone")
    assert "anonymous" not in [dialog.informed.itemData(i) for i in range(dialog.informed.count())]
    pick_code(qtbot, dialog.satisfaction, "4")
    _click(qtbot, dialog.resolve_button)
    view = dialog.complaint
    assert view.status == complaints.RESOLVED and view.complainant_satisfaction == 4
    assert view.resolved_on == DAY + dt.timedelta(days=2) and view.informed_how == "phone"
    assert not dialog.actions_pane.isVisible()  # nothing left to do
    assert i18n._("Resolved") in dialog.status_label.text()
    pick_code(qtbot, page.filter, complaints.RESOLVED)
    assert [r.id for r in page.model.rows] == [made.id]

    desk = as_("desk")  # the assignee may see it (and resolve what is still open)
    assert [c.id for c in complaints.list_complaints(desk, mine=True)] == [made.id]


def ctx_users(ctx):
    from ajfar_desk.services.users import users

    return users.colleagues(ctx)


def test_an_anonymous_complaint_can_only_be_told_anonymous(qtbot, app, ctx, as_):
    boss = as_("boss")
    page = _page(qtbot, boss)
    _click(qtbot, page.new_button)
    dialog = page.dialog
    type_text(qtbot, dialog.contact_name, "اسم سيمسح")
    pick_code(qtbot, dialog.channel, "website")
    pick_code(qtbot, dialog.category, "privacy")
    _click(qtbot, dialog.anonymous)
    assert dialog.anonymous.isChecked()
    assert dialog.contact_name.text() == "" and not dialog.contact_name.isEnabled()
    assert not dialog.national_id.isEnabled() and not dialog.contact_phone.isEnabled()
    type_text(qtbot, dialog.subject, "تسريب بيانات")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    (row,) = page.model.rows
    assert row.anonymous and row.contact_name == ""

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    codes = [dialog.informed.itemData(i) for i in range(dialog.informed.count())]
    assert codes == ["anonymous"]
    type_text(qtbot, dialog.resolution, "راجعنا صلاحيات الوصول")
    _click(qtbot, dialog.resolve_button)
    assert dialog.complaint.status == complaints.RESOLVED
    assert dialog.complaint.informed_how == "anonymous"


def _delivered_request(ctx, as_):
    _a, request = submitted_request(ctx)
    desk = as_("desk")
    casework.act(desk, request.id, wf.FORWARD_TO_COMMITTEE)
    member = as_("member")
    meeting = committee.create_meeting(member, dt.date.today(), ["سعد", "فهد"])
    committee.decide(member, meeting.id, request.id, "approve", service="سلة غذائية", amount="1500")
    desk = as_("desk")
    delivery.record_delivery(desk, request.id, DeliveryInput(
        "سلة غذائية", quantity="1", acknowledged=True, recipient_name="المستفيد نفسه"))
    return request


def test_a_survey_taken_from_a_delivered_request(qtbot, window, ctx, as_):
    request = _delivered_request(ctx, as_)
    window.retranslate()
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm) and form.request.status == wf.DELIVERED
    assert form.survey.button.isVisible()
    assert "٠" in form.survey.note.text()  # none taken yet
    _click(qtbot, form.survey.button)
    dialog = form.survey.dialog
    assert isinstance(dialog, SurveyDialog) and dialog.isVisible()
    assert dialog.mode.code() == feedback.DESK

    pick_code(qtbot, dialog.mode, feedback.PAPER)
    _click(qtbot, dialog.rows["reception"].buttons[5])
    _click(qtbot, dialog.rows["speed"].buttons[2])
    dialog.rows["clarity"].buttons[1].setFocus()
    qtbot.keyClick(dialog.rows["clarity"].buttons[1], Qt.Key.Key_4)  # a digit key picks the score
    assert dialog.rows["clarity"].score() == 4
    # the choice in words beside the circles (a keyboard user never sees the tooltip)
    assert dialog.rows["clarity"].meaning.text() == i18n._(feedback.SCALE_LABELS[4]) == "راضٍ"
    qtbot.keyClick(dialog.rows["clarity"].buttons[4], Qt.Key.Key_Delete)
    assert dialog.rows["clarity"].score() is None and dialog.rows["clarity"].meaning.text() == ""
    type_text(qtbot, dialog.rows["clarity"].buttons[1], "٣")  # Arabic-Indic digits too
    assert dialog.rows["clarity"].score() == 3
    type_text(qtbot, dialog.text_answers["comments"], "شكرا لكم")
    _click(qtbot, dialog.save_button)  # a printed form without its date

    assert dialog.isVisible() and dialog.boxes["taken_on"].error.isVisible()
    assert dialog.rows["reception"].score() == 5  # what was chosen stays
    assert surveys.surveys_of(ctx, request.id) == []
    yesterday = dt.date.today() - dt.timedelta(days=1)
    type_text(qtbot, dialog.taken_on, f"{yesterday.day}/{yesterday.month}/{yesterday.year}")
    _click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    (taken,) = surveys.surveys_of(ctx, request.id)
    assert taken.mode == feedback.PAPER and taken.taken_on == yesterday
    assert taken.answers == {"reception": 5, "clarity": 3, "speed": 2, "comments": "شكرا لكم"}
    assert "✓" in form.survey.note.text() and "١" in form.survey.note.text()


def test_the_survey_needs_a_score_and_prints_a_blank_form(qtbot, app, ctx, as_, tmp_path):
    desk = as_("desk")
    dialog = SurveyDialog(desk, None)
    qtbot.addWidget(dialog)
    dialog.show()
    if dialog.print_button is not None:  # when printing.survey_form offers the blank form
        assert dialog.write_blank_form(tmp_path / "blank.pdf")
        assert (tmp_path / "blank.pdf").read_bytes().startswith(b"%PDF")
    _click(qtbot, dialog.save_button)  # nothing answered
    assert dialog.isVisible() and dialog.error.isVisible()
    _click(qtbot, dialog.rows["overall"].buttons[4])
    _click(qtbot, dialog.save_button)
    assert not dialog.isVisible() and dialog.result_view.answers == {"overall": 4}


def test_no_survey_button_before_the_service_is_delivered(qtbot, window, ctx, as_):
    _a, request = submitted_request(ctx)
    window.open_request(request.id)
    assert not window.page.survey.button.isVisible()
    assert not window.page.survey.note.isVisible()


def test_the_page_in_english(qtbot, app, ctx, as_):
    from ajfar_desk.ui.shell.language import apply_language

    boss = as_("boss")
    _complaint(boss)
    page = _page(qtbot, boss, today=DAY + dt.timedelta(days=9))
    apply_language("en", app)
    page.retranslate()
    assert page.title.text() == "Complaints and suggestions"
    assert "1" in page.banner.message.text() and "١" not in page.banner.message.text()
    assert "Escalated" in _cells(page, 0)[7]


def test_the_scale_speaks_of_a_woman_in_her_gender(qtbot, app, ctx, as_):
    """Second trial: «راضٍ جدًا», «غير راضٍ إطلاقًا» of أسماء."""
    request = _delivered_request(ctx, as_)
    dialog = SurveyDialog(ctx, request.id, gender="female", reference=request.reference)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.rows["clarity"]
    row.buttons[1].setFocus()
    qtbot.keyClick(row.buttons[1], Qt.Key.Key_4)
    assert row.meaning.text() == "راضية"
    assert "راضية جدًا" in dialog.legend.text() and "راضٍ" not in dialog.legend.text()
    assert row.buttons[5].toolTip() == "راضية جدًا"
