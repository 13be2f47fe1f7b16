"""Where a request waits for the committee (trial 9, shot 150: it joined an agenda only once a
new meeting was opened, and the page did not say so), and whom a refused committee decision
belongs to (shot 151: the manager was refused without being told who decides)."""

from __future__ import annotations

import datetime as dt

from accounts import staff_accounts
from ajfar_desk.domain import permissions
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.committee import committee
from ajfar_desk.services.requests import casework
from ajfar_desk.ui.common import fmt
from printing.scenario import submitted_request


def test_the_request_page_says_where_the_request_waits(qtbot, window, ctx):
    as_ = staff_accounts(ctx, {"member": ("committee", "سعد القحطاني")})
    _a, request = submitted_request(ctx)
    casework.act(ctx, request.id, wf.FORWARD_TO_COMMITTEE)
    window.open_request(request.id)
    hint = window.page.steps.hint
    assert hint.isVisible() and "اجتماعها القادم فور فتح الاجتماع" in hint.text()
    meeting = committee.create_meeting(as_("member"), dt.date.today(), ["سعد القحطاني"])
    as_("admin")
    window.open_request(request.id)
    hint = window.page.steps.hint
    number = f"{fmt.number(ctx.profile, meeting.number)}/{fmt.number(ctx.profile, meeting.hijri_year)}"
    assert "اجتماعها المفتوح" in hint.text() and number in hint.text()


def test_a_refused_committee_decision_says_who_decides(app):
    message = permissions.PermissionDenied(permissions.MANAGER, permissions.DECIDE).message
    assert "«المدير»" in message and "لأعضاء اللجنة وحدهم" in message
    other = permissions.PermissionDenied(permissions.MANAGER, permissions.WRITE_STUDY).message
    assert "أعضاء اللجنة" not in other
