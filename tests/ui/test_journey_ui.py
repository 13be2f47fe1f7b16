"""A request's journey through the GUI: next steps per role, the timeline, cancelling and
reopening with a reason, delivery, the toolbar per role, overdue requests and the status lookup."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from accounts import staff_accounts
from ajfar_desk import i18n
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.digits import localize_digits
from ajfar_desk.domain.people import ROLES, short_name
from ajfar_desk.services.committee import committee
from ajfar_desk.services.requests import casework, delivery, requests
from ajfar_desk.services.users import setup
from ajfar_desk.ui.requests.overdue_view import OverdueView
from ajfar_desk.ui.requests.request_form import RequestForm
from ajfar_desk.ui.requests.step_dialogs import DeliveryDialog, ReasonDialog
from ajfar_desk.ui.shell.app import build_main_window
from printing.scenario import submitted_request

from .conftest import type_text
from .papers.test_papers_ui import draw

PASSWORD = "password123"
STAFF = {
    "desk": ("front_desk", "نورة موظفة الاستقبال"),
    "rep": ("branch_rep", "ماجد مندوب الفرع"),
    "researcher": ("researcher", "خالد الباحث الاجتماعي"),
    "member": ("committee", "سعد عضو اللجنة"),
    "boss": ("manager", "منيرة المديرة"),
}
ACCOUNT = {role: username for username, (role, _name) in STAFF.items()}


@pytest.fixture
def staff(ctx):
    """Creates the staff accounts; ``staff(window, name)`` signs one in and updates the window."""
    as_ = staff_accounts(ctx, STAFF, PASSWORD)

    def sign_in(window, username: str):
        as_(username)
        if window is not None:
            window.retranslate()
        return ctx

    return sign_in


def _form(window) -> RequestForm:
    assert isinstance(window.page, RequestForm)
    return window.page


def _click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _last_event(form: RequestForm):
    model = form.timeline.model
    return model.rows[-1], [model.data(model.index(len(model.rows) - 1, c)) for c in range(model.columnCount())]


def test_desk_refers_cancels_with_a_reason_and_the_manager_reopens(qtbot, window, ctx, staff):
    _a, request = submitted_request(ctx)
    staff(window, "desk")
    window.open_request(request.id)
    form = _form(window)
    assert set(form.steps.buttons) == {wf.REFER_TO_RESEARCHER, wf.FORWARD_TO_COMMITTEE, wf.CANCEL}
    assert not form.steps.hint.isVisible()

    _click(qtbot, form.steps.buttons[wf.REFER_TO_RESEARCHER])
    assert form.request.status == wf.WITH_RESEARCHER
    assert wf.state_label(wf.WITH_RESEARCHER) in form.reference.text()
    event, cells = _last_event(form)
    assert event.action == wf.REFER_TO_RESEARCHER
    assert STAFF["desk"][1] in cells[3] and i18n._(ROLES["front_desk"]) in cells[3]
    assert i18n._(wf.ACTION_LABELS[wf.REFER_TO_RESEARCHER]) in cells[1]
    # The timeline tab is reachable from the keyboard, and says the same in words.
    form.tabs.setFocus()
    qtbot.keyClick(form.tabs.tabBar(), Qt.Key.Key_Right if form.isRightToLeft() else Qt.Key.Key_Left)
    if form.tabs.currentIndex() != 1:
        qtbot.keyClick(form.tabs.tabBar(), Qt.Key.Key_Left if form.isRightToLeft() else Qt.Key.Key_Right)
    assert form.tabs.currentIndex() == 1 and form.timeline.table.isVisible()

    # Cancelling needs a reason: refused without one, the dialog stays open.
    _click(qtbot, form.steps.buttons[wf.CANCEL])
    dialog = form.steps.dialog
    assert isinstance(dialog, ReasonDialog) and dialog.isVisible()
    _click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.boxes["reason"].error.isVisible()
    assert form.request.status == wf.WITH_RESEARCHER
    type_text(qtbot, dialog.reason, "طلب المستفيد سحب الطلب")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert form.request.status == wf.CANCELLED
    event, cells = _last_event(form)
    assert event.action == wf.CANCEL and "طلب المستفيد سحب الطلب" in cells[-1]
    assert form.steps.buttons == {} and not form.steps.isVisible()  # only a manager reopens

    staff(window, "boss")
    form = _form(window)  # the same page, now for the manager
    assert set(form.steps.buttons) == {wf.REOPEN}
    _click(qtbot, form.steps.buttons[wf.REOPEN])
    type_text(qtbot, form.steps.dialog.reason, "تظلم المستفيد")
    _click(qtbot, form.steps.dialog.ok_button)
    assert form.request.status == wf.WITH_RESEARCHER  # where it was before it was cancelled
    assert [e.action for e in form.timeline.model.rows] == [
        casework.CREATE, wf.SUBMIT, wf.REFER_TO_RESEARCHER, wf.CANCEL, wf.REOPEN]
    event, cells = _last_event(form)
    assert event.reason == "تظلم المستفيد" and STAFF["boss"][1] in cells[3]


def test_a_stale_button_is_refused_in_the_form_not_a_crash(qtbot, window, ctx, staff):
    _a, request = submitted_request(ctx)
    staff(window, "desk")
    window.open_request(request.id)
    form = _form(window)
    setup.sign_in(ctx, "researcher", PASSWORD)  # another user took the desk, window not updated
    _click(qtbot, form.steps.buttons[wf.REFER_TO_RESEARCHER])
    assert form.error.isVisible() and form.error.text()
    assert form.request.status == wf.SUBMITTED


def test_awaiting_the_committee_then_the_desk_records_the_delivery(qtbot, window, ctx, staff):
    _a, request = submitted_request(ctx)
    desk = staff(window, "desk")
    casework.act(desk, request.id, wf.FORWARD_TO_COMMITTEE)
    window.open_request(request.id)
    form = _form(window)
    assert form.steps.hint.isVisible()
    assert form.steps.hint.text().startswith(i18n._("Awaiting the committee's decision"))  # and where it waits
    assert wf.APPROVE not in form.steps.buttons and wf.CANCEL in form.steps.buttons

    member = staff(None, "member")  # the committee decides on its board (services here)
    meeting = committee.create_meeting(member, dt.date.today(), ["سعد", "فهد"])
    committee.decide(member, meeting.id, request.id, "approve", service="سلة غذائية", amount="1500")
    qtbot.waitUntil(lambda: _form(window).request.status == wf.APPROVED)  # the open form followed
    assert i18n._("Approved") in _form(window).reference.text()
    staff(window, "desk")
    form = _form(window)
    assert form.request.status == wf.APPROVED and not form.steps.hint.isVisible()
    assert set(form.steps.buttons) == {wf.DELIVER, wf.CANCEL}

    _click(qtbot, form.steps.buttons[wf.DELIVER])
    dialog = form.steps.dialog
    assert isinstance(dialog, DeliveryDialog) and dialog.isVisible()
    assert dialog.description.text() == "سلة غذائية"  # what the committee approved
    assert dialog.date_note.text()  # today, in both calendars
    assert _paragraph_direction(dialog.date_note.text()) == "R"  # «هـ» stays beside its year
    _click(qtbot, dialog.ok_button)  # not acknowledged yet
    assert dialog.isVisible() and dialog.ack_error.isVisible()
    dialog.quantity.clear()
    type_text(qtbot, dialog.quantity, "١")
    dialog.acknowledged.setFocus()
    qtbot.keyClick(dialog.acknowledged, Qt.Key.Key_Space)  # the keyboard ticks it
    assert dialog.acknowledged.isChecked()
    draw(dialog.pad_box.pad, [(40, 100), (120, 60), (200, 110)])
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert form.request.status == wf.DELIVERED
    (done,) = delivery.deliveries(ctx, request.id)
    assert done.description == "سلة غذائية" and done.acknowledged and str(done.amount) == "1500.00"
    event, cells = _last_event(form)
    assert event.action == wf.DELIVER and "سلة غذائية" in cells[-1]

    _click(qtbot, form.steps.buttons[wf.CLOSE])  # asks first (answered yes)
    assert form.request.status == wf.CLOSED


EXPECTED = {  # role -> toolbar actions it sees
    "front_desk": {"search", "new", "worklist", "overdue", "verify", "guides", "enquiries", "appointments",
                   "complaints"},
    "branch_rep": {"search", "new", "worklist", "overdue", "verify", "guides", "enquiries", "appointments",
                   "complaints", "sync"},
    "researcher": {"search", "inbox", "guides", "enquiries", "appointments", "complaints"},  # those referred
    "committee": {"committee", "guides", "complaints"},
    # a manager's requests list and outbox are in the status bar (the toolbar is full at 1280 px)
    "manager": {"search", "new", "worklist", "overdue", "inbox", "committee", "verify", "guides", "audit",
                "enquiries", "complaints", "dashboard", "sync", "outbox"},
    # the administrator acts as a manager at the desk (README), and manages the accounts, the
    # backups and the association's profile
    "admin": {"search", "new", "worklist", "overdue", "verify", "guides", "enquiries", "complaints",
              "audit", "users", "dashboard", "sync", "outbox", "backups", "profile"},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_toolbar_shows_what_the_role_uses(qtbot, window, ctx, staff, role):
    staff(window, ACCOUNT.get(role, "admin"))
    missing = {key for key, factory in window.factories.items() if factory is None}
    assert window.visible_actions() == EXPECTED[role] - missing
    assert window.home.register_button.isHidden() == ("new" not in EXPECTED[role])
    assert i18n._(ROLES[role]) in window.status_label.text()
    assert short_name(ctx.user.full_name) in window.status_label.text()
    assert ctx.user.full_name in window.status_label.toolTip()  # the whole name
    window.language_action.trigger()
    assert ROLES[role] in window.status_label.text()  # in English too
    assert window.visible_actions() == EXPECTED[role] - missing


def test_a_window_built_for_the_committee_starts_where_its_work_is(qtbot, app, ctx, staff):
    staff(None, "member")
    win = build_main_window(ctx)
    qtbot.addWidget(win)
    start = win.stack.currentWidget()
    if win.factories["committee"] is None:
        assert start is win.guides  # no search for the committee
    else:
        assert start is win.tool_pages["committee"]


def test_overdue_requests_are_listed_and_open(qtbot, window, ctx, staff):
    late_day = dt.date.today() - dt.timedelta(days=40)
    _a, request = submitted_request(ctx, on=late_day)
    staff(window, "desk")
    window.overdue_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, OverdueView)
    qtbot.waitUntil(lambda: not view.loading)  # loaded on a worker thread
    (line,) = view.model.rows
    assert line.reference == request.reference and line.days_late == (dt.date.today() - request.answer_due).days
    days = view.model.data(view.model.index(0, view.model.columnCount() - 1))
    assert localize_digits(str(line.days_late), ctx.profile.digits) in days

    # the page opens on its list: Enter opens the first (the longest late), not «Refresh»
    assert view.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    form = _form(window)
    assert form.request_id == request.id
    assert form.overdue.isVisible()
    assert "⚠" in form.overdue.message.text()
    assert localize_digits(str(line.days_late), ctx.profile.digits) in form.overdue.message.text()

    window.overdue_action.trigger()  # and with a double click
    assert window.stack.currentWidget() is view
    qtbot.waitUntil(lambda: not view.loading)
    rect = view.table.visualRect(view.model.index(0, 1))
    with qtbot.waitSignal(view.open_request) as opened:  # press, release, then the double click
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [request.id]
    assert _form(window).request_id == request.id and window.stack.currentWidget() is window.page


def test_status_lookup_by_national_id_for_an_applicant_who_phones_in(qtbot, window, ctx, staff):
    _a, request = submitted_request(ctx)
    staff(window, "desk")
    home = window.home
    assert not home.lookup_list.isVisible()
    type_text(qtbot, home.search_box, localize_digits(request.national_id, "arabic"))
    qtbot.waitUntil(lambda: home.lookup_list.isVisible())
    assert home.lookup_list.count() == 1
    text = home.lookup_list.item(0).text()
    assert wf.state_label(wf.SUBMITTED) in text and "AJF" in text
    assert len(home.model.rows) == 1  # the search results are still there

    home.search_box.clear()
    type_text(qtbot, home.search_box, request.national_id[:6])  # not a whole ID: no lookup
    qtbot.waitUntil(lambda: home._searched == localize_digits(request.national_id[:6], "arabic"))
    assert not home.lookup_list.isVisible()

    home.search_box.clear()
    type_text(qtbot, home.search_box, request.reference.lower())
    qtbot.waitUntil(lambda: home.lookup_list.isVisible())
    home.lookup_list.setFocus()
    home.lookup_list.setCurrentRow(0)
    qtbot.keyClick(home.lookup_list, Qt.Key.Key_Return)
    assert _form(window).request_id == request.id


def test_enter_on_a_typed_request_number_opens_that_request(qtbot, window, ctx, staff):
    """The applicant's first request was opened instead of the one whose number was typed."""
    _a, first = submitted_request(ctx)
    staff(window, "boss")
    second = requests.create_request(ctx, first.applicant_id, first.program, ctx.profile.channels[0].code)
    staff(window, "desk")
    window.show_home()
    home = window.home
    home.search_box.setFocus()
    type_text(qtbot, home.search_box, localize_digits(second.reference, "arabic"))
    qtbot.keyClick(home.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, RequestForm))
    assert _form(window).request_id == second.id
    window.show_home()
    home.search_box.clear()
    type_text(qtbot, home.search_box, first.national_id)  # a national ID still opens the file
    qtbot.keyClick(home.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isinstance(window.page, RequestForm) and window.page is not home)


