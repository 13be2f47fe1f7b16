"""The request page is never rebuilt under a running slot (CI crashed twice, a segmentation
fault inside ``QListWidget.clear()`` while the page refreshed after an action): its lists keep
their items and change what changed, a tick and a change announced by a service refresh the
page once the event loop runs again (once for many), and a step still offered keeps its
button."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from ajfar_desk.domain import requests as rules
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicants import DocumentInput
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import submitted_request

from .test_eligibility_ui import _draft, aman_window  # noqa: F401 - the Aman store's window


def items(widget: QListWidget) -> list[int]:
    """The rows' items, as the C++ objects they are."""
    return [shiboken6.getCppPointer(widget.item(row))[0] for row in range(widget.count())]


def open_draft(window, ctx) -> RequestForm:
    _applicant, request = submitted_request(ctx, submit=False)
    documents.issue(ctx, request.id, "declaration")
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    return form


def test_the_lists_keep_their_items_when_the_page_is_shown_again(qtbot, window, ctx):
    form = open_draft(window, ctx)
    lists = (form.checklist, form.papers.list, form.eligibility.lines)
    before = [items(widget) for widget in lists]
    assert all(before[:2]), "documents and a paper listed"
    form.reload()
    assert [items(widget) for widget in lists] == before


def test_a_list_shown_again_from_a_slot_of_its_own_item(qtbot, window, ctx):
    """Enter on a document's line, and the line's slot shows the page again, then reads the
    item it was given: the item is still there (``clear()`` had deleted it under the slot)."""
    form = open_draft(window, ctx)
    read = []

    def activated(item) -> None:
        form.reload()
        read.append(item.text())

    form.checklist.itemActivated.connect(activated)
    form.checklist.setFocus()
    qtbot.keyClick(form.checklist, Qt.Key.Key_Home)
    qtbot.keyClick(form.checklist, Qt.Key.Key_Return)
    assert read == [form.checklist.item(0).text()]


def test_a_change_announced_under_the_pages_slot_is_shown_after_it(qtbot, window, ctx):
    """A service called from a slot of the checklist announces its changes while the slot runs:
    the page is shown again once the slot has returned, once for all the changes."""
    form = open_draft(window, ctx)
    reloads = []
    original = form.reload
    form.reload = lambda: (reloads.append(1), original())
    missing = form.request.checklist[-1].kind
    during = []

    def activated(_item) -> None:
        kind = ctx.profile.document_kind(missing)
        applicants.add_document(ctx, form.applicant_id, DocumentInput(  # announces a change
            missing, "" if missing in ("national_id", "iqama") else "B-2", "2021-01-01",
            "2036-01-01" if kind.has_expiry else ""))
        requests.update_request(ctx, form.request.id, form.request.program, "phone", "")  # another
        during.append((form.reload_pending(), list(reloads)))

    form.checklist.itemActivated.connect(activated)
    form.checklist.setFocus()
    qtbot.keyClick(form.checklist, Qt.Key.Key_Return)
    assert during == [(True, [])]  # nothing rebuilt under the slot
    qtbot.waitUntil(lambda: not form.reload_pending())
    assert reloads == [1]  # two changes, one refresh
    assert form.request.channel == "phone"
    assert all(line.state == rules.OK for line in form.request.checklist)


def test_a_tick_refreshes_the_panel_once_the_loop_runs(qtbot, aman_window):  # noqa: F811
    ctx, window = aman_window
    req, _program = _draft(ctx, "06789123")
    window.open_request(req.id)
    panel = window.page.eligibility
    refreshes = []
    original = panel.refresh
    panel.refresh = lambda: (refreshes.append(1), original())
    lines = items(panel.lines)
    first, second = list(panel.checks.values())[:2]
    for box in (first, second):  # two ticks before the loop runs
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    assert panel.refresh_pending() and refreshes == []  # not under the box's toggled
    qtbot.waitUntil(lambda: not panel.refresh_pending())
    assert refreshes == [1]
    passed = [panel.lines.item(row).data(Qt.ItemDataRole.UserRole) for row in range(panel.lines.count())]
    assert passed.count(True) >= 2 and items(panel.lines) == lines


def test_a_step_still_offered_keeps_its_button(qtbot, window, ctx):
    _applicant, request = submitted_request(ctx)
    window.open_request(request.id)
    form = window.page
    before = dict(form.steps.buttons)
    assert wf.CANCEL in before
    form.reload()
    assert form.steps.buttons == before  # the same buttons, not new ones
    cancel = before[wf.CANCEL]
    qtbot.keyClick(form, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # refer to the researcher
    qtbot.waitUntil(lambda: requests.get_request(ctx, request.id).status == wf.WITH_RESEARCHER)
    kept = {a: b for a, b in form.steps.buttons.items() if a in before}
    assert all(b is before[a] for a, b in kept.items())
    assert wf.REFER_TO_RESEARCHER not in form.steps.buttons
    if wf.CANCEL in form.steps.buttons:
        assert form.steps.buttons[wf.CANCEL] is cancel
