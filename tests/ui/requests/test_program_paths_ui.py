"""Al-Huda at the desk: an immediate service delivered from its draft with the keyboard, an
appeal of a rejection recorded with its grounds, and a declaration that no longer matches."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from accounts import staff_accounts
from ajfar_desk import i18n
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicants import DocumentInput
from ajfar_desk.services.committee import committee
from ajfar_desk.services.requests import appeals, casework, delivery
from ajfar_desk.services.users import setup
from ajfar_desk.ui.common import fmt
from ajfar_desk.ui.requests.request_form import RequestForm
from ajfar_desk.ui.requests.step_dialogs import DeliveryDialog, ReasonDialog
from printing.scenario import sign_declaration, submitted_request
from services.requests.test_program_paths import _draft

from ..conftest import type_text

STAFF = {"desk": ("front_desk", "نورة موظفة الاستقبال"), "member": ("committee", "سعد عضو اللجنة")}


@pytest.fixture
def ctx(store):
    return setup.init_store(store, "alhuda", None, "admin", "password123")


@pytest.fixture
def as_(ctx):
    return staff_accounts(ctx, STAFF)


def _open(window, request_id) -> RequestForm:
    window.retranslate()
    window.open_request(request_id)
    assert isinstance(window.page, RequestForm)
    return window.page


def test_an_immediate_service_is_delivered_from_its_draft_with_the_keyboard(qtbot, window, as_):
    desk = as_("desk")
    _a, draft = _draft(desk, "health_services")
    form = _open(window, draft.id)
    assert form.submit_button.isHidden()  # never submitted: delivered at once
    assert set(form.steps.buttons) == {wf.CANCEL, wf.DELIVER_IMMEDIATELY}
    assert form.keys.trigger(wf.DELIVER)  # Alt+E, as for any delivery
    dialog = form.steps.dialog
    assert isinstance(dialog, DeliveryDialog) and dialog.isVisible()
    assert dialog.windowTitle() == i18n._("Deliver the service now")
    qtbot.waitUntil(dialog.description.hasFocus, timeout=2000)  # opens on its first field
    type_text(qtbot, dialog.description, "إسعافات أولية")
    type_text(qtbot, dialog.quantity, "٢")  # an Arabic keyboard's: shown in the profile's digits
    qtbot.keyClicks(dialog.amount, "150")
    shown = (fmt.number(desk.profile, 2), fmt.number(desk.profile, 150))  # Al-Huda's digits
    assert (dialog.quantity.text(), dialog.amount.text()) == shown
    dialog.acknowledged.setFocus()
    qtbot.keyClick(dialog.acknowledged, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert form.request.status == wf.DELIVERED and form.request.answer_due is None
    (done,) = delivery.deliveries(desk, draft.id)
    assert done.description == "إسعافات أولية" and (done.quantity, done.amount) == (2, 150)
    assert wf.CLOSE in form.steps.buttons


def test_ctrl_enter_on_an_immediate_service_says_how_it_is_given(qtbot, window, as_):
    """The desk's habit, Ctrl+Enter to submit, on a draft that is never submitted: a line
    naming the key that delivers it, not silence; nothing changes."""
    _a, draft = _draft(as_("desk"), "health_services")
    form = _open(window, draft.id)
    window.show()
    qtbot.waitExposed(window)
    form.description.setFocus()
    qtbot.keyClick(form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.error.isVisible()
    assert i18n._("Deliver the service now") in form.error.text() and "Alt+E" in form.error.text()
    assert form.request.status == wf.DRAFT


def test_a_relief_request_offers_no_immediate_delivery(qtbot, window, as_):
    _a, draft = _draft(as_("desk"), "relief")
    form = _open(window, draft.id)
    assert form.submit_button.isVisible()
    assert wf.DELIVER_IMMEDIATELY not in form.steps.buttons
    assert not form.keys.trigger(wf.DELIVER)


def test_the_desk_records_an_appeal_with_its_grounds(qtbot, window, ctx, as_):
    _a, request = submitted_request(as_("desk"))
    casework.act(ctx, request.id, wf.FORWARD_TO_COMMITTEE)
    member = as_("member")
    meeting = committee.create_meeting(member, dt.date.today(), ["سعد"])
    committee.decide(member, meeting.id, request.id, "reject", reason="اكتمل العدد")
    as_("desk")
    form = _open(window, request.id)
    assert wf.APPEAL in form.steps.buttons
    form.steps.buttons[wf.APPEAL].click()
    dialog = form.steps.dialog
    assert isinstance(dialog, ReasonDialog) and dialog.isVisible()
    type_text(qtbot, dialog.reason, "لدي خبرة سابقة في خدمة الحجاج")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert form.request.status == wf.APPEALED and form.steps.hint.isVisible()
    assert appeals.appeal_of(ctx, request.id).grounds == "لدي خبرة سابقة في خدمة الحجاج"


def test_the_form_says_when_the_signed_declaration_no_longer_matches(qtbot, window, ctx, as_):
    desk = as_("desk")
    a, draft = _draft(desk, "volunteering")
    sign_declaration(desk, draft.id)  # signed with the documents, the ID valid to DAY + 400 days
    form = _open(window, draft.id)
    assert form.stale.isHidden()
    # the ID renewed after signing: the signed paper lists the old card's validity
    applicants.add_document(desk, a.id, DocumentInput("national_id", "", "2024-01-01", "2036-01-01"))
    form.reload()
    assert form.stale.isVisible()
    assert ctx.profile.document_kind("national_id").name("ar") in form.stale.message.text()