def test_sign_out_hands_the_desk_to_the_next_person(qtbot, app, ctx, staff):
    """Each role signs in as itself: signing out forgets the user and the sign-in dialog lets
    the next person in, whose window shows their own work."""
    from ajfar_desk.ui.shell.app import build_main_window
    from ajfar_desk.ui.shell.sign_in import SignInDialog

    staff(None, "desk")
    first = build_main_window(ctx)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.signed_out):
        first.sign_out_action.trigger()
    assert ctx.user is None
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.username.setText("member")
    dialog.password.setText("wrong-password")
    dialog.try_sign_in()
    assert ctx.user is None  # refused: nobody is signed in yet
    dialog.password.setText(PASSWORD)
    dialog.try_sign_in()
    assert ctx.user is not None and ctx.role == "committee"
    second = build_main_window(ctx)
    qtbot.addWidget(second)
    assert second.may_show("committee") and not second.may_show("users")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_managers_toolbar_fits_a_laptop_screen(qtbot, window, ctx, staff, lang):
    staff(window, "boss")
    window.resize(1280, 800)
    window.set_language(lang)
    qtbot.wait(50)
    shown = [a for a in window.toolbar.actions() if a.isVisible()]
    assert len(shown) >= 11
    hidden = [a.text() for a in shown if not window.toolbar.widgetForAction(a).isVisible()]
    assert hidden == []  # nothing pushed into the "»" overflow menu


def _paragraph_direction(text: str) -> str:
    """"L" or "R": the paragraph direction Qt takes from a label's text (the first strong
    character outside isolates, Unicode's rule P2); "L" when there is none."""
    import unicodedata

    depth = 0
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == "\u2069":
            depth = max(0, depth - 1)
        elif depth == 0 and (kind := unicodedata.bidirectional(ch)) in ("L", "R", "AL"):
            return "L" if kind == "L" else "R"
    return "L"


def test_what_the_committee_asked_for_is_at_the_top_of_the_page(qtbot, window, ctx, staff):
    """Trial 10: back at the desk, what was needed was only at the bottom of the history."""
    _a, request = submitted_request(ctx)
    desk = staff(window, "desk")
    casework.act(desk, request.id, wf.FORWARD_TO_COMMITTEE)
    member = staff(None, "member")
    meeting = committee.create_meeting(member, dt.date.today(), ["سعد", "فهد"])
    committee.decide(member, meeting.id, request.id, "more_info", reason="صك الإعالة محدَّثًا")
    staff(window, "desk")
    window.open_request(request.id)
    line = _form(window).reference.text()
    assert i18n._("More information needed") in line and line.endswith(": صك الإعالة محدَّثًا")


def test_signing_out_from_a_request_reloads_no_page_for_nobody(qtbot, window, ctx, staff, monkeypatch):
    """Trial 12: signing out from a request page closed it while shown, the Overdue page built
    earlier came up in its place and reloaded with nobody signed in (a refusal in the log)."""
    _a, request = submitted_request(ctx, on=dt.date.today() - dt.timedelta(days=40))
    staff(window, "desk")
    window.overdue_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, OverdueView)
    qtbot.waitUntil(lambda: not view.loading)
    window.open_request(request.id)
    assert isinstance(window.stack.currentWidget(), RequestForm)
    loads_for_nobody = []
    real_reload = OverdueView.reload
    monkeypatch.setattr(OverdueView, "reload",
                        lambda self: loads_for_nobody.append(ctx.user) if ctx.user is None else real_reload(self))
    with qtbot.waitSignal(window.signed_out):
        window.sign_out_action.trigger()
    assert loads_for_nobody == []
